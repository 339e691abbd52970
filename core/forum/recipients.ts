import type { Partnership } from '../../config/partnership/schema';

export interface ForumRecipient {
  personId: string;
  schoolId: string;
  phase: string;
  role: 'dsl' | 'deputy';
}

/**
 * Every school's DSL, and its deputies when the partnership file says so. A person listed for several
 * schools gets one form, counted with the first school that names them.
 */
export function forumRecipients(p: Partnership): ForumRecipient[] {
  const includeDeputies = p.forum?.includeDeputies ?? false;
  const seen = new Set<string>();
  const out: ForumRecipient[] = [];
  const add = (personId: string, schoolId: string, phase: string, role: 'dsl' | 'deputy') => {
    if (seen.has(personId)) return;
    seen.add(personId);
    out.push({ personId, schoolId, phase, role });
  };
  for (const school of p.schools) {
    add(school.dsl, school.id, school.phase, 'dsl');
    if (includeDeputies) for (const d of school.deputies) add(d, school.id, school.phase, 'deputy');
  }
  return out;
}
