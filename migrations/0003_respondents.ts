// The respondent protocol (integrity.md). Two stores that never meet:
// - participation side (knows people): invitations, one-time codes, respondent sessions, the demo outbox;
// - ballot side (knows answers): answer sheets and tallies, with no id, time or order that could
//   point back to a person. Ballot tables are WITHOUT ROWID with a random key, so neither the rowid
//   nor the B-tree order follows the order of submission.
// Frozen in time: never import application code from a migration.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('invitation')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
		.addColumn('person_id', 'integer', (c) => c.notNull().references('person.id').onDelete('cascade'))
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'revoked')`))
		.addColumn('issued_at', 'integer', (c) => c.notNull())
		.addColumn('issued_by', 'integer', (c) => c.references('staff_user.id'))
		.addColumn('revoked_at', 'integer')
		.addColumn('opened_at', 'integer')
		.addColumn('verified_at', 'integer')
		.addColumn('attested_at', 'integer')
		.addColumn('attestation', 'text', (c) => c.check(sql`attestation in ('personal', 'assisted')`))
		.addColumn('assist_helper', 'text')
		.addColumn('assist_reason', 'text')
		.addColumn('credential_at', 'integer')
		// SHA-256 of the blinded message: lets a lost response be fetched again, reveals nothing of m.
		.addColumn('credential_request_hash', 'text')
		.addColumn('failed_codes', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('locked_until', 'integer')
		.execute();
	await db.schema.createIndex('invitation_person_idx').on('invitation').columns(['person_id', 'status']).execute();
	await db.schema.createIndex('invitation_campaign_idx').on('invitation').columns(['campaign_id', 'status']).execute();
	// One live link per person: re-issuing revokes the previous one in the same transaction.
	await db.schema
		.createIndex('invitation_one_active_uq')
		.on('invitation')
		.column('person_id')
		.unique()
		.where(sql.ref('status'), '=', 'active')
		.execute();

	// Which browsers used which link: the raw material of the proxy-completion flags.
	await db.schema
		.createTable('invitation_device')
		.addColumn('invitation_id', 'integer', (c) => c.notNull().references('invitation.id').onDelete('cascade'))
		.addColumn('device_hash', 'text', (c) => c.notNull())
		.addColumn('first_seen_at', 'integer', (c) => c.notNull())
		.addColumn('verified_at', 'integer')
		.addColumn('credential_at', 'integer')
		.addPrimaryKeyConstraint('invitation_device_pk', ['invitation_id', 'device_hash'])
		.execute();
	await db.schema.createIndex('invitation_device_device_idx').on('invitation_device').column('device_hash').execute();

	await db.schema
		.createTable('otp_code')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('invitation_id', 'integer', (c) => c.notNull().references('invitation.id').onDelete('cascade'))
		// HMAC under the application key: a copy of the database does not give the code away.
		.addColumn('code_mac', 'text', (c) => c.notNull())
		.addColumn('device_hash', 'text', (c) => c.notNull())
		.addColumn('channel', 'text', (c) => c.notNull())
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addColumn('expires_at', 'integer', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('used_at', 'integer')
		.addColumn('dead_at', 'integer')
		.execute();
	await db.schema.createIndex('otp_code_invitation_idx').on('otp_code').columns(['invitation_id', 'created_at']).execute();

	await db.schema
		.createTable('respondent_session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('secret_hash', 'text', (c) => c.notNull())
		.addColumn('invitation_id', 'integer', (c) => c.notNull().references('invitation.id').onDelete('cascade'))
		.addColumn('device_hash', 'text', (c) => c.notNull())
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addColumn('last_seen_at', 'integer', (c) => c.notNull())
		.addColumn('expires_at', 'integer', (c) => c.notNull())
		.addColumn('verified_at', 'integer')
		.execute();
	await db.schema.createIndex('respondent_session_invitation_idx').on('respondent_session').column('invitation_id').execute();

	// Demo mode only: what would have been sent, so a demo can be walked through without a mail server.
	await db.schema
		.createTable('demo_outbox')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.addColumn('channel', 'text', (c) => c.notNull())
		.addColumn('recipient', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.execute();

	// ---- Ballot side: no invitation, person, device, session, IP or time; no rowid, no sequence.
	await db.schema
		.createTable('answer_sheet')
		.addColumn('key_hash', 'text', (c) => c.primaryKey())
		.addColumn('receipt', 'text', (c) => c.notNull())
		.addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
		.addColumn('cell_id', 'integer', (c) => c.notNull().references('reporting_cell.id').onDelete('cascade'))
		.modifyEnd(sql`without rowid`)
		.execute();
	await db.schema.createIndex('answer_sheet_campaign_idx').on('answer_sheet').columns(['campaign_id', 'cell_id']).execute();
	// Not unique: two sheets sharing 50 bits of hash must both be countable (a collision only makes the receipt ambiguous).
	await db.schema.createIndex('answer_sheet_receipt_idx').on('answer_sheet').columns(['campaign_id', 'receipt']).execute();
	// The answers, in pieces small enough to stay inside a B-tree leaf: a row too long for a page spills
	// into overflow pages, which SQLite allocates in commit order — a trail of the submission order.
	await db.schema
		.createTable('answer_chunk')
		.addColumn('key_hash', 'text', (c) => c.notNull().references('answer_sheet.key_hash').onDelete('cascade'))
		.addColumn('n', 'integer', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('answer_chunk_pk', ['key_hash', 'n'])
		.modifyEnd(sql`without rowid`)
		.execute();

	await db.schema
		.createTable('ballot_tally')
		.addColumn('cell_id', 'integer', (c) => c.notNull().references('reporting_cell.id').onDelete('cascade'))
		.addColumn('question_id', 'text', (c) => c.notNull())
		.addColumn('unit_key', 'text', (c) => c.notNull())
		.addColumn('option_id', 'text', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('ballot_tally_pk', ['cell_id', 'question_id', 'unit_key', 'option_id'])
		.modifyEnd(sql`without rowid`)
		.execute();

	await db.schema
		.createTable('ballot_cell_count')
		.addColumn('cell_id', 'integer', (c) => c.primaryKey().references('reporting_cell.id').onDelete('cascade'))
		.addColumn('sheets', 'integer', (c) => c.notNull())
		.modifyEnd(sql`without rowid`)
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of ['ballot_cell_count', 'ballot_tally', 'answer_chunk', 'answer_sheet', 'demo_outbox', 'respondent_session', 'otp_code', 'invitation_device', 'invitation']) {
		await db.schema.dropTable(t).execute();
	}
}
