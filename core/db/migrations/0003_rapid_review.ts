import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rapid_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('case_reference', 'text', (c) => c.notNull())
    .addColumn('notification_date', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('chair_id', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('panel_deadline', 'text', (c) => c.notNull())
    .addColumn('tracker_message_id', 'text')
    .addColumn('requests_closed_at', 'timestamptz')
    .addColumn('requests_closed_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('rapid_reviews_case_uq', ['partnership_id', 'case_reference'])
    .addCheckConstraint('rapid_reviews_category_ck', sql`category in ('death', 'serious-harm')`)
    .execute();

  await db.schema
    .createTable('rapid_review_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rapid_review_id', 'text', (c) =>
      c.notNull().references('rapid_reviews.id').onDelete('cascade'),
    )
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('addressee_id', 'text', (c) => c.notNull())
    .addColumn('delegate_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('awaiting'))
    .addColumn('requested_on', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('extension_reason', 'text')
    .addColumn('answers', 'jsonb')
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('submitted_by', 'text')
    .addColumn('overdue_at', 'timestamptz')
    .addColumn('next_reminder_at', 'timestamptz')
    .addColumn('next_reminder_kind', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('rapid_review_requests_addressee_uq', ['rapid_review_id', 'addressee_id'])
    .addCheckConstraint(
      'rapid_review_requests_status_ck',
      sql`status in ('awaiting', 'draft', 'submitted', 'declined')`,
    )
    .execute();
  await db.schema
    .createIndex('rapid_review_requests_reminder_idx')
    .on('rapid_review_requests')
    .column('next_reminder_at')
    .execute();
  await db.schema
    .createIndex('rapid_review_requests_person_idx')
    .on('rapid_review_requests')
    .columns(['partnership_id', 'addressee_id'])
    .execute();

  await db.schema
    .createTable('rapid_review_messages')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('rapid_review_id', 'text', (c) =>
      c.notNull().references('rapid_reviews.id').onDelete('cascade'),
    )
    .addColumn('request_id', 'text', (c) => c.references('rapid_review_requests.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('recipients', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('rapid_review_messages_request_idx')
    .on('rapid_review_messages')
    .column('request_id')
    .execute();
  await db.schema
    .createIndex('rapid_review_messages_unsent_idx')
    .on('rapid_review_messages')
    .columns(['sent_at', 'created_at'])
    .execute();

  await db.schema
    .createTable('rapid_review_decisions')
    .addColumn('rapid_review_id', 'text', (c) =>
      c.primaryKey().references('rapid_reviews.id').onDelete('cascade'),
    )
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('learning', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('rapid_review_recommendations')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('rapid_review_id', 'text', (c) =>
      c.notNull().references('rapid_reviews.id').onDelete('cascade'),
    )
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('recommendation_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rapid_review_recommendations').execute();
  await db.schema.dropTable('rapid_review_decisions').execute();
  await db.schema.dropTable('rapid_review_messages').execute();
  await db.schema.dropTable('rapid_review_requests').execute();
  await db.schema.dropTable('rapid_reviews').execute();
}
