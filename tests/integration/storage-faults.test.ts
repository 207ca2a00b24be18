// A full disk must say so (issue 14): SQLite rolls a transaction back by itself on SQLITE_FULL, and the
// ROLLBACK Kysely sends next used to replace the cause with "cannot rollback - no transaction is active".
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/schema';
import { GuardedSqliteDialect } from '$lib/server/db/transaction';
import { reportStorageFault, storageFaultOf } from '$lib/server/http/faults';
import { freshSqliteDb, type SqliteTestDb } from './support';

let t: SqliteTestDb;
beforeEach(async () => (t = await freshSqliteDb()));
afterEach(() => t.close());

/** Caps the file at its current size plus two pages, then writes ~400 kB in one transaction. */
async function overfill(db: Kysely<Database>): Promise<unknown> {
	await sql`create table if not exists filler (v text)`.execute(db);
	const pages = t.sqlite.pragma('page_count', { simple: true }) as number;
	t.sqlite.pragma(`max_page_count = ${pages + 2}`);
	try {
		await db.transaction().execute(async (trx) => {
			for (let i = 0; i < 100; i++) await sql`insert into filler (v) values (${'x'.repeat(4000)})`.execute(trx);
		});
	} catch (error) {
		return error;
	} finally {
		t.sqlite.pragma('max_page_count = 1073741823');
	}
	throw new Error('the transaction was expected to fail');
}

const fillerRows = async (db: Kysely<Database>) =>
	(await sql<{ n: number }>`select count(*) as n from filler`.execute(db)).rows[0].n;

describe('a transaction on a full database', () => {
	it('Kysely alone reports the failed ROLLBACK, not the full disk (why the guard exists)', async () => {
		const plain = new Kysely<Database>({ dialect: new SqliteDialect({ database: t.sqlite }) });
		const error = (await overfill(plain)) as Error;
		expect(error.message).toBe('cannot rollback - no transaction is active');
		expect(storageFaultOf(error)).toBeNull();
	});

	it('the guarded dialect keeps SQLITE_FULL, writes nothing and stays usable', async () => {
		const guarded = new Kysely<Database>({ dialect: new GuardedSqliteDialect(t.sqlite) });
		const error = (await overfill(guarded)) as Error & { code?: string };
		expect(error.code).toBe('SQLITE_FULL');
		expect(error.message).toMatch(/full/);
		expect(storageFaultOf(error)).toBe('full');
		expect(await fillerRows(guarded)).toBe(0);
		// Space back: the next transaction commits on the same connection.
		await guarded.transaction().execute(async (trx) => {
			await sql`insert into filler (v) values ('after')`.execute(trx);
		});
		expect(await fillerRows(guarded)).toBe(1);
	});

	it("openDatabase's own Kysely keeps SQLITE_FULL (the app and the CLI use it)", async () => {
		const error = (await overfill(t.db)) as Error & { code?: string };
		expect(error.code).toBe('SQLITE_FULL');
		expect(await fillerRows(t.db)).toBe(0);
	});

	it('an error thrown inside the transaction still rolls it back', async () => {
		const guarded = new Kysely<Database>({ dialect: new GuardedSqliteDialect(t.sqlite) });
		await sql`create table filler (v text)`.execute(guarded);
		await expect(
			guarded.transaction().execute(async (trx) => {
				await sql`insert into filler (v) values ('lost')`.execute(trx);
				throw new Error('refused');
			})
		).rejects.toThrow('refused');
		expect(t.sqlite.inTransaction).toBe(false);
		expect(await fillerRows(guarded)).toBe(0);
	});
});

describe('the disk-full log line', () => {
	it('is written once per episode, plainly, with the original cause', () => {
		const lines: string[] = [];
		const log = (line: unknown) => void lines.push(String(line));
		const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
		const t0 = 1_000_000_000_000;
		for (let i = 0; i < 50; i++) reportStorageFault('full', full, t0 + i * 1000, log);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain('ĐĨA ĐẦY / DISK FULL');
		expect(lines[0]).toContain('SQLITE_FULL: database or disk is full');
		// Ten quiet minutes later, a new episode is logged again, with the count of the previous one.
		reportStorageFault('full', full, t0 + 49_000 + 10 * 60_000, log);
		expect(lines).toHaveLength(2);
		expect(lines[1]).toContain('50 lỗi trong đợt trước');
	});

	it('recognises full and failing disks through causes, and nothing else', () => {
		expect(storageFaultOf(Object.assign(new Error('x'), { code: 'ENOSPC' }))).toBe('full');
		expect(storageFaultOf(new Error('wrapped', { cause: { code: 'SQLITE_IOERR_WRITE' } }))).toBe('io');
		expect(storageFaultOf(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBeNull();
		expect(storageFaultOf('SQLITE_FULL')).toBeNull();
	});
});
