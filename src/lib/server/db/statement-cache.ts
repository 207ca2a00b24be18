// Kysely's SQLite driver prepares every statement anew on each call (9–17 % of a respondent request's CPU,
// issue 16). This keeps the most recently used prepared statements per database handle instead.
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct SQL texts kept: `in (?, ?, …)` lists of every length make many, so the oldest are dropped. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The handle as Kysely's driver sees it, with `prepare` answered from a least-recently-used cache. Reuse is
 * safe: the driver runs one query at a time (a streamed query holds the connection until it ends).
 */
export function cachePreparedStatements(sqlite: BetterSqlite3.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
	const cache = new Map<string, BetterSqlite3.Statement>();
	return {
		close: () => sqlite.close(),
		prepare(sql: string) {
			const cached = cache.get(sql);
			if (cached) {
				// Map keeps insertion order: re-inserting marks it most recently used.
				cache.delete(sql);
				cache.set(sql, cached);
				return cached;
			}
			const statement = sqlite.prepare(sql);
			cache.set(sql, statement);
			if (cache.size > size) cache.delete(cache.keys().next().value!);
			return statement;
		}
	};
}
