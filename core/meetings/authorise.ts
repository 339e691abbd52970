import type { Partnership, Person } from '../../config/partnership/schema';

const BUSINESS_UNIT = ['business-unit-manager', 'business-unit'] as const;

export function isBusinessUnit(person: Person): boolean {
  return person.roles.some((r) => (BUSINESS_UNIT as readonly string[]).includes(r));
}

/** Who may book for a Rapid Review: its chair, the chairs of the group that runs reviews, the business unit. */
export function mayBookForReview(p: Partnership, person: Person, reviewChairId: string | undefined): boolean {
  if (isBusinessUnit(person) || person.id === reviewChairId) return true;
  return p.subgroups.some((g) => g.id === p.rapidReview.runBy && g.chairs.includes(person.id));
}

/** Who may book for a subgroup: its chairs and the business unit. */
export function mayBookForSubgroup(p: Partnership, person: Person, subgroupId: string): boolean {
  if (isBusinessUnit(person)) return true;
  return p.subgroups.some((g) => g.id === subgroupId && g.chairs.includes(person.id));
}

/** Anyone who could book something: shown the command and the purpose picker. */
export function mayBookAnything(p: Partnership, person: Person): boolean {
  return isBusinessUnit(person) || p.subgroups.some((g) => g.chairs.includes(person.id));
}
