import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest } from '$lib/server/db/open';
import { freshDb, type TestDb } from './support';

describe('database file', () => {
	let t: TestDb;
	beforeEach(async () => (t = await freshDb()));
	afterEach(() => t.close());

	it('runs the migrations once and is idempotent', async () => {
		const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(t.db);
		expect(tables.rows.map((r) => r.name)).toEqual([
			'answer_chunk', 'answer_sheet', 'audit_event', 'ballot_cell_count', 'ballot_tally', 'campaign', 'delivery', 'delivery_batch', 'demo_outbox', 'framework_version', 'group_rated_unit', 'invitation', 'invitation_device',
			'login_throttle', 'otp_code', 'person', 'questionnaire_version', 'reminder_policy', 'reminder_run', 'reporting_cell', 'respondent_group', 'respondent_session', 'roster_import', 'roster_staging', 'setting',
			'setup_token', 'staff_session', 'staff_user', 'unit'
		]);
		expect(await migrateToLatest(t.db)).toEqual([]);
	});

	it('keeps the ballot side free of rowids, so storage order cannot follow submission order', async () => {
		const ballot = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'table' and name in ('answer_sheet', 'answer_chunk', 'ballot_tally', 'ballot_cell_count') order by name`.execute(t.db);
		expect(ballot.rows).toHaveLength(4);
		for (const row of ballot.rows) expect(row.sql.toLowerCase()).toMatch(/without rowid\s*$/);
		const columns = await sql<{ name: string }>`select name from pragma_table_info('answer_sheet') order by cid`.execute(t.db);
		expect(columns.rows.map((c) => c.name)).toEqual(['key_hash', 'receipt', 'campaign_id', 'cell_id']);
	});

	it('uses WAL, foreign keys, a busy timeout and secure delete', () => {
		expect(t.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(t.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(t.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
		expect(t.sqlite.pragma('secure_delete', { simple: true })).toBe(1);
	});

	it('enforces the role check and foreign keys', () => {
		const insert = (role: string, unit: number | null) =>
			t.sqlite
				.prepare(`insert into staff_user (username, display_name, role, unit_id, password_hash, password_changed_at, created_at, updated_at) values (?, 'x', ?, ?, 'h', 0, 0, 0)`)
				.run(`u${Math.random()}`, role, unit);
		expect(() => insert('superuser', null)).toThrow(/CHECK constraint/);
		expect(() => insert('admin', 999)).toThrow(/FOREIGN KEY/);
		expect(t.sqlite.prepare('select count(*) n from staff_user').get()).toEqual({ n: 0 });
	});
});
