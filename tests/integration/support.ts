// A fresh, migrated database per test (real SQLite file, real migrations; or a real PostgreSQL database copied
// from the run's migrated template when TEST_DATABASE=postgres), removed afterwards.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { NO_REQUEST, type Actor } from '$lib/server/audit';
import { loadAppKey } from '$lib/server/crypto/keyring';
import {
	migrateToLatest,
	openDatabase,
	openSqlite,
	type DbHandle,
	type Engine,
	type SqliteHandle
} from '$lib/server/db/open';
import { postgresDialect } from '$lib/server/db/postgres';
import { createStaffUser } from '$lib/server/admin/staff-users';
import type { Role } from '$lib/domain/roles';
import type { Database } from '$lib/server/db/schema';
import { socketUrl } from '../support/postgres-cluster';

interface TestPlace {
	/** A directory of the test's own (key files, exports), removed by close. */
	dir: string;
	/** Where the data lives: the SQLite file, or the PostgreSQL database's URL. */
	file: string;
	close(): Promise<void>;
}
export type TestDb = DbHandle & TestPlace;
export type SqliteTestDb = SqliteHandle & TestPlace;

/** The engine this run tests: the integration-pg project sets TEST_DATABASE=postgres. */
export const TEST_ENGINE: Engine = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

let admin: Kysely<Database> | null = null;

/** A new PostgreSQL database copied from template (the run's migrated one by default), and how to drop it. */
export async function copyPostgresDatabase(
	template = 'par_migrated'
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
	const dir = inject('postgresDir');
	admin ??= openDatabase(socketUrl(dir, 'postgres')).db;
	const name = `t_${randomBytes(8).toString('hex')}`;
	await sql`create database ${sql.id(name)} template ${sql.id(template)}`.execute(admin);
	return {
		name,
		url: socketUrl(dir, name),
		async drop() {
			await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin!);
		}
	};
}

/** A migrated database on this run's engine. */
export async function freshDb(): Promise<TestDb> {
	if (TEST_ENGINE === 'sqlite') return freshSqliteDb();
	const dir = mkdtempSync(path.join(tmpdir(), 'par-survey-test-'));
	const copy = await copyPostgresDatabase();
	const handle = openDatabase(copy.url);
	return {
		...handle,
		dir,
		file: copy.url,
		async close() {
			await handle.db.destroy();
			await copy.drop();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** A migrated SQLite file, whatever the run's engine: for tests of SQLite's own storage (WAL, pages, pragmas). */
export async function freshSqliteDb(): Promise<SqliteTestDb> {
	const dir = mkdtempSync(path.join(tmpdir(), 'par-survey-test-'));
	const file = path.join(dir, 'test.sqlite');
	const handle = openSqlite(file);
	await migrateToLatest(handle.db);
	return {
		...handle,
		dir,
		file,
		async close() {
			await handle.db.destroy();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

export const SYSTEM: Actor = { type: 'system', label: 'test' };
export const META = { ip: '203.0.113.7', userAgent: 'vitest' };
export { NO_REQUEST };

export function testKey(dir: string) {
	return loadAppKey({ database: path.join(dir, 'x.sqlite'), keysSecret: null, keysFile: null, origin: null }, () => {});
}

export async function makeUser(t: TestDb, username: string, role: Role, password = 'một mật khẩu đủ dài') {
	const r = await createStaffUser(
		t.db,
		{ username, displayName: `Cán bộ ${username}`, role, unitCode: null, password },
		SYSTEM,
		NO_REQUEST
	);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return { id: r.id, username, password };
}

export async function auditActions(t: TestDb): Promise<string[]> {
	const rows = await t.db.selectFrom('audit_event').select('action').orderBy('seq').execute();
	return rows.map((r) => r.action);
}

/** A second handle on the same database that records the SQL of every query it runs (what a service read). */
export function queryLoggingDb(t: TestDb): { db: Kysely<Database>; queries: string[] } {
	const queries: string[] = [];
	const db = new Kysely<Database>({
		dialect: t.sqlite ? new SqliteDialect({ database: t.sqlite }) : postgresDialect(t.file).dialect,
		log: (e) => void queries.push(e.query.sql)
	});
	return { db, queries };
}

/** Raw SQL a test runs to force what the services refuse (a tampered row, a damaged tree), on either engine. */
export async function forceSql(t: TestDb, text: string): Promise<void> {
	await sql.raw(text).execute(t.db);
}

/** Drops one of the append-only triggers, as someone with the database file or its superuser could. */
export async function dropTrigger(t: TestDb, trigger: string, table: string): Promise<void> {
	await forceSql(t, t.engine === 'sqlite' ? `drop trigger ${trigger}` : `drop trigger ${trigger} on ${table}`);
}

/** A trigger that makes every insert into table fail with message (a full disk, a broken table). */
export async function refuseInserts(t: TestDb, table: string, message: string): Promise<void> {
	if (t.engine === 'sqlite') {
		await forceSql(
			t,
			`create trigger refuse_${table} before insert on ${table} begin select raise(abort, '${message}'); end`
		);
		return;
	}
	await forceSql(
		t,
		`create function refuse_${table}() returns trigger language plpgsql as $$ begin raise exception '${message}'; end $$`
	);
	await forceSql(
		t,
		`create trigger refuse_${table} before insert on ${table} for each row execute function refuse_${table}()`
	);
}

/** The test's database narrowed to SQLite, for a file that reads SQLite's own storage (not run on PostgreSQL). */
export function sqliteOnly<T extends TestDb>(t: T): T & SqliteHandle {
	if (t.engine !== 'sqlite') throw new Error('this test reads SQLite storage: it belongs to the SQLite project only');
	return t as T & SqliteHandle;
}

/**
 * Every byte the engine keeps of this database on disk, as latin1 text to search: the SQLite file and its WAL
 * (checkpointed first), or PostgreSQL's data files of this database and the cluster's WAL (after a CHECKPOINT).
 */
export async function storedBytes(t: TestDb): Promise<string[]> {
	if (t.sqlite) {
		t.sqlite.pragma('wal_checkpoint(TRUNCATE)');
		return [t.file, `${t.file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1'));
	}
	await sql`checkpoint`.execute(t.db);
	const { rows } = await sql<{ oid: number }>`select oid from pg_database where datname = current_database()`.execute(
		t.db
	);
	const data = path.join(inject('postgresDir'), 'data');
	const dirs = [path.join(data, 'base', String(rows[0].oid)), path.join(data, 'pg_wal')];
	return dirs.flatMap((d) =>
		readdirSync(d, { withFileTypes: true })
			.filter((e) => e.isFile())
			.map((e) => readFileSync(path.join(d, e.name)).toString('latin1'))
	);
}

/** The app's tables (not the engine's, not Kysely's migration bookkeeping), sorted, on either engine. */
export async function tableNames(db: Kysely<Database>): Promise<string[]> {
	const tables = await db.introspection.getTables();
	return tables
		.filter((t) => !t.isView)
		.map((t) => t.name)
		.sort();
}

/** Points the app's singleton (getApp, read once per file) at the test's database and its key file. */
export function useAppDatabase(t: TestDb): void {
	process.env.DATABASE_PATH = t.file;
	// Beside the SQLite file, where getApp would look anyway; PostgreSQL has no file to sit beside.
	process.env.KEYS_FILE = path.join(t.dir, 'par-survey.key');
}
