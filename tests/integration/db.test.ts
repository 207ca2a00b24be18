import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { migrateToLatest } from '$lib/server/db/open';
import { freshSqliteDb, type SqliteTestDb } from './support';

describe('database file', () => {
	let t: SqliteTestDb;
	beforeEach(async () => (t = await freshSqliteDb()));
	afterEach(() => t.close());

	it('runs the migrations once and is idempotent', async () => {
		const tables = await sql<{
			name: string;
		}>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(
			t.db
		);
		expect(tables.rows.map((r) => r.name)).toEqual([
			'app_process',
			'audit_checkpoint',
			'audit_event',
			'campaign',
			'committee_member',
			'counted_cell',
			'counted_receipt',
			'delivery',
			'delivery_batch',
			'demo_outbox',
			'flag_review',
			'framework_version',
			'group_rated_unit',
			'invitation',
			'invitation_device',
			'invitation_link',
			'login_throttle',
			'message_template',
			'opened_sheet',
			'opened_tally',
			'opening_job',
			'opening_run',
			'otp_code',
			'participation_count',
			'participation_day',
			'person',
			'questionnaire_version',
			'relayed_share',
			'reminder_policy',
			'reminder_run',
			'reporting_cell',
			'respondent_group',
			'respondent_session',
			'roster_import',
			'roster_staging',
			'sealed_sheet',
			'sealing_key',
			'setting',
			'setup_token',
			'staff_recovery_code',
			'staff_session',
			'staff_user',
			'unit'
		]);
		expect(await migrateToLatest(t.db)).toEqual([]);
	});

	const columnsOf = async (table: string) =>
		(await sql<{ name: string }>`select name from pragma_table_info(${table}) order by cid`.execute(t.db)).rows.map(
			(c) => c.name
		);

	it('keeps the ballot side free of rowids, so storage order cannot follow submission order', async () => {
		const ballot = await sql<{
			name: string;
			sql: string;
		}>`select name, sql from sqlite_master where type = 'table' and name in ('sealed_sheet', 'opened_sheet', 'opened_tally', 'counted_receipt') order by name`.execute(
			t.db
		);
		expect(ballot.rows.map((r) => r.name)).toEqual(['counted_receipt', 'opened_sheet', 'opened_tally', 'sealed_sheet']);
		for (const row of ballot.rows) expect(row.sql.toLowerCase(), row.name).toMatch(/without rowid\s*$/);
		// The check is not blind: a participation table has its rowid.
		const invitation = await sql<{ sql: string }>`select sql from sqlite_master where name = 'invitation'`.execute(
			t.db
		);
		expect(invitation.rows[0].sql.toLowerCase()).not.toMatch(/without rowid/);
	});

	it('names no person, invitation, device or time on the ballot side', async () => {
		expect(await columnsOf('sealed_sheet')).toEqual(['key_hash', 'campaign_id', 'cell_id', 'receipt', 'sealed']);
		expect(await columnsOf('opened_sheet')).toEqual(['id', 'campaign_id', 'cell_id', 'body']);
		expect(await columnsOf('opened_tally')).toEqual(['cell_id', 'question_id', 'unit_key', 'option_id', 'count']);
		expect(await columnsOf('counted_cell')).toEqual(['id', 'campaign_id', 'group_id', 'unit_id', 'sheets']);
		expect(await columnsOf('counted_receipt')).toEqual(['campaign_id', 'receipt']);
		const personal =
			/person|invitation|session|device|staff|user|(^|_)ip($|_)|agent|_at$|time|date|seq|created|updated/i;
		for (const table of ['sealed_sheet', 'opened_sheet', 'opened_tally', 'counted_cell', 'counted_receipt'])
			for (const column of await columnsOf(table)) expect(column, `${table}.${column}`).not.toMatch(personal);
		// The pattern is not blind: it catches the participation side's columns.
		expect((await columnsOf('invitation')).filter((c) => personal.test(c)).length).toBeGreaterThan(3);
	});

	it('gives the opened sheets nothing of the sealed store: no key hash, no receipt, another cell table', async () => {
		const sealed = await columnsOf('sealed_sheet');
		const shared = (await columnsOf('opened_sheet')).filter((c) => sealed.includes(c));
		expect(shared).toEqual(['campaign_id', 'cell_id']);
		// The one shared name is not a shared value: a sealed sheet names its reporting cell, an opened one
		// the counted cell (after cells below k rolled up) it was stored in.
		const references = async (table: string) =>
			(
				await sql<{
					from: string;
					table: string;
				}>`select "from", "table" from pragma_foreign_key_list(${table}) order by "from"`.execute(t.db)
			).rows.map((r) => `${r.from} → ${r.table}`);
		expect(await references('sealed_sheet')).toEqual(['campaign_id → campaign', 'cell_id → reporting_cell']);
		expect(await references('opened_sheet')).toEqual(['campaign_id → campaign', 'cell_id → counted_cell']);
		for (const table of ['opened_sheet', 'opened_tally', 'counted_cell']) {
			const columns = await columnsOf(table);
			expect(columns, table).not.toContain('key_hash');
			expect(columns, table).not.toContain('receipt');
		}
		// The sealed store holds bytes it cannot read, never a readable column.
		const types = await sql<{
			name: string;
			type: string;
		}>`select name, type from pragma_table_info('sealed_sheet')`.execute(t.db);
		expect(types.rows.find((r) => r.name === 'sealed')?.type.toLowerCase()).toBe('blob');
	});

	it('uses WAL, foreign keys, a busy timeout and secure delete', () => {
		expect(t.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(t.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(t.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
		expect(t.sqlite.pragma('secure_delete', { simple: true })).toBe(1);
	});

	it('takes the write lock when a transaction begins, so another process cannot commit between its read and write', async () => {
		const other = new Database(t.file);
		other.pragma('busy_timeout = 0');
		const insert = other.prepare("insert into setting (key, value, updated_at) values ('other.process', '1', 0)");
		await t.db.transaction().execute(async (trx) => {
			await trx.selectFrom('setting').selectAll().execute();
			// A deferred BEGIN would let this commit, and our write below would then fail with SQLITE_BUSY.
			expect(() => insert.run()).toThrow(/locked|busy/i);
			await trx.insertInto('setting').values({ key: 'this.process', value: '1', updated_at: 0 }).execute();
		});
		expect(insert.run().changes).toBe(1);
		other.close();
	});

	it('enforces the role check and foreign keys', () => {
		const insert = (role: string, unit: number | null) =>
			t.sqlite
				.prepare(
					`insert into staff_user (username, display_name, role, unit_id, password_hash, password_changed_at, created_at, updated_at) values (?, 'x', ?, ?, 'h', 0, 0, 0)`
				)
				.run(`u${Math.random()}`, role, unit);
		expect(() => insert('superuser', null)).toThrow(/CHECK constraint/);
		expect(() => insert('admin', 999)).toThrow(/FOREIGN KEY/);
		expect(t.sqlite.prepare('select count(*) n from staff_user').get()).toEqual({ n: 0 });
	});
});
