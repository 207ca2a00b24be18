// PostgreSQL twin of ../0001_foundation.ts (issue 17): the same tables (types through ./translate.ts); the
// append-only triggers in PL/pgSQL, with TRUNCATE refused too (it skips row triggers).
// Frozen in time: never import application code from a migration.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('unit')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.addColumn('parent_id', 'integer', (c) => c.references('unit.id'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('full_name', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text')
		.addColumn('retired_at', 'integer')
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('unit_parent_idx').on('unit').column('parent_id').execute();

	await db.schema
		.createTable('staff_user')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('username', 'text', (c) => c.notNull().unique())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) =>
			c.notNull().check(sql`role in ('admin', 'organiser', 'analyst', 'auditor')`)
		)
		.addColumn('unit_id', 'integer', (c) => c.references('unit.id'))
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('password_changed_at', 'integer', (c) => c.notNull())
		.addColumn('totp_key_enc', 'text')
		.addColumn('totp_last_step', 'integer')
		.addColumn('disabled_at', 'integer')
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addColumn('updated_at', 'integer', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('staff_session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('secret_hash', 'text', (c) => c.notNull())
		.addColumn('user_id', 'integer', (c) =>
			c.notNull().references('staff_user.id').onDelete('cascade')
		)
		.addColumn('two_factor_verified', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addColumn('last_seen_at', 'integer', (c) => c.notNull())
		.addColumn('expires_at', 'integer', (c) => c.notNull())
		.addColumn('ip', 'text')
		.addColumn('user_agent', 'text')
		.execute();
	await db.schema.createIndex('staff_session_user_idx').on('staff_session').column('user_id').execute();

	await db.schema
		.createTable('login_throttle')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('failures', 'integer', (c) => c.notNull())
		.addColumn('window_start', 'integer', (c) => c.notNull())
		.addColumn('locked_until', 'integer')
		.execute();

	await db.schema
		.createTable('setting')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('value', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'integer', (c) => c.notNull())
		.addColumn('updated_by', 'integer', (c) => c.references('staff_user.id'))
		.execute();

	await db.schema
		.createTable('setup_token')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addColumn('expires_at', 'integer', (c) => c.notNull())
		.addColumn('used_at', 'integer')
		.execute();

	await db.schema
		.createTable('audit_event')
		.addColumn('seq', 'integer', (c) => c.primaryKey())
		.addColumn('at', 'integer', (c) => c.notNull())
		.addColumn('actor_type', 'text', (c) => c.notNull())
		.addColumn('actor_id', 'text')
		.addColumn('actor_label', 'text')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('subject_type', 'text')
		.addColumn('subject_id', 'text')
		.addColumn('ip', 'text')
		.addColumn('user_agent', 'text')
		.addColumn('payload', 'text', (c) => c.notNull())
		.addColumn('prev_hash', 'text', (c) => c.notNull())
		.addColumn('hash', 'text', (c) => c.notNull().unique())
		.execute();
	await db.schema.createIndex('audit_event_action_idx').on('audit_event').column('action').execute();
	await db.schema.createIndex('audit_event_at_idx').on('audit_event').column('at').execute();
	await db.schema
		.createIndex('audit_event_actor_idx')
		.on('audit_event')
		.columns(['actor_type', 'actor_id'])
		.execute();

	// Append-only, enforced by the database itself (PostgreSQL syntax; the same words as SQLite's RAISE(ABORT)).
	await sql`CREATE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`.execute(db);
	await sql`CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
		FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()`.execute(db);
	await sql`CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
		FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()`.execute(db);
	await sql`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
		FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of ['audit_event', 'setup_token', 'setting', 'login_throttle', 'staff_session', 'staff_user', 'unit']) {
		await db.schema.dropTable(t).execute();
	}
	await sql`DROP FUNCTION refuse_append_only_change()`.execute(db);
}
