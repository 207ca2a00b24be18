// The few SQL words SQLite and PostgreSQL say differently, in one place (issue 17): services build their queries
// with Kysely and reach for these only where the engines disagree. Each is tested on both engines.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { engineOf } from './open';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema, a transaction's too
type AnyDb = Kysely<any>;

/** One key of a JSON text column, as the value JSON holds (number, string, boolean or null). */
export function jsonValue<T>(db: AnyDb, column: string, key: string): RawBuilder<T | null> {
	return engineOf(db) === 'postgres'
		? sql<T | null>`(${sql.ref(column)}::jsonb -> ${key})`
		: sql<T | null>`json_extract(${sql.ref(column)}, ${`$.${key}`})`;
}

/** column in (ids), with the list as one parameter however long (SQLite caps parameters per statement). */
export function inIds(db: AnyDb, column: string, ids: readonly number[]): RawBuilder<boolean> {
	return engineOf(db) === 'postgres'
		? sql<boolean>`${sql.ref(column)} = any(${[...ids]}::bigint[])`
		: sql<boolean>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(ids)}))`;
}

/** LIKE that ignores ASCII case on both engines, as SQLite's LIKE does (PostgreSQL's ILIKE; C collation). */
export function likeOperator(db: AnyDb): 'like' | 'ilike' {
	return engineOf(db) === 'postgres' ? 'ilike' : 'like';
}
