// Proxy-completion flags are computed, not stored: a review names its flag by a key (kind + the sorted
// invitation ids), so the review still attaches when the flags are computed again. A second review of
// one flag adds a row: the history stays, the page shows the latest.
// Frozen in time: never import application code from a migration.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('flag_review')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
		.addColumn('flag_key', 'text', (c) => c.notNull())
		.addColumn('reviewed_by', 'integer', (c) => c.notNull().references('staff_user.id'))
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('at', 'integer', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('flag_review_campaign_key_idx')
		.on('flag_review')
		.columns(['campaign_id', 'flag_key'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('flag_review_campaign_key_idx').execute();
	await db.schema.dropTable('flag_review').execute();
}
