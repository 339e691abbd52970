import { sql, type Kysely } from 'kysely';

/**
 * Tracked actions, their history (progress notes, evidence, escalation steps: each ladder step at most
 * once per action and ladder cycle) and recommendations with their routing history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tracked_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('subgroup_id', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('case_reference', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('ladder_cycle', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('next_step', 'text')
    .addColumn('next_step_at', 'timestamptz')
    .addCheckConstraint(
      'tracked_actions_status_ck',
      sql`status in ('open', 'in-progress', 'done', 'closed-not-done')`,
    )
    .addCheckConstraint('tracked_actions_source_ck', sql`source in ('recommendation', 'meeting', 'manual')`)
    .addCheckConstraint('tracked_actions_due_ck', sql`due_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`)
    .execute();
  // The sweep reads only what is due: a partial index over the rows that still have a step to take.
  await sql`CREATE INDEX tracked_actions_next_step_idx ON tracked_actions (partnership_id, next_step_at)
    WHERE next_step_at IS NOT NULL`.execute(db);
  await db.schema
    .createIndex('tracked_actions_owner_idx')
    .on('tracked_actions')
    .columns(['partnership_id', 'owner_id', 'status'])
    .execute();
  await db.schema
    .createIndex('tracked_actions_subgroup_idx')
    .on('tracked_actions')
    .columns(['partnership_id', 'subgroup_id', 'status'])
    .execute();

  await db.schema
    .createTable('action_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('action_id', 'text', (c) => c.notNull().references('tracked_actions.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    /** Ladder steps only: `<cycle>:<step>`, unique per action, so a step can never happen twice. */
    .addColumn('step_key', 'text')
    .addColumn('notified', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    /** A short structured value for the history line (a new due date, a new owner's id, a status). */
    .addColumn('detail', 'text')
    /** Free text (progress notes, evidence, reasons): kept here, never in logs or job payloads. */
    .addColumn('text', 'text')
    .addColumn('message_id', 'text')
    .execute();
  await db.schema
    .createIndex('action_events_action_idx')
    .on('action_events')
    .columns(['action_id', 'id'])
    .execute();
  await sql`CREATE INDEX action_events_message_idx ON action_events (message_id)
    WHERE message_id IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX action_events_step_uq ON action_events (action_id, step_key)
    WHERE step_key IS NOT NULL`.execute(db);

  await db.schema
    .createTable('recommendations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('case_reference', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('stage', 'text', (c) => c.notNull().defaultTo('submitted'))
    .addColumn('subgroup_id', 'text')
    .addColumn('action_id', 'text')
    .addColumn('message_id', 'text')
    .addColumn('channel_conversation_id', 'text')
    .addColumn('channel_activity_id', 'text')
    .addColumn('impact_evidence', 'text')
    .addCheckConstraint(
      'recommendations_stage_ck',
      sql`stage in ('submitted', 'routed', 'accepted', 'in-progress', 'evidenced-complete', 'impact-reviewed')`,
    )
    .execute();
  await db.schema
    .createIndex('recommendations_stage_idx')
    .on('recommendations')
    .columns(['partnership_id', 'stage'])
    .execute();

  await db.schema
    .createTable('recommendation_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('recommendation_id', 'text', (c) =>
      c.notNull().references('recommendations.id').onDelete('cascade'),
    )
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subgroup_id', 'text')
    .addColumn('text', 'text')
    /** The routing card sent for this event (routed, re-routed), so a card maps back to its recommendation. */
    .addColumn('message_id', 'text')
    .execute();
  await sql`CREATE INDEX recommendation_events_message_idx ON recommendation_events (message_id)
    WHERE message_id IS NOT NULL`.execute(db);
  await db.schema
    .createIndex('recommendation_events_rec_idx')
    .on('recommendation_events')
    .columns(['recommendation_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('recommendation_events').execute();
  await db.schema.dropTable('recommendations').execute();
  await db.schema.dropTable('action_events').execute();
  await db.schema.dropTable('tracked_actions').execute();
}
