import type { Partnership, Person } from '../../config/partnership/schema';

/**
 * Who may do what with Rapid Reviews, from the partnership file and the review's own record; never from
 * card data. The business unit and the review's chair manage; the Independent Scrutineer reads.
 */
export function isBusinessUnit(person: Person): boolean {
  return person.roles.includes('business-unit') || person.roles.includes('business-unit-manager');
}

/** The chairs of the subgroup that runs Rapid Reviews (rapidReview.runBy). */
export function runningChairs(partnership: Partnership): string[] {
  return partnership.subgroups.find((g) => g.id === partnership.rapidReview.runBy)?.chairs ?? [];
}

export function canOpen(partnership: Partnership, person: Person): boolean {
  return isBusinessUnit(person) || runningChairs(partnership).includes(person.id);
}

export function canManage(person: Person, review: { chair_id: string }): boolean {
  return isBusinessUnit(person) || review.chair_id === person.id;
}

export function canRead(person: Person, review: { chair_id: string }): boolean {
  return canManage(person, review) || person.roles.includes('scrutineer');
}

export function canAnswer(
  person: Person,
  request: { addressee_id: string; delegate_id: string | null },
): boolean {
  return request.addressee_id === person.id || request.delegate_id === person.id;
}
