import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

/** Runs fn in the caller's transaction if there is one, else in a new one (Kysely cannot nest). */
export function inTransaction<T>(db: Kysely<Database>, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
	return db.isTransaction ? fn(db as Transaction<Database>) : db.transaction().execute(fn);
}
