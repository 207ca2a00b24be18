// Several live links per person (issue 15 item 2): a resend, reminder or printed letter adds a link to the
// person's one invitation instead of killing the links sent before. `invitation` stays the participation
// record (progress, devices, codes, sessions, credential); `invitation_link` holds each link's SHA-256, the
// channel it went out by, and, once dead, when, why and by whom. `invitation.token_hash` is kept (NOT NULL
// UNIQUE since 0003, and SQLite cannot drop a UNIQUE column without rebuilding the table): it holds the hash
// of the invitation's first link and is no longer read; lookups go through `invitation_link.token_hash`.
// Frozen in time: never import application code from a migration.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('invitation_link')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('invitation_id', 'integer', (c) => c.notNull().references('invitation.id').onDelete('cascade'))
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		// 'screen': shown once to the organiser; 'unknown': issued before this migration.
		.addColumn('channel', 'text', (c) =>
			c.notNull().check(sql`channel in ('email', 'sms', 'zalo', 'letter', 'screen', 'demo', 'unknown')`)
		)
		.addColumn('issued_at', 'integer', (c) => c.notNull())
		.addColumn('issued_by', 'integer', (c) => c.references('staff_user.id'))
		.addColumn('revoked_at', 'integer')
		// 'legacy': revoked before this migration, when every re-issue killed the previous link.
		.addColumn('revoked_reason', 'text', (c) =>
			c.check(sql`revoked_reason in ('organiser', 'limit', 'credential', 'legacy')`)
		)
		.addColumn('revoked_by', 'integer', (c) => c.references('staff_user.id'))
		.execute();
	// A person's live links (re-issue, cap, revocation) and their history page.
	await db.schema
		.createIndex('invitation_link_invitation_idx')
		.on('invitation_link')
		.columns(['invitation_id', 'revoked_at'])
		.execute();

	// Every existing link moves over: live ones stay live, revoked ones stay dead with their date.
	await db
		.insertInto('invitation_link')
		.columns(['invitation_id', 'token_hash', 'channel', 'issued_at', 'issued_by', 'revoked_at', 'revoked_reason'])
		.expression(
			db
				.selectFrom('invitation')
				.select((eb) => [
					'id',
					'token_hash',
					sql.lit('unknown').as('channel'),
					'issued_at',
					'issued_by',
					eb
						.case()
						.when('status', '=', 'revoked')
						.then(eb.fn.coalesce('revoked_at', 'issued_at'))
						.else(null)
						.end()
						.as('revoked_at'),
					eb.case().when('status', '=', 'revoked').then(sql.lit('legacy')).else(null).end().as('revoked_reason')
				])
		)
		.execute();

	// Which link opened a session: revoking one link ends the sessions it opened. No foreign key (an ADD
	// COLUMN with one is not portable); a link is only ever deleted with its invitation, which takes the session.
	await db.schema.alterTable('respondent_session').addColumn('link_id', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('respondent_session').dropColumn('link_id').execute();
	await db.schema.dropIndex('invitation_link_invitation_idx').execute();
	await db.schema.dropTable('invitation_link').execute();
}
