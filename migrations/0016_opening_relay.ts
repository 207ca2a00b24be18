// The opening with several app processes (issue 17). A member's checked share may reach any process; it is
// kept for the one process that gathers the round's shares (the host), sealed to a key that process holds in
// memory only (its public half in app_process), and the host reports the opening's progress here for the others.
// Committee side only: no sheet, no person of the roster. A dead host's sealed shares open for nobody.
// Frozen in time: never import application code from a migration.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('app_process').addColumn('public_key', 'text').execute();
	await db.schema
		.createTable('relayed_share')
		.addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
		.addColumn('slot', 'integer', (c) => c.notNull())
		.addColumn('staff_user_id', 'integer', (c) => c.notNull().references('staff_user.id'))
		.addColumn('host', 'text', (c) => c.notNull())
		.addColumn('sealed', 'text', (c) => c.notNull())
		.addColumn('at', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('relayed_share_pk', ['campaign_id', 'slot'])
		.execute();
	await db.schema
		.createTable('opening_run')
		.addColumn('campaign_id', 'integer', (c) => c.primaryKey().references('campaign.id').onDelete('cascade'))
		.addColumn('host', 'text', (c) => c.notNull())
		.addColumn('phase', 'text', (c) => c.notNull())
		.addColumn('done', 'integer', (c) => c.notNull())
		.addColumn('total', 'integer', (c) => c.notNull())
		.addColumn('error', 'text')
		.addColumn('result', 'text')
		.addColumn('updated_at', 'integer', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('opening_run').execute();
	await db.schema.dropTable('relayed_share').execute();
	await db.schema.alterTable('app_process').dropColumn('public_key').execute();
}
