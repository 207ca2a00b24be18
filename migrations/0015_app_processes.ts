// Several app processes on one database (issue 17): each registers and beats a heart, so a message one of them
// claimed and never finished (the process died) is queued again by the others, and only by them.
// Participation side only: no person, no sheet.
// Frozen in time: never import application code from a migration.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('app_process')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('started_at', 'integer', (c) => c.notNull())
		.addColumn('seen_at', 'integer', (c) => c.notNull())
		.execute();
	await db.schema.alterTable('delivery').addColumn('claimed_by', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('delivery').dropColumn('claimed_by').execute();
	await db.schema.dropTable('app_process').execute();
}
