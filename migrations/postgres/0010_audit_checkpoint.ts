// Signed anchors of the audit chain's head (issue 14): seq, head hash and time, signed with a key held
// outside the database, written daily and on every campaign state change. Append-only like the log.
// PostgreSQL twin of ../0010_audit_checkpoint.ts (issue 17): the triggers in PL/pgSQL (function from 0001).
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
	// Append-only, enforced by the database itself (PostgreSQL syntax).
	await sql`CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
		FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()`.execute(db);
	await sql`CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
		FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()`.execute(db);
	await sql`CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
		FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`DROP TRIGGER IF EXISTS audit_checkpoint_no_truncate ON audit_checkpoint`.execute(db);
	await sql`DROP TRIGGER IF EXISTS audit_checkpoint_no_delete ON audit_checkpoint`.execute(db);
	await sql`DROP TRIGGER IF EXISTS audit_checkpoint_no_update ON audit_checkpoint`.execute(db);
	await db.schema.dropTable('audit_checkpoint').execute();
}
