// Messages an office can send (issue 15, item 4): the campaign's letterhead and contact (who issues the
// notice, its dispatch reference, place and date, the signer, a hotline and support e-mail), all optional,
// and the campaign's own message templates (one per kind and channel; none means the built-in default).
// Frozen in time: never import application code from a migration.
import { sql, type Kysely } from 'kysely';

const LETTERHEAD_COLUMNS = [
	'parent_body',
	'issuing_body',
	'dispatch_ref',
	'dispatch_place',
	'dispatch_date',
	'signer_name',
	'signer_title',
	'hotline',
	'support_email'
] as const;

export async function up(db: Kysely<any>): Promise<void> {
	// One column per statement: SQLite adds a single column per ALTER TABLE.
	for (const column of LETTERHEAD_COLUMNS) {
		await db.schema.alterTable('campaign').addColumn(column, 'text').execute();
	}

	await db.schema
		.createTable('message_template')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('invitation', 'reminder')`))
		// 'sms' also serves Zalo: both carry the short text.
		.addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'sms')`))
		.addColumn('subject', 'text')
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'integer', (c) => c.notNull())
		.addColumn('updated_by', 'integer', (c) => c.references('staff_user.id'))
		.addUniqueConstraint('message_template_campaign_kind_channel_uq', ['campaign_id', 'kind', 'channel'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('message_template').execute();
	for (const column of [...LETTERHEAD_COLUMNS].reverse()) {
		await db.schema.alterTable('campaign').dropColumn(column).execute();
	}
}
