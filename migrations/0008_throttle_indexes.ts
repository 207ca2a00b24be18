// Throttles that cannot be turned against users (issue 14): the service-wide ceiling on code sends counts the
// codes created in the current minute, so `otp_code` gets an index on its creation time. Growing delays reuse
// `login_throttle` (failures, leak clock in window_start, locked_until): no new columns.
// Frozen in time: never import application code from a migration.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.createIndex('otp_code_created_idx').on('otp_code').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('otp_code_created_idx').execute();
}
