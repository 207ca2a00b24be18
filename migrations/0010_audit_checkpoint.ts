// Signed anchors of the audit chain's head (issue 14): seq, head hash and time, signed with a key held
// outside the database, written daily and on every campaign state change. Append-only like the log.
// Frozen in time: never import application code from a migration.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('audit_checkpoint')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('seq', 'integer', (c) => c.notNull())
		.addColumn('head_hash', 'text', (c) => c.notNull())
		.addColumn('at', 'integer', (c) => c.notNull())
		// 'daily' or the audit action of the state change it follows; the campaign, if any.
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('campaign_id', 'integer')
		.addColumn('key_id', 'text', (c) => c.notNull())
		.addColumn('signature', 'text', (c) => c.notNull())
		.execute();
	// Append-only, enforced by the database itself (SQLite syntax; PostgreSQL gets its own triggers).
	await sql`CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
		BEGIN SELECT RAISE(ABORT, 'audit_checkpoint is append-only'); END`.execute(db);
	await sql`CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
		BEGIN SELECT RAISE(ABORT, 'audit_checkpoint is append-only'); END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`DROP TRIGGER IF EXISTS audit_checkpoint_no_delete`.execute(db);
	await sql`DROP TRIGGER IF EXISTS audit_checkpoint_no_update`.execute(db);
	await db.schema.dropTable('audit_checkpoint').execute();
}
