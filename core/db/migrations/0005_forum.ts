import { sql, type Kysely } from 'kysely';

/**
 * The DSL forum: sessions (each with at most one opinion form), who the form went to, the answers,
 * reminders, the "you said, we did" replies and download links for the report. Answers to an anonymous
 * form carry no person, school, phase or time: only a keyed hash of the person while the form is open
 * (so a second answer replaces the first), erased with its key when the form closes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('forum_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('half_term', 'text', (c) => c.notNull())
    .addColumn('session_date', 'text', (c) => c.notNull())
    .addColumn('recording_url', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('message_id', 'text')
    .addColumn('issued_by', 'text')
    .addColumn('issued_at', 'timestamptz')
    .addColumn('deadline_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('anonymous', 'boolean')
    .addColumn('respondent_salt', 'text')
    .addColumn('you_said_message_id', 'text')
    .addUniqueConstraint('forum_sessions_reference_uq', ['partnership_id', 'reference'])
    .addCheckConstraint('forum_sessions_status_ck', sql`status in ('scheduled', 'open', 'closed')`)
    .execute();
  await db.schema
    .createIndex('forum_sessions_status_idx')
    .on('forum_sessions')
    .columns(['partnership_id', 'status'])
    .execute();

  await db.schema
    .createTable('forum_recipients')
    .addColumn('session_id', 'text', (c) => c.notNull().references('forum_sessions.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz')
    .addColumn('answers', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('forum_recipients_pk', ['session_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('forum_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('forum_sessions.id').onDelete('cascade'))
    .addColumn('respondent_key', 'text')
    .addColumn('person_id', 'text')
    .addColumn('school_id', 'text')
    .addColumn('phase', 'text')
    .addColumn('successes', 'text', (c) => c.notNull())
    .addColumn('issues', 'text', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('usefulness', 'integer', (c) => c.notNull())
    .addColumn('consent', 'boolean', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz')
    .addUniqueConstraint('forum_answers_respondent_uq', ['session_id', 'respondent_key'])
    .addCheckConstraint('forum_answers_usefulness_ck', sql`usefulness between 1 and 5`)
    .execute();

  await db.schema
    .createTable('forum_messages')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('forum_sessions.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('reminder_offset', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('forum_messages_reminder_uq')
    .on('forum_messages')
    .columns(['session_id', 'reminder_offset'])
    .unique()
    .execute();

  await db.schema
    .createTable('forum_theme_replies')
    .addColumn('session_id', 'text', (c) => c.notNull().references('forum_sessions.id').onDelete('cascade'))
    .addColumn('theme_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('written_by', 'text', (c) => c.notNull())
    .addColumn('written_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('forum_theme_replies_pk', ['session_id', 'theme_id'])
    .execute();

  await db.schema
    .createTable('forum_export_links')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('forum_sessions.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'forum_export_links',
    'forum_theme_replies',
    'forum_messages',
    'forum_answers',
    'forum_recipients',
    'forum_sessions',
  ])
    await db.schema.dropTable(table).execute();
}
