import type BetterSqlite3 from 'better-sqlite3';
import {
	CompiledQuery,
	SqliteDialect,
	SqliteDriver,
	type DatabaseConnection,
	type Driver,
	type Kysely,
	type Transaction
} from 'kysely';
import type { Database } from './schema';
import { cachePreparedStatements } from './statement-cache';

/** Runs fn in the caller's transaction if there is one, else in a new one (Kysely cannot nest). */
export function inTransaction<T>(db: Kysely<Database>, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
	return db.isTransaction ? fn(db as Transaction<Database>) : db.transaction().execute(fn);
}

// SQLite ends the transaction by itself on some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM): Kysely's
// ROLLBACK then fails with "cannot rollback - no transaction is active", and that error replaced the cause.
class RollbackGuardedDriver extends SqliteDriver {
	readonly #sqlite: BetterSqlite3.Database;
	readonly #onDestroy: () => void;

	constructor(sqlite: BetterSqlite3.Database, onDestroy: () => void) {
		super({ database: cachePreparedStatements(sqlite) });
		this.#sqlite = sqlite;
		this.#onDestroy = onDestroy;
	}

	override async destroy(): Promise<void> {
		try {
			this.#onDestroy();
		} finally {
			await super.destroy();
		}
	}

	// IMMEDIATE: the write lock is taken at BEGIN. A deferred transaction that read first and then wrote failed at
	// once (SQLITE_BUSY, no busy wait) whenever another process (a CLI command, a test) had committed in between.
	override async beginTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('begin immediate'));
	}

	override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
		if (!this.#sqlite.inTransaction) return;
		try {
			await super.rollbackTransaction(connection);
		} catch (error) {
			// A failed ROLLBACK that still ended the transaction must not hide the error that caused it.
			if (this.#sqlite.inTransaction) throw error;
		}
	}
}

/**
 * Kysely's SQLite dialect whose transactions keep the original error when SQLite already rolled back, and
 * whose prepared statements are reused (statement-cache.ts).
 */
export class GuardedSqliteDialect extends SqliteDialect {
	readonly #sqlite: BetterSqlite3.Database;
	readonly #onDestroy: () => void;

	/** onDestroy runs when the handle is destroyed, before its connection closes. */
	constructor(sqlite: BetterSqlite3.Database, onDestroy: () => void = () => {}) {
		super({ database: sqlite });
		this.#sqlite = sqlite;
		this.#onDestroy = onDestroy;
	}

	override createDriver(): Driver {
		return new RollbackGuardedDriver(this.#sqlite, this.#onDestroy);
	}
}
