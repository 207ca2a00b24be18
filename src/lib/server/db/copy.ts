// Moves a province's data from its SQLite file into an empty PostgreSQL database (issue 17, `db:copy`): every
// table in foreign-key order, streamed in batches, in one PostgreSQL transaction; then the identity sequences
// past the copied ids and one `db.copied` audit event that continues the copied chain.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { sql, type Kysely, type Transaction } from 'kysely';
import { migrations } from '../../../../migrations/index';
import { collectGarbage } from '../collect-garbage';
import { appendAuditEvent, type Actor, type RequestMeta } from '../audit';
import { migrateToLatest, openDatabase } from './open';
import { isPostgresUrl } from './postgres';
import type { Database as Schema } from './schema';

export type CopyRefusal =
	| { reason: 'sourceNotSqlite'; detail: string }
	| { reason: 'sourceNotMigrated'; detail: string }
	| { reason: 'targetNotPostgres'; detail: string }
	| { reason: 'targetNotEmpty'; detail: string };
export type CopyResult =
	{ ok: true; tables: { table: string; rows: number }[]; auditSeq: number } | ({ ok: false } & CopyRefusal);

export interface CopyRequest {
	/** sqlite:PATH */
	from: string;
	/** postgres://… */
	to: string;
	actor: Actor;
	meta: RequestMeta;
	/** Rows per INSERT (at most 500); tests make it small to cross batch boundaries. */
	batchRows?: number;
	/** Told after each table, for the operator's summary line. */
	onTable?: (table: string, rows: number) => void;
}

interface SourceTable {
	name: string;
	columns: string[];
	key: string[];
	/** The column that references the table itself (unit.parent_id): parents must be copied first. */
	selfReference: { from: string; to: string } | null;
	parents: string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tables by name
type AnyTrx = Transaction<any>;

const SQLITE_PREFIX = 'sqlite:';
/** Rows per INSERT: well under PostgreSQL's 65 535 parameters, and a bounded amount of memory. */
const MAX_BATCH_ROWS = 500;
const MAX_BATCH_PARAMETERS = 30_000;
const GARBAGE_EVERY_ROWS = 20_000;

/** What running processes keep (their registrations, shares relayed between them): not the province's data. */
const RUNNING_STATE = new Set(['app_process', 'relayed_share', 'opening_run']);

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Copies sqlite:PATH into the empty PostgreSQL database at `to` (migrated here first), or says why not. */
export async function copySqliteToPostgres(request: CopyRequest): Promise<CopyResult> {
	if (!request.from.startsWith(SQLITE_PREFIX)) return { ok: false, reason: 'sourceNotSqlite', detail: request.from };
	if (!isPostgresUrl(request.to)) return { ok: false, reason: 'targetNotPostgres', detail: request.to };
	const opened = openSource(request.from.slice(SQLITE_PREFIX.length));
	if (!opened.ok) return opened;
	const source = opened.source;
	try {
		const migrated = checkSourceMigrations(source);
		if (!migrated.ok) return migrated;
		const tables = orderByForeignKeys(readSourceTables(source));
		const target = openDatabase(request.to).db;
		try {
			// Before migrating: a database that already holds data is refused without a single write.
			const before = await findTargetData(target, tables);
			if (before) return { ok: false, reason: 'targetNotEmpty', detail: before };
			await migrateToLatest(target);
			return await target.transaction().execute(async (trx) => {
				const during = await findTargetData(trx, tables);
				if (during) return { ok: false, reason: 'targetNotEmpty', detail: during } as const;
				return copyTables(source, trx, tables, request);
			});
		} finally {
			await target.destroy();
		}
	} finally {
		source.close();
	}
}

function openSource(file: string): { ok: true; source: Database.Database } | ({ ok: false } & CopyRefusal) {
	if (!existsSync(file)) return { ok: false, reason: 'sourceNotSqlite', detail: file };
	let source: Database.Database | null = null;
	try {
		// Read-only: the copy never writes to the province's file, even a WAL checkpoint.
		source = new Database(file, { readonly: true, fileMustExist: true });
		// A file that is not SQLite fails here (SQLITE_NOTADB), before anything is read or written.
		source.prepare('select count(*) from sqlite_master').get();
		return { ok: true, source };
	} catch (e) {
		source?.close();
		return { ok: false, reason: 'sourceNotSqlite', detail: `${file}: ${e instanceof Error ? e.message : e}` };
	}
}

/** The source ran exactly this code's migrations: the tables and columns are the ones the target gets. */
function checkSourceMigrations(source: Database.Database): { ok: true } | ({ ok: false } & CopyRefusal) {
	const expected = Object.keys(migrations).sort();
	const hasHistory = source
		.prepare(`select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'`)
		.get();
	const applied = hasHistory
		? (source.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name)
		: [];
	if (applied.join('\n') === expected.join('\n')) return { ok: true };
	return {
		ok: false,
		reason: 'sourceNotMigrated',
		detail: `${applied.at(-1) ?? '—'} ≠ ${expected.at(-1)}`
	};
}

function readSourceTables(source: Database.Database): SourceTable[] {
	const names = source
		.prepare(
			`select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'
			 and name not like 'kysely\\_migration%' escape '\\' order by name`
		)
		.all() as { name: string }[];
	return names
		.filter(({ name }) => !RUNNING_STATE.has(name))
		.map(({ name }) => {
			const info = source.prepare('select name, pk from pragma_table_info(?) order by cid').all(name) as {
				name: string;
				pk: number;
			}[];
			const key = info
				.filter((c) => c.pk > 0)
				.sort((a, b) => a.pk - b.pk)
				.map((c) => c.name);
			const foreign = source.prepare('select "table", "from", "to" from pragma_foreign_key_list(?)').all(name) as {
				table: string;
				from: string;
				to: string | null;
			}[];
			const self = foreign.find((f) => f.table === name);
			return {
				name,
				columns: info.map((c) => c.name),
				key,
				selfReference: self ? { from: self.from, to: self.to ?? key[0] } : null,
				parents: [...new Set(foreign.map((f) => f.table).filter((t) => t !== name))]
			};
		});
}

/** Referenced tables before the tables that reference them (foreign keys are checked row by row). */
function orderByForeignKeys(tables: SourceTable[]): SourceTable[] {
	const ordered: SourceTable[] = [];
	const done = new Set<string>();
	let left = tables;
	while (left.length) {
		const ready = left.filter((t) => t.parents.every((p) => done.has(p)));
		if (!ready.length) throw new Error(`foreign keys form a cycle: ${left.map((t) => t.name).join(', ')}`);
		for (const t of ready) done.add(t.name);
		ordered.push(...ready);
		left = left.filter((t) => !done.has(t.name));
	}
	return ordered;
}

/** The first of tables that holds a row on the target, or null (tables not created yet hold nothing). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tables by name
async function findTargetData(db: Kysely<any>, tables: SourceTable[]): Promise<string | null> {
	const existing = await sql<{ table_name: string }>`select table_name from information_schema.tables
		where table_schema = current_schema()`.execute(db);
	const present = new Set(existing.rows.map((r) => r.table_name));
	for (const t of tables) {
		if (!present.has(t.name)) continue;
		const { rows } = await sql<{ found: boolean }>`select exists (select 1 from ${sql.table(t.name)}) as found`.execute(
			db
		);
		if (rows[0]?.found) return t.name;
	}
	return null;
}

/**
 * The rows of a table in the order they are copied. Every table goes by its primary key, never by rowid: the
 * ballot side's keys carry nothing — sealed sheets by key_hash (SHA-256 of a random m), opened sheets by their
 * random id, receipts and tallies by value — and PostgreSQL lays rows out in insertion order (ctid), so copying
 * in rowid or arrival order could write a cast order the SQLite file's WITHOUT ROWID tables never kept.
 */
function selectInKeyOrder(table: SourceTable): string {
	const columns = table.columns.map((c) => `t.${quote(c)}`).join(', ');
	const key = table.key.map((c) => `t.${quote(c)}`).join(', ');
	if (!table.selfReference) return `select ${columns} from ${quote(table.name)} t order by ${key}`;
	// Parents before children (a unit moved under a later one has a larger id than its parent's).
	const { from, to } = table.selfReference;
	return `with recursive tree(k, depth) as (
		select ${quote(to)}, 0 from ${quote(table.name)} where ${quote(from)} is null
		union all select c.${quote(to)}, tree.depth + 1 from ${quote(table.name)} c join tree on c.${quote(from)} = tree.k)
		select ${columns} from ${quote(table.name)} t join tree on tree.k = t.${quote(to)} order by tree.depth, ${key}`;
}

async function copyTables(
	source: Database.Database,
	trx: AnyTrx,
	tables: SourceTable[],
	request: CopyRequest
): Promise<CopyResult> {
	const copied: { table: string; rows: number }[] = [];
	// One read transaction: every table comes from the same snapshot of the file.
	source.exec('begin');
	try {
		for (const table of tables) {
			const rows = await copyTable(source, trx, table, request.batchRows ?? MAX_BATCH_ROWS);
			copied.push({ table: table.name, rows });
			request.onTable?.(table.name, rows);
		}
	} finally {
		source.exec('rollback');
	}
	const auditSeq = await appendAuditEvent(trx as unknown as Transaction<Schema>, {
		actor: request.actor,
		action: 'db.copied',
		meta: request.meta,
		payload: { tables: copied.length, rows: copied.reduce((sum, t) => sum + t.rows, 0) }
	});
	await advanceIdentitySequences(trx, tables);
	return { ok: true, tables: copied, auditSeq };
}

/** Streams one table in batches (memory stays flat however many people a province has). */
async function copyTable(source: Database.Database, trx: AnyTrx, table: SourceTable, maxRows: number): Promise<number> {
	const size = Math.max(1, Math.min(maxRows, MAX_BATCH_ROWS, Math.floor(MAX_BATCH_PARAMETERS / table.columns.length)));
	let batch: Record<string, unknown>[] = [];
	let rows = 0;
	for (const row of source.prepare(selectInKeyOrder(table)).iterate() as Iterable<Record<string, unknown>>) {
		batch.push(row);
		if (batch.length < size) continue;
		await trx.insertInto(table.name).values(batch).execute();
		rows += batch.length;
		batch = [];
		// V8 lets the garbage of many batches pile up (peak 257 MB at 300,000 people, 189 MB so): collect it now and then.
		if (rows % GARBAGE_EVERY_ROWS < size) collectGarbage();
	}
	if (batch.length) await trx.insertInto(table.name).values(batch).execute();
	rows += batch.length;
	const { n } = source.prepare(`select count(*) as n from ${quote(table.name)}`).get() as { n: number };
	// The parents-first walk skips a row whose parent chain never reaches a root: say so rather than lose it.
	if (n !== rows) throw new Error(`${table.name}: ${rows} of ${n} rows reached (a parent missing or a cycle)`);
	return rows;
}

/** Identity columns continue after the copied ids, so the next staff user or campaign gets a fresh one. */
async function advanceIdentitySequences(trx: AnyTrx, tables: SourceTable[]): Promise<void> {
	const copied = new Set(tables.map((t) => t.name));
	const { rows } = await sql<{ table_name: string; column_name: string }>`select table_name, column_name
		from information_schema.columns where table_schema = current_schema() and is_identity = 'YES'`.execute(trx);
	for (const { table_name: table, column_name: column } of rows.filter((r) => copied.has(r.table_name)))
		await sql`select setval(pg_get_serial_sequence(${quote(table)}, ${column}),
			coalesce(max(${sql.ref(column)}), 0) + 1, false) from ${sql.table(table)}`.execute(trx);
}
