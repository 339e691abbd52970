import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'closed-not-done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_SOURCES = ['recommendation', 'meeting', 'manual'] as const;
export type ActionSource = (typeof ACTION_SOURCES)[number];

export const RECOMMENDATION_STAGES = [
  'submitted',
  'routed',
  'accepted',
  'in-progress',
  'evidenced-complete',
  'impact-reviewed',
] as const;
export type RecommendationStage = (typeof RECOMMENDATION_STAGES)[number];

export interface TrackedActionsTable {
  id: string;
  partnership_id: string;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  subgroup_id: string;
  owner_id: string;
  /** Local date YYYY-MM-DD in the partnership time zone. */
  due_date: string;
  status: ColumnType<ActionStatus, ActionStatus | undefined, ActionStatus>;
  source: ActionSource;
  source_id: string | null;
  case_reference: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Date | null;
  /** Starts at 1; a due-date extension starts a new cycle of the ladder. */
  ladder_cycle: ColumnType<number, number | undefined, number>;
  /** The key of the next ladder step (e.g. `remind-3`, `ladder-1`), or null when nothing is left. */
  next_step: string | null;
  /** When the next step is due (indexed; the sweep reads only rows where this has passed). */
  next_step_at: Date | null;
}

export interface ActionEventsTable {
  id: Generated<string>;
  action_id: string;
  at: Date;
  actor: string;
  /** created, progress, evidence, status, extended, reassigned, chased, step, step-skipped, completed... */
  kind: string;
  step_key: string | null;
  notified: ColumnType<string[], string[] | undefined, string[]>;
  /** A short structured value (a new due date, a new owner's id, a status). */
  detail: string | null;
  text: string | null;
  message_id: string | null;
}

export interface RecommendationsTable {
  id: string;
  partnership_id: string;
  source: string;
  source_id: string | null;
  case_reference: string | null;
  category: string;
  text: string;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  stage: ColumnType<RecommendationStage, RecommendationStage | undefined, RecommendationStage>;
  subgroup_id: string | null;
  action_id: string | null;
  /** The routing card sent to the chairs (through sendMessage), when there was no channel. */
  message_id: string | null;
  channel_conversation_id: string | null;
  channel_activity_id: string | null;
  impact_evidence: string | null;
}

export interface RecommendationEventsTable {
  id: Generated<string>;
  recommendation_id: string;
  at: Date;
  actor: string;
  /** submitted, routed, accepted, rerouted, in-progress, evidenced-complete, impact-reviewed */
  kind: string;
  subgroup_id: string | null;
  text: string | null;
  message_id: string | null;
}

/** Tables of the actions feature (migration core/db/migrations/0004_actions.ts). */
export interface ActionTables {
  tracked_actions: TrackedActionsTable;
  action_events: ActionEventsTable;
  recommendations: RecommendationsTable;
  recommendation_events: RecommendationEventsTable;
}

export type TrackedActionRow = Selectable<TrackedActionsTable>;
export type ActionEventRow = Selectable<ActionEventsTable>;
export type RecommendationRow = Selectable<RecommendationsTable>;
