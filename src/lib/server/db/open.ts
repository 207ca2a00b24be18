// Opens the database (a SQLite file with the pragmas the app relies on, or PostgreSQL by URL) and migrates it
// with the static index.
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresAdapter, type Migration, type MigrationProvider } from 'kysely';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { migrationsFor } from '../../../../migrations/index';
import type { Database as Schema } from './schema';
import { GuardedSqliteDialect } from './transaction';
import { isPostgresUrl, postgresDialect } from './postgres';

export type Db = Kysely<Schema>;
export type Engine = 'sqlite' | 'postgres';
export interface SqliteHandle {
	engine: 'sqlite';
	db: Db;
	sqlite: Database.Database;
}
export interface PostgresHandle {
	engine: 'postgres';
	db: Db;
	sqlite: null;
	/** For a connection of its own (the leader's lock). */
	url: string;
}
export type DbHandle = SqliteHandle | PostgresHandle;

/** Which engine runs db's queries (a transaction's too: it shares its database's adapter). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: migrations see Kysely<any>
export function engineOf(db: Kysely<any>): Engine {
	return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** What openDatabase knows of each handle that the Kysely instance does not say: its file, and who ends with it. */
const opened = new WeakMap<Db, { file: string | null; endings: (() => void)[] }>();

/** The file behind a handle from openDatabase (null: in memory, or a handle made elsewhere), for a second connection. */
export function databaseFileOf(db: Db): string | null {
	return opened.get(db)?.file ?? null;
}

/** Runs end when the handle is destroyed (its driver closes the connection), e.g. to stop a worker on its file. */
export function whenDatabaseDestroyed(db: Db, end: () => void): void {
	opened.get(db)?.endings.push(end);
}

/** location: a postgres:// URL, or a SQLite file path. */
export function openDatabase(location: string): DbHandle {
	return isPostgresUrl(location) ? openPostgres(location) : openSqlite(location);
}

function openPostgres(url: string): PostgresHandle {
	const { dialect } = postgresDialect(url);
	const db = new Kysely<Schema>({ dialect });
	return { engine: 'postgres', db, sqlite: null, url };
}

export function openSqlite(filename: string): SqliteHandle {
	if (filename !== ':memory:') mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
	const sqlite = new Database(filename);
	sqlite.pragma('journal_mode = WAL');
	// FULL: every commit syncs the WAL, so an acknowledged cast, credential or import survives an OS
	// crash or power cut (NORMAL may lose the last commits). On every connection, not per transaction:
	// the pragma is per connection, and audit events and staff actions are acknowledgements too.
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	// Freed pages are zeroed, so deleted rows do not linger in the file (docs/integrity.md).
	sqlite.pragma('secure_delete = ON');
	sqlite.pragma('journal_size_limit = 67108864');
	const endings: (() => void)[] = [];
	const runEndings = () => endings.splice(0).forEach((end) => end());
	const db = new Kysely<Schema>({ dialect: new GuardedSqliteDialect(sqlite, runEndings) });
	opened.set(db, { file: filename === ':memory:' || filename === '' ? null : path.resolve(filename), endings });
	return { engine: 'sqlite', db, sqlite };
}

class StaticMigrationProvider implements MigrationProvider {
	constructor(private readonly engine: Engine) {}

	async getMigrations(): Promise<Record<string, Migration>> {
		return migrationsFor(this.engine);
	}
}

export async function migrateToLatest(db: Db) {
	const migrator = new Migrator({ db, provider: new StaticMigrationProvider(engineOf(db)) });
	const { error, results } = await migrator.migrateToLatest();
	if (error) throw error;
	return results ?? [];
}

/** Consistent copy through SQLite's online backup API: one clean file, no WAL beside it. */
export async function backupDatabase(sqlite: Database.Database, destination: string) {
	mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
	return sqlite.backup(destination);
}
