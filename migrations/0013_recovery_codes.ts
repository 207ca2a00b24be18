// One-time recovery codes for the TOTP second factor (issue 15, item 11): a sole admin who loses the phone
// can still sign in. Only a keyed hash of each code is stored; a used code keeps its row, marked used.
// Frozen in time: never import application code from a migration.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('staff_recovery_code')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('staff_user.id'))
		.addColumn('code_hash', 'text', (c) => c.notNull())
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addColumn('used_at', 'integer')
		.execute();
	await db.schema
		.createIndex('staff_recovery_code_hash_idx')
		.on('staff_recovery_code')
		.columns(['user_id', 'code_hash'])
		.unique()
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('staff_recovery_code_hash_idx').execute();
	await db.schema.dropTable('staff_recovery_code').execute();
}
