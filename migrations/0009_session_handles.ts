// A user's list of sessions (/account) needs a name for each session that is not its id: the id is half
// of the cookie. `handle` is a random, opaque value used only by that page's forms.
// Frozen in time: never import application code from a migration.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('staff_session').addColumn('handle', 'text').execute();
	// Sessions open during the upgrade get a handle too, so their owner can still end them from the list.
	const open: { id: string }[] = await db.selectFrom('staff_session').select('id').execute();
	for (const { id } of open)
		await db
			.updateTable('staff_session')
			.set({ handle: randomBytes(16).toString('hex') })
			.where('id', '=', id)
			.execute();
	await db.schema.createIndex('staff_session_handle_idx').on('staff_session').column('handle').unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('staff_session_handle_idx').execute();
	await db.schema.alterTable('staff_session').dropColumn('handle').execute();
}
