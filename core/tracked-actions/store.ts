import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { ActionEventRow, TrackedActionRow } from '../db/tables/actions';

export async function loadAction(
  db: Kysely<Database>,
  partnershipId: string,
  actionId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<TrackedActionRow | undefined> {
  let q = db
    .selectFrom('tracked_actions')
    .selectAll()
    .where('id', '=', actionId)
    .where('partnership_id', '=', partnershipId);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The action a card (message) of this feature is about. */
export async function actionIdForMessage(
  db: Kysely<Database>,
  messageId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('action_events')
    .select('action_id')
    .where('message_id', '=', messageId)
    .executeTakeFirst();
  return row?.action_id;
}

export async function actionHistory(db: Kysely<Database>, actionId: string): Promise<ActionEventRow[]> {
  return db.selectFrom('action_events').selectAll().where('action_id', '=', actionId).orderBy('id').execute();
}

/** Every card sent about an action, so a change can update all of them. */
export async function actionMessageIds(db: Kysely<Database>, actionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('action_events')
    .select('message_id')
    .where('action_id', '=', actionId)
    .where('message_id', 'is not', null)
    .execute();
  return [...new Set(rows.map((r) => r.message_id!))];
}

export async function listActions(
  db: Kysely<Database>,
  partnershipId: string,
  filter: { ownerId?: string; subgroupId?: string; openOnly?: boolean },
  limit = 50,
): Promise<TrackedActionRow[]> {
  let q = db.selectFrom('tracked_actions').selectAll().where('partnership_id', '=', partnershipId);
  if (filter.ownerId) q = q.where('owner_id', '=', filter.ownerId);
  if (filter.subgroupId) q = q.where('subgroup_id', '=', filter.subgroupId);
  if (filter.openOnly) q = q.where('status', 'in', ['open', 'in-progress']);
  return q.orderBy('due_date').orderBy('id').limit(limit).execute();
}

export interface NewActionEvent {
  action_id: string;
  at: Date;
  actor: string;
  kind: string;
  step_key?: string | null;
  notified?: string[];
  detail?: string | null;
  text?: string | null;
  message_id?: string | null;
}

export async function addEvent(db: Kysely<Database>, e: NewActionEvent): Promise<void> {
  await db
    .insertInto('action_events')
    .values({
      action_id: e.action_id,
      at: e.at,
      actor: e.actor,
      kind: e.kind,
      step_key: e.step_key ?? null,
      notified: e.notified ?? [],
      detail: e.detail ?? null,
      text: e.text ?? null,
      message_id: e.message_id ?? null,
    })
    .execute();
}
