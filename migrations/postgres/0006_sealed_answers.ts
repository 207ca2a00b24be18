// Sealed answers (integrity.md steps 7 and 9). During a round the ballot side holds only sheets sealed
// to the counting committee's key; no readable sheet and no tally exists until the round is closed and
// opened (kiểm phiếu). The opening writes the plaintext sheets once, shuffled, into a table that shares
// nothing with the sealed store (no SHA-256(m), no receipt), then fills the tallies.
// PostgreSQL twin of ../0006_sealed_answers.ts (issue 17): the same tables (types through ./translate.ts),
// without the SQLite file's move of earlier rounds' readable sheets: no PostgreSQL database predates this
// migration (a SQLite database reaches PostgreSQL fully migrated, by `db:copy`), so there is nothing to move.
// Frozen in time: never import application code from a migration.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('campaign').addColumn('committee_threshold', 'integer', (c) => c.notNull().defaultTo(3)).execute();
	// When the opening (kiểm phiếu) committed: results exist only from then on.
	await db.schema.alterTable('campaign').addColumn('counted_at', 'integer').execute();

	// The counting committee (Tổ kiểm phiếu): staff members of one campaign, each holding one share.
	await db.schema
		.createTable('committee_member')
		.addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
		.addColumn('staff_user_id', 'integer', (c) => c.notNull().references('staff_user.id'))
		.addColumn('slot', 'integer', (c) => c.notNull())
		// SHA-256 over (campaign, slot, share), set by the ceremony: refuses a wrong or foreign share.
		.addColumn('share_check', 'text')
		.addColumn('added_at', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('committee_member_pk', ['campaign_id', 'staff_user_id'])
		.execute();
	await db.schema.createIndex('committee_member_slot_uq').on('committee_member').columns(['campaign_id', 'slot']).unique().execute();

	// The sealing key: only its public half ever reaches the server.
	await db.schema
		.createTable('sealing_key')
		.addColumn('campaign_id', 'integer', (c) => c.primaryKey().references('campaign.id').onDelete('cascade'))
		.addColumn('public_key', 'text', (c) => c.notNull())
		.addColumn('fingerprint', 'text', (c) => c.notNull())
		.addColumn('threshold', 'integer', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		// A short text sealed to the key at the ceremony: the opening proves a rebuilt key by opening it.
		.addColumn('key_check', 'text', (c) => c.notNull())
		.addColumn('created_by', 'integer', (c) => c.references('staff_user.id'))
		.addColumn('created_at', 'integer', (c) => c.notNull())
		.execute();

	// ---- Ballot side, during the round: sealed sheets only. No person, time, rowid or sequence.
	await db.schema
		.createTable('sealed_sheet')
		.addColumn('key_hash', 'text', (c) => c.primaryKey())
		.addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
		.addColumn('cell_id', 'integer', (c) => c.notNull().references('reporting_cell.id').onDelete('cascade'))
		.addColumn('receipt', 'text', (c) => c.notNull())
		.addColumn('sealed', 'blob', (c) => c.notNull())
		.modifyEnd(sql`without rowid`)
		.execute();
	await db.schema.createIndex('sealed_sheet_campaign_idx').on('sealed_sheet').columns(['campaign_id', 'receipt']).execute();
	// The opening reads a campaign's sheets in pages by key: without this the planner re-sorts them all per page.
	await db.schema.createIndex('sealed_sheet_campaign_key_idx').on('sealed_sheet').columns(['campaign_id', 'key_hash']).execute();

	// ---- Ballot side, after the opening. Counted cells: (group, unit) after cells below k rolled up into
	// their parent; ids given in (group, unit) order within the opening's one transaction.
	await db.schema
		.createTable('counted_cell')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
		.addColumn('group_id', 'integer', (c) => c.notNull().references('respondent_group.id'))
		.addColumn('unit_id', 'integer', (c) => c.notNull().references('unit.id'))
		.addColumn('sheets', 'integer', (c) => c.notNull())
		.addUniqueConstraint('counted_cell_uq', ['campaign_id', 'group_id', 'unit_id'])
		.execute();
	// Opened sheets: written once, in random order, keyed by a random id.
	await db.schema
		.createTable('opened_sheet')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
		.addColumn('cell_id', 'integer', (c) => c.notNull().references('counted_cell.id').onDelete('cascade'))
		.addColumn('body', 'text', (c) => c.notNull())
		.modifyEnd(sql`without rowid`)
		.execute();
	await db.schema.createIndex('opened_sheet_campaign_idx').on('opened_sheet').columns(['campaign_id', 'cell_id']).execute();
	await db.schema
		.createTable('opened_tally')
		.addColumn('cell_id', 'integer', (c) => c.notNull().references('counted_cell.id').onDelete('cascade'))
		.addColumn('question_id', 'text', (c) => c.notNull())
		.addColumn('unit_key', 'text', (c) => c.notNull())
		.addColumn('option_id', 'text', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('opened_tally_pk', ['cell_id', 'question_id', 'unit_key', 'option_id'])
		.modifyEnd(sql`without rowid`)
		.execute();

	// Receipts of the counted sheets, published sorted after the opening ("đã được ghi nhận").
	await db.schema
		.createTable('counted_receipt')
		.addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
		.addColumn('receipt', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('counted_receipt_pk', ['campaign_id', 'receipt'])
		.modifyEnd(sql`without rowid`)
		.execute();

	// The opening job's state, so a restart knows whether the clean-up after the commit is still owed.
	await db.schema
		.createTable('opening_job')
		.addColumn('campaign_id', 'integer', (c) => c.primaryKey().references('campaign.id').onDelete('cascade'))
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('committed', 'finished')`))
		.addColumn('sheets', 'integer', (c) => c.notNull())
		.addColumn('invalid', 'integer', (c) => c.notNull())
		.addColumn('merged_cells', 'integer', (c) => c.notNull())
		.addColumn('committed_at', 'integer', (c) => c.notNull())
		.addColumn('finished_at', 'integer')
		.execute();

	for (const table of ['answer_chunk', 'answer_sheet', 'ballot_tally', 'ballot_cell_count']) await db.schema.dropTable(table).execute();
	// The old setting let analysts read open rounds; no result of an open round exists any more.
	await sql`delete from setting where key = 'analyst_results_before_publish'`.execute(db);
}

export async function down(): Promise<void> {
	throw new Error('0006_sealed_answers cannot be undone: readable sheets of open rounds must never come back');
}
