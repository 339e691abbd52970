import type { LadderAudience, Person } from '../../config/partnership/schema';
import type { Directory } from '../directory/directory';

export interface ActionPeople {
  owner_id: string;
  subgroup_id: string;
}

/** Business unit staff (and its manager) run the partnership's trackers. */
export function isBusinessUnit(person: Person): boolean {
  return person.roles.includes('business-unit') || person.roles.includes('business-unit-manager');
}

export function chairsOf(directory: Directory, subgroupId: string): string[] {
  return directory.subgroup(subgroupId)?.chairs ?? [];
}

/** Who may create actions for a subgroup: the business unit and that subgroup's chairs. */
export function canCreateFor(directory: Directory, person: Person, subgroupId: string): boolean {
  return isBusinessUnit(person) || chairsOf(directory, subgroupId).includes(person.id);
}

/** Who may act on an escalation (extend, reassign, chase, complete, escalate): chairs, business unit, Executive. */
export function canManage(directory: Directory, person: Person, action: ActionPeople): boolean {
  return (
    isBusinessUnit(person) ||
    person.roles.includes('executive') ||
    chairsOf(directory, action.subgroup_id).includes(person.id)
  );
}

/** Who may record progress and evidence: the owner, and whoever may manage the action. */
export function canUpdate(directory: Directory, person: Person, action: ActionPeople): boolean {
  return action.owner_id === person.id || canManage(directory, person, action);
}

/** The people a ladder step notifies; the owner is never escalated to about their own action. */
export function recipientsFor(
  directory: Directory,
  audience: LadderAudience,
  action: ActionPeople,
): string[] {
  const others = (ids: string[]) => [...new Set(ids)].filter((id) => id !== action.owner_id);
  switch (audience) {
    case 'owner':
      return [action.owner_id];
    case 'subgroup-chair':
      return others(chairsOf(directory, action.subgroup_id));
    case 'business-unit-manager':
      return others(directory.withRole('business-unit-manager').map((p) => p.id));
    case 'executive':
      return others(directory.withRole('executive').map((p) => p.id));
  }
}

/** People an action can be (re)assigned to in a subgroup: its chairs and members. */
export function membersOf(directory: Directory, subgroupId: string): string[] {
  const g = directory.subgroup(subgroupId);
  return g ? [...new Set([...g.chairs, ...g.members])] : [];
}

export const AUDIENCE_LABELS: Record<LadderAudience, string> = {
  owner: 'the owner',
  'subgroup-chair': 'the subgroup chair',
  'business-unit-manager': 'the business unit manager',
  executive: 'the Executive',
};
