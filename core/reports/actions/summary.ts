import type { Kysely } from 'kysely';
import { LADDER_AUDIENCES, type LadderAudience, type Partnership } from '../../../config/partnership/schema';
import type { WorkingCalendar } from '../../calendar';
import type { Database } from '../../db/schema';
import { RECOMMENDATION_STAGES, type ActionStatus, type RecommendationStage } from '../../db/tables/actions';
import { workingDaysOverdue } from '../../escalation/plan';

export interface SubgroupActionCounts {
  subgroupId: string;
  name: string;
  /** Open or in progress. */
  open: number;
  inProgress: number;
  /** Open or in progress, and past the due date (at least one working day). */
  overdue: number;
  /** Working days overdue, summed over the overdue actions, and the worst of them. */
  daysOverdueTotal: number;
  daysOverdueMax: number;
  done: number;
  closedNotDone: number;
}

export interface EscalationLevelCounts {
  level: LadderAudience;
  /** Ladder steps taken at this level (by the sweep or "escalate now"), all cycles, all time. */
  steps: number;
  /** Open actions whose highest step so far is this level. */
  openActionsAtLevel: number;
}

export interface RecommendationCount {
  subgroupId: string;
  stage: RecommendationStage;
  count: number;
}

/** Per-action row of the report: identifiers and counts only, never an action's free text. */
export interface ActionReportRow {
  actionId: string;
  caseReference: string;
  subgroupId: string;
  ownerId: string;
  dueDate: string;
  status: ActionStatus;
  workingDaysOverdue: number;
  highestLevel: LadderAudience | '';
  source: string;
}

export interface ActionsSummary {
  partnership: string;
  /** The local date the counts are for (YYYY-MM-DD). */
  asOf: string;
  subgroups: SubgroupActionCounts[];
  escalations: EscalationLevelCounts[];
  recommendations: RecommendationCount[];
  actions: ActionReportRow[];
}

const emptyCounts = (subgroupId: string, name: string): SubgroupActionCounts => ({
  subgroupId,
  name,
  open: 0,
  inProgress: 0,
  overdue: 0,
  daysOverdueTotal: 0,
  daysOverdueMax: 0,
  done: 0,
  closedNotDone: 0,
});

const isOpen = (s: ActionStatus) => s === 'open' || s === 'in-progress';
/** A recommendation not yet routed has no owning subgroup. */
export const UNROUTED = '(unrouted)';

/**
 * The Executive's view of actions: open and overdue by subgroup, days overdue, escalations by level, and
 * recommendations by owning subgroup and stage, as of a local date. Reads identifiers, dates and counts
 * only (no titles, descriptions or notes), so nothing about a child can reach the report.
 */
export async function actionsSummary(
  db: Kysely<Database>,
  partnership: Pick<Partnership, 'id' | 'shortName' | 'subgroups'>,
  calendar: WorkingCalendar,
  asOf: string,
): Promise<ActionsSummary> {
  const actions = await db
    .selectFrom('tracked_actions')
    .select(['id', 'case_reference', 'subgroup_id', 'owner_id', 'due_date', 'status', 'source'])
    .where('partnership_id', '=', partnership.id)
    .orderBy('subgroup_id')
    .orderBy('due_date')
    .orderBy('id')
    .execute();
  const steps = await db
    .selectFrom('action_events')
    .innerJoin('tracked_actions', 'tracked_actions.id', 'action_events.action_id')
    .select(['action_events.action_id', 'action_events.detail'])
    .where('tracked_actions.partnership_id', '=', partnership.id)
    .where('action_events.kind', 'in', ['step', 'escalated'])
    .where('action_events.step_key', 'like', '%:ladder-%')
    .execute();
  const recs = await db
    .selectFrom('recommendations')
    .select(['subgroup_id', 'stage'])
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('partnership_id', '=', partnership.id)
    .groupBy(['subgroup_id', 'stage'])
    .execute();

  const rank = (l: string) => LADDER_AUDIENCES.indexOf(l as LadderAudience);
  const highest = new Map<string, LadderAudience>();
  const stepsByLevel = new Map<LadderAudience, number>();
  for (const s of steps) {
    if (rank(s.detail ?? '') < 0) continue;
    const level = s.detail as LadderAudience;
    stepsByLevel.set(level, (stepsByLevel.get(level) ?? 0) + 1);
    const before = highest.get(s.action_id);
    if (!before || rank(level) > rank(before)) highest.set(s.action_id, level);
  }

  const overdueMemo = new Map<string, number>();
  const overdueOn = (due: string) => {
    if (!overdueMemo.has(due)) overdueMemo.set(due, workingDaysOverdue(calendar, due, asOf));
    return overdueMemo.get(due)!;
  };
  const bySubgroup = new Map<string, SubgroupActionCounts>(
    partnership.subgroups.map((g) => [g.id, emptyCounts(g.id, g.name)]),
  );
  const atLevel = new Map<LadderAudience, number>();
  const rows: ActionReportRow[] = [];
  for (const a of actions) {
    // A subgroup since removed from the partnership file still counts, under its id.
    if (!bySubgroup.has(a.subgroup_id))
      bySubgroup.set(a.subgroup_id, emptyCounts(a.subgroup_id, a.subgroup_id));
    const g = bySubgroup.get(a.subgroup_id)!;
    const days = isOpen(a.status) ? overdueOn(a.due_date) : 0;
    if (isOpen(a.status)) {
      g.open += 1;
      if (a.status === 'in-progress') g.inProgress += 1;
      if (days > 0) {
        g.overdue += 1;
        g.daysOverdueTotal += days;
        g.daysOverdueMax = Math.max(g.daysOverdueMax, days);
      }
      const level = highest.get(a.id);
      if (level) atLevel.set(level, (atLevel.get(level) ?? 0) + 1);
    } else if (a.status === 'done') g.done += 1;
    else g.closedNotDone += 1;
    rows.push({
      actionId: a.id,
      caseReference: a.case_reference ?? '',
      subgroupId: a.subgroup_id,
      ownerId: a.owner_id,
      dueDate: a.due_date,
      status: a.status,
      workingDaysOverdue: days,
      highestLevel: highest.get(a.id) ?? '',
      source: a.source,
    });
  }

  const stageRank = (s: RecommendationStage) => RECOMMENDATION_STAGES.indexOf(s);
  const recommendations = recs
    .map((r) => ({ subgroupId: r.subgroup_id ?? UNROUTED, stage: r.stage, count: Number(r.n) }))
    .sort((a, b) => a.subgroupId.localeCompare(b.subgroupId) || stageRank(a.stage) - stageRank(b.stage));

  return {
    partnership: partnership.shortName,
    asOf,
    subgroups: [...bySubgroup.values()],
    escalations: LADDER_AUDIENCES.map((level) => ({
      level,
      steps: stepsByLevel.get(level) ?? 0,
      openActionsAtLevel: atLevel.get(level) ?? 0,
    })),
    recommendations,
    actions: rows,
  };
}
