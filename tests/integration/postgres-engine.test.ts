// PostgreSQL as the second engine (issue 17), in the integration-pg project only: the migrated schema matches
// SQLite's, transactions serialise as SQLite's BEGIN IMMEDIATE does, numbers come back as numbers, the audit
// tables refuse every change, and /healthz names the engine.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase, type DbHandle } from '$lib/server/db/open';
import { TRANSACTION_LOCK_KEY } from '$lib/server/db/postgres';
import { appendAuditEvent, verifyAuditChain } from '$lib/server/audit';
import { forceSql, freshDb, freshSqliteDb, META, SYSTEM, useAppDatabase, type TestDb } from './support';

let t: TestDb;

async function waitingForTransactionLock(t: TestDb): Promise<boolean> {
	const { rows } = await sql<{ n: number }>`
		select count(*) as n from pg_locks where locktype = 'advisory' and objid = ${TRANSACTION_LOCK_KEY} and not granted`.execute(
		t.db
	);
	return rows[0].n > 0;
}
beforeEach(async () => {
	t = await freshDb();
	expect(t.engine).toBe('postgres');
});
afterEach(() => t.close());

describe('the PostgreSQL schema', () => {
	it('has the same tables and columns, in the same order, nullable alike, as a migrated SQLite file', async () => {
		const sqlite = await freshSqliteDb();
		try {
			const columns = async (db: TestDb['db']) =>
				(await db.introspection.getTables()).flatMap((table) =>
					table.columns.map((c) => ({ column: `${table.name}.${c.name}`, nullable: c.isNullable }))
				);
			const onSqlite = await columns(sqlite.db);
			const onPostgres = await columns(t.db);
			expect(onSqlite.length).toBeGreaterThan(200);
			const names = (list: typeof onSqlite) => list.map((c) => c.column).sort();
			expect(names(onPostgres)).toEqual(names(onSqlite));
			// SQLite lets a primary key column hold NULL unless it says NOT NULL; PostgreSQL never does.
			const { rows } = await sql<{ column: string }>`
				select tc.table_name || '.' || k.column_name as column from information_schema.table_constraints tc
				join information_schema.key_column_usage k on k.constraint_name = tc.constraint_name and k.table_name = tc.table_name
				where tc.constraint_type = 'PRIMARY KEY' and tc.table_schema = 'public'`.execute(t.db);
			const primaryKeys = new Set(rows.map((r) => r.column));
			const nullableOnSqlite = new Set(onSqlite.filter((c) => c.nullable).map((c) => c.column));
			const differing = onPostgres.filter((c) => c.nullable !== nullableOnSqlite.has(c.column)).map((c) => c.column);
			expect(differing.length).toBeGreaterThan(0);
			expect(differing.filter((c) => !primaryKeys.has(c))).toEqual([]);
			// And the column order of each table, which `select *` and the exports follow.
			const byTable = (list: typeof onSqlite) => {
				const tables = new Map<string, string[]>();
				for (const { column } of list) {
					const [table, name] = column.split('.');
					tables.set(table, [...(tables.get(table) ?? []), name]);
				}
				return [...tables].map(([table, cs]) => `${table}: ${cs.join(', ')}`).sort();
			};
			expect(byTable(onPostgres)).toEqual(byTable(onSqlite));
		} finally {
			await sqlite.close();
		}
	});

	it('says integers as bigint, bytes as bytea, and numbers rows given none (identity), as SQLite does', async () => {
		const { rows } = await sql<{ table_name: string; column_name: string; data_type: string; is_identity: string }>`
			select table_name, column_name, data_type, is_identity from information_schema.columns
			where table_schema = 'public' and table_name not like 'kysely_%'`.execute(t.db);
		expect(rows.filter((r) => r.data_type === 'integer')).toEqual([]);
		const of = (table: string, column: string) => rows.find((r) => r.table_name === table && r.column_name === column);
		expect(of('sealed_sheet', 'sealed')?.data_type).toBe('bytea');
		expect(of('audit_event', 'at')?.data_type).toBe('bigint');
		// A rowid alias in SQLite (numbered when inserted without one); not one that names another table's row.
		expect(of('counted_cell', 'id')?.is_identity).toBe('YES');
		expect(of('audit_event', 'seq')?.is_identity).toBe('YES');
		expect(of('sealing_key', 'campaign_id')?.is_identity).toBe('NO');
	});

	it('migrates once: a second run finds nothing to do', async () => {
		expect(await migrateToLatest(t.db)).toEqual([]);
	});
});

describe('PostgreSQL behaves as the services expect of SQLite', () => {
	it('returns counts, sums and 64-bit integers as numbers', async () => {
		const { rows } = await sql<{ n: unknown; s: unknown; big: unknown }>`
			select count(*) as n, sum(x) as s, cast(9007199254740991 as bigint) as big from (values (1), (2)) as v(x)`.execute(
			t.db
		);
		expect(rows[0]).toEqual({ n: 2, s: 3, big: Number.MAX_SAFE_INTEGER });
	});

	it("serialises transactions across connections, as SQLite's BEGIN IMMEDIATE: a read-then-write is never interleaved", async () => {
		const other = openDatabase(t.file);
		try {
			const order: string[] = [];
			let releaseFirst!: () => void;
			const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
			let firstHasRead!: () => void;
			const firstRead = new Promise<void>((resolve) => (firstHasRead = resolve));
			const first = t.db.transaction().execute(async (trx) => {
				await trx.selectFrom('setting').selectAll().execute();
				order.push('first read');
				firstHasRead();
				await firstMayCommit;
				await trx.insertInto('setting').values({ key: 'first', value: '1', updated_at: 0 }).execute();
				order.push('first wrote');
			});
			await firstRead;
			const second = other.db.transaction().execute(async (trx) => {
				order.push('second began');
				await trx.insertInto('setting').values({ key: 'second', value: '1', updated_at: 0 }).execute();
			});
			// The second transaction waits for the first's lock (seen in pg_locks); nothing of it runs meanwhile.
			while (!(await waitingForTransactionLock(t))) await new Promise((resolve) => setTimeout(resolve, 20));
			expect(order).toEqual(['first read']);
			releaseFirst();
			await Promise.all([first, second]);
			expect(order).toEqual(['first read', 'first wrote', 'second began']);
		} finally {
			await other.db.destroy();
		}
	});

	it('keeps one audit chain when two processes append at once', async () => {
		const other = openDatabase(t.file);
		try {
			const append = (h: DbHandle, i: number) =>
				appendAuditEvent(h.db, {
					actor: SYSTEM,
					action: 'user.updated',
					meta: META,
					payload: { i }
				});
			await Promise.all(Array.from({ length: 40 }, (_, i) => append(i % 2 ? other : t, i)));
			expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, count: 40 });
		} finally {
			await other.db.destroy();
		}
	});

	it('refuses UPDATE, DELETE and TRUNCATE of the audit tables (TRUNCATE skips row triggers)', async () => {
		await appendAuditEvent(t.db, { actor: SYSTEM, action: 'user.updated', meta: META, payload: {} });
		for (const table of ['audit_event', 'audit_checkpoint']) {
			await expect(forceSql(t, `truncate ${table}`)).rejects.toThrow(`${table} is append-only`);
		}
		await expect(forceSql(t, 'update audit_event set at = 0')).rejects.toThrow('audit_event is append-only');
		await expect(forceSql(t, 'delete from audit_event')).rejects.toThrow('audit_event is append-only');
		expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, count: 1 });
	});
});

describe('/healthz on PostgreSQL', () => {
	let GET: (typeof import('../../src/routes/healthz/+server'))['GET'];
	beforeAll(async () => {
		({ GET } = await import('../../src/routes/healthz/+server'));
	});
	afterAll(() => {
		delete process.env.DATABASE_PATH;
		delete process.env.KEYS_FILE;
	});

	it('names the engine and checks the connection', async () => {
		useAppDatabase(t);
		const res = await GET({} as Parameters<typeof GET>[0]);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ status: 'ok', engine: 'postgres' });
	});
});
