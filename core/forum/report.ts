import type { Services } from '../services/services';
import { anonymiser } from './anonymise';
import { formatDay, formatMoment } from './format';
import type { ForumSession } from './sessions-store';
import { OTHER_THEME, themeMatchers } from './themes';

export interface ForumReportRow {
  /** Only when the form was not anonymous. */
  school?: string;
  phase?: string;
  person?: string;
  usefulness: number;
  successes: string;
  issues: string;
  topics: string;
  consent: boolean;
  themes: string[];
}

export interface ForumReport {
  partnership: string;
  reference: string;
  title: string;
  halfTerm: string;
  sessionDate: string;
  status: string;
  deadline: string;
  anonymous: boolean;
  schools: { total: number; answered: number; rate: number };
  people: { total: number; answered: number };
  byPhase: Array<{ phase: string; label: string; schools: number; answered: number; rate: number }>;
  answers: number;
  usefulness: { average: number | null; counts: [number, number, number, number, number] };
  themes: Array<{ id: string; label: string; count: number; quotes: string[]; reply: string }>;
  topics: string[];
  consent: number;
  /** Who agreed to be contacted; empty when the form was anonymous. */
  contacts: Array<{ school: string; person: string; email: string }>;
  rows: ForumReportRow[];
  /**
   * An anonymous form still open: what the answers say (ratings, themes, quotes, topics) waits for the
   * close, or each report opened while answers arrive would show which new answer came in with which phase.
   */
  withheldUntilClose: boolean;
}

export function phaseLabel(phase: string): string {
  const s = phase.replace(/-/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

/**
 * The report on one session's answers: response rate overall and by school phase (from who answered,
 * never from the answers), usefulness, issues grouped into the partnership's themes with anonymised
 * quotes, and topics requested. Free text is always anonymised; for an anonymous form nothing in it
 * names a person or school, and answers are listed in an order unrelated to when they came in.
 */
export async function buildForumReport(s: Services, session: ForumSession): Promise<ForumReport> {
  const recipients = await s.db
    .selectFrom('forum_recipients')
    .select(['person_id', 'school_id', 'phase', 'answered_at'])
    .where('session_id', '=', session.id)
    .execute();
  const answers = await s.db
    .selectFrom('forum_answers')
    .select(['person_id', 'school_id', 'phase', 'successes', 'issues', 'topics', 'usefulness', 'consent'])
    .where('session_id', '=', session.id)
    .orderBy('id')
    .execute();
  const replies = await s.db
    .selectFrom('forum_theme_replies')
    .select(['theme_id', 'text'])
    .where('session_id', '=', session.id)
    .execute();
  const anonymous = session.anonymous !== false;
  const clean = anonymiser(s.partnership);
  const schoolName = new Map(s.partnership.schools.map((x) => [x.id, x.name]));

  const schools = new Map<string, { phase: string; answered: boolean }>();
  for (const r of recipients) {
    const entry = schools.get(r.school_id) ?? { phase: r.phase, answered: false };
    entry.answered ||= r.answered_at !== null;
    schools.set(r.school_id, entry);
  }
  const phases = new Map<string, { schools: number; answered: number }>();
  for (const { phase, answered } of schools.values()) {
    const p = phases.get(phase) ?? { schools: 0, answered: 0 };
    p.schools += 1;
    if (answered) p.answered += 1;
    phases.set(phase, p);
  }
  const answeredSchools = [...schools.values()].filter((x) => x.answered).length;

  const counts: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const a of answers) counts[a.usefulness - 1]! += 1;
  const total = answers.reduce((sum, a) => sum + a.usefulness, 0);

  const matchers = themeMatchers(s.partnership);
  const themed = new Map<string, string[]>();
  const rows: ForumReportRow[] = [];
  for (const a of answers) {
    const issues = clean(a.issues);
    const hit = issues ? matchers.filter((m) => m.matches(a.issues)).map((m) => m.id) : [];
    if (issues && hit.length === 0) hit.push(OTHER_THEME.id);
    for (const id of hit) themed.set(id, [...(themed.get(id) ?? []), issues]);
    rows.push({
      ...(anonymous
        ? {}
        : {
            school: a.school_id ? (schoolName.get(a.school_id) ?? a.school_id) : '',
            phase: a.phase ? phaseLabel(a.phase) : '',
            person: a.person_id ? (s.directory.person(a.person_id)?.displayName ?? a.person_id) : '',
          }),
      usefulness: a.usefulness,
      successes: clean(a.successes),
      issues,
      topics: clean(a.topics),
      consent: a.consent,
      themes: hit,
    });
  }
  const replyFor = new Map(replies.map((r) => [r.theme_id, r.text]));
  const themes = [...matchers, OTHER_THEME]
    .map((m) => ({
      id: m.id,
      label: m.label,
      count: themed.get(m.id)?.length ?? 0,
      quotes: [...(themed.get(m.id) ?? [])].sort((x, y) => x.localeCompare(y)),
      reply: replyFor.get(m.id) ?? '',
    }))
    .filter((t) => t.count > 0 || t.id !== OTHER_THEME.id);

  const contacts = anonymous
    ? []
    : answers
        .filter((a) => a.consent && a.person_id)
        .map((a) => {
          const person = s.directory.person(a.person_id!);
          return {
            school: a.school_id ? (schoolName.get(a.school_id) ?? a.school_id) : '',
            person: person?.displayName ?? a.person_id!,
            email: person?.email ?? '',
          };
        })
        .sort((x, y) => x.school.localeCompare(y.school) || x.person.localeCompare(y.person));

  const report: ForumReport = {
    partnership: s.partnership.shortName,
    reference: session.reference,
    title: session.title,
    halfTerm: session.half_term,
    sessionDate: formatDay(session.session_date),
    status: session.status,
    deadline: session.deadline_at ? formatMoment(session.deadline_at, s.partnership.timeZone) : '',
    anonymous,
    schools: { total: schools.size, answered: answeredSchools, rate: percent(answeredSchools, schools.size) },
    people: { total: recipients.length, answered: recipients.filter((r) => r.answered_at !== null).length },
    byPhase: [...phases.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([phase, p]) => ({
        phase,
        label: phaseLabel(phase),
        schools: p.schools,
        answered: p.answered,
        rate: percent(p.answered, p.schools),
      })),
    answers: answers.length,
    usefulness: { average: answers.length ? Math.round((total / answers.length) * 10) / 10 : null, counts },
    themes,
    topics: answers
      .map((a) => clean(a.topics))
      .filter(Boolean)
      .sort((x, y) => x.localeCompare(y)),
    consent: answers.filter((a) => a.consent).length,
    contacts,
    rows: [...rows].sort(
      anonymous
        ? (x, y) => x.issues.localeCompare(y.issues) || x.successes.localeCompare(y.successes)
        : (x, y) =>
            (x.school ?? '').localeCompare(y.school ?? '') || (x.person ?? '').localeCompare(y.person ?? ''),
    ),
    withheldUntilClose: false,
  };
  if (!anonymous || session.status === 'closed') return report;
  return {
    ...report,
    usefulness: { average: null, counts: [0, 0, 0, 0, 0] },
    themes: [],
    topics: [],
    consent: 0,
    rows: [],
    withheldUntilClose: true,
  };
}
