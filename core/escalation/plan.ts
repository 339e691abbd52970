import type { Partnership, LadderAudience } from '../../config/partnership/schema';
import type { WorkingCalendar } from '../calendar';

/**
 * The escalation ladder of one action, from the partnership file: reminders before the due date, then the
 * rungs after it. Every step starts at the beginning of a working day (working hours, Europe/London, no
 * weekends, bank holidays or closure days).
 *
 * - `remind-<n>`: the owner is reminded at the start of the working day n working days before the due date.
 * - `ladder-<i>`: rung i (`afterWorkingDays: d`) fires on the first working morning on which the action is
 *   d working days overdue (at least 1: an action is overdue from the first working day after its due date).
 */
export interface LadderStep {
  key: string;
  audience: LadderAudience;
  kind: 'reminder' | 'rung';
  /** For reminders: working days before the due date; for rungs: working days overdue. */
  days: number;
  at: Date;
}

export function ladderSteps(
  p: Pick<Partnership, 'escalation'>,
  cal: WorkingCalendar,
  dueDate: string,
): LadderStep[] {
  const reminders = [...new Set(p.escalation.remindBeforeWorkingDays)]
    .sort((a, b) => b - a)
    .map<LadderStep>((n) => ({
      key: `remind-${n}`,
      audience: 'owner',
      kind: 'reminder',
      days: n,
      at: cal.atStartOfWorkingDay(cal.addWorkingDays(dueDate, -n)),
    }));
  const rungs = p.escalation.ladder.map<LadderStep>((r, i) => ({
    key: `ladder-${i}`,
    audience: r.notify,
    kind: 'rung',
    days: Math.max(1, r.afterWorkingDays),
    at: cal.atStartOfWorkingDay(cal.addWorkingDays(dueDate, Math.max(1, r.afterWorkingDays))),
  }));
  return [...reminders, ...rungs];
}

/** The first step after `afterKey` (or the first at all), skipping reminders already in the past at `now`. */
export function nextStep(
  steps: readonly LadderStep[],
  afterKey: string | null,
  now: Date,
): LadderStep | undefined {
  const from = afterKey === null ? 0 : steps.findIndex((s) => s.key === afterKey) + 1;
  return steps.slice(from).find((s) => s.kind === 'rung' || s.at.getTime() > now.getTime());
}

/** Working days overdue on `today` (0 when not yet overdue). */
export function workingDaysOverdue(cal: WorkingCalendar, dueDate: string, today: string): number {
  return today > dueDate ? cal.countWorkingDays(dueDate, today) : 0;
}

/** The ladder step key as recorded: unique per action and ladder cycle. */
export const stepKey = (cycle: number, key: string): string => `${cycle}:${key}`;
