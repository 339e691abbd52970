import type { Person, Role } from '../../config/partnership/schema';

/** Who runs the forum: the Safeguarding Education Advisor and the business unit. */
export const FORUM_ORGANISER_ROLES: readonly Role[] = [
  'education-advisor',
  'business-unit',
  'business-unit-manager',
];
/** Who may read the report: the organisers and the Executive. */
export const FORUM_REPORT_ROLES: readonly Role[] = [...FORUM_ORGANISER_ROLES, 'executive'];

export function canOrganiseForum(p: Person): boolean {
  return p.roles.some((r) => FORUM_ORGANISER_ROLES.includes(r));
}

export function canReadForumReport(p: Person): boolean {
  return p.roles.some((r) => FORUM_REPORT_ROLES.includes(r));
}
