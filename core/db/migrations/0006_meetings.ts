import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meeting_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('rapid_review_id', 'text')
    .addColumn('subgroup_id', 'text')
    .addColumn('chair_id', 'text', (c) => c.notNull())
    .addColumn('required_ids', 'jsonb', (c) => c.notNull())
    .addColumn('optional_ids', 'jsonb', (c) => c.notNull())
    .addColumn('length_minutes', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('window_end', 'timestamptz', (c) => c.notNull())
    .addColumn('recurring', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('reschedules_meeting_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('offers', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('picked', 'integer')
    .addColumn('problem_code', 'text')
    .addColumn('problem_people', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('message_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('meeting_requests_purpose_ck', sql`purpose in ('rapid-review', 'subgroup', 'other')`)
    .addCheckConstraint(
      'meeting_requests_status_ck',
      sql`status in ('finding', 'offered', 'no-slot', 'failed', 'booking', 'booked', 'superseded')`,
    )
    .execute();
  await db.schema
    .createIndex('meeting_requests_chair_idx')
    .on('meeting_requests')
    .columns(['partnership_id', 'chair_id'])
    .execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull().references('meeting_requests.id').onDelete('cascade'))
    .addColumn('occurrence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('organiser', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('join_url', 'text')
    .addColumn('web_link', 'text')
    .addColumn('start_at', 'timestamptz', (c) => c.notNull())
    .addColumn('end_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('booked'))
    .addColumn('chair_id', 'text', (c) => c.notNull())
    .addColumn('attendee_ids', 'jsonb', (c) => c.notNull())
    .addColumn('confirmation_message_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('meetings_request_occurrence_uq', ['request_id', 'occurrence'])
    .addCheckConstraint('meetings_status_ck', sql`status in ('booked', 'cancelling', 'cancelled')`)
    .execute();
  await db.schema
    .createIndex('meetings_start_idx')
    .on('meetings')
    .columns(['partnership_id', 'start_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('meetings').execute();
  await db.schema.dropTable('meeting_requests').execute();
}
