// Delivery (participation side): a durable queue of messages to people — personal links, one-time
// codes, reminders — so a restart loses nothing and nothing is sent twice, plus each campaign's
// reminder policy. A message body holding a link or a code is sealed with the application key
// while it waits and erased once the message is sent or given up; the log keeps the rest.
// Frozen in time: never import application code from a migration.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('delivery_batch')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('invitation', 'reminder')`))
		.addColumn('total', 'integer', (c) => c.notNull())
		.addColumn('created_by', 'integer', (c) => c.references('staff_user.id'))
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('delivery')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('campaign_id', 'integer', (c) => c.references('campaign.id').onDelete('cascade'))
		.addColumn('person_id', 'integer', (c) => c.references('person.id').onDelete('cascade'))
		.addColumn('batch_id', 'integer', (c) => c.references('delivery_batch.id').onDelete('set null'))
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('invitation', 'reminder', 'code')`))
		.addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'sms', 'demo')`))
		.addColumn('recipient', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'sending', 'sent', 'failed', 'cancelled')`))
		// Lower goes first: a one-time code must not wait behind a bulk send.
		.addColumn('priority', 'integer', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', 'integer', (c) => c.notNull())
		.addColumn('claimed_at', 'integer')
		.addColumn('last_error', 'text')
		// Sealed {subject, text, html}; NULL once sent, given up or cancelled.
		.addColumn('body_enc', 'text')
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addColumn('sent_at', 'integer')
		.execute();
	await db.schema.createIndex('delivery_queue_idx').on('delivery').columns(['status', 'channel', 'priority', 'next_attempt_at']).execute();
	await db.schema.createIndex('delivery_person_idx').on('delivery').columns(['person_id', 'kind', 'status']).execute();
	await db.schema.createIndex('delivery_batch_idx').on('delivery').columns(['batch_id', 'status']).execute();

	await db.schema
		.createTable('reminder_policy')
		.addColumn('campaign_id', 'integer', (c) => c.primaryKey().references('campaign.id').onDelete('cascade'))
		.addColumn('auto_enabled', 'integer', (c) => c.notNull().defaultTo(0))
		// Days before the closing date on which the scheduled reminders go out, e.g. "7,3".
		.addColumn('days_before', 'text', (c) => c.notNull().defaultTo('7,3'))
		.addColumn('min_interval_hours', 'integer', (c) => c.notNull().defaultTo(48))
		.addColumn('max_per_person', 'integer', (c) => c.notNull().defaultTo(3))
		.addColumn('updated_at', 'integer', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('reminder_run')
		.addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
		.addColumn('days_before', 'integer', (c) => c.notNull())
		.addColumn('ran_at', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('reminder_run_pk', ['campaign_id', 'days_before'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of ['reminder_run', 'reminder_policy', 'delivery', 'delivery_batch']) await db.schema.dropTable(t).execute();
}
