// Opens a SQLite file with the pragmas the app relies on, and migrates it with the static index.
import Database from 'better-sqlite3';
import { Kysely, Migrator, type Migration, type MigrationProvider } from 'kysely';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { migrations } from '../../../../migrations/index';
import type { Database as Schema } from './schema';
import { GuardedSqliteDialect } from './transaction';

export type Db = Kysely<Schema>;
export interface DbHandle {
	db: Db;
	sqlite: Database.Database;
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

export function openDatabase(filename: string): DbHandle {
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
	return { db, sqlite };
}

class StaticMigrationProvider implements MigrationProvider {
	async getMigrations(): Promise<Record<string, Migration>> {
		return migrations;
	}
}

export async function migrateToLatest(db: Db) {
	const migrator = new Migrator({ db, provider: new StaticMigrationProvider() });
	const { error, results } = await migrator.migrateToLatest();
	if (error) throw error;
	return results ?? [];
}

/** Consistent copy through SQLite's online backup API: one clean file, no WAL beside it. */
export async function backupDatabase(sqlite: Database.Database, destination: string) {
	mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
	return sqlite.backup(destination);
}
