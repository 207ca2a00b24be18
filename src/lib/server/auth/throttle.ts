// Throttle state stored in the database, so a restart or a second process does not reset it.
import { lockedFor, recordFailure, type ThrottlePolicy, type ThrottleState } from '$lib/domain/throttle';
import type { Transaction } from 'kysely';
import type { Db } from '../db/open';
import type { Database } from '../db/schema';

type Executor = Db | Transaction<Database>;

async function readState(db: Executor, key: string): Promise<ThrottleState | null> {
	const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
	return row ? { failures: row.failures, windowStart: row.window_start, lockedUntil: row.locked_until } : null;
}

/** Seconds until the key may try again, 0 when it may try now. */
export async function secondsLocked(db: Executor, key: string, now: number): Promise<number> {
	return lockedFor(await readState(db, key), now);
}

/** The first of the keys that is waiting, with the moment it may try again; null when none is. */
export async function firstLocked(
	db: Executor,
	keys: readonly string[],
	now: number
): Promise<{ key: string; until: number } | null> {
	for (const key of keys) {
		const wait = await secondsLocked(db, key, now);
		if (wait > 0) return { key, until: now + wait };
	}
	return null;
}

export async function countFailure(db: Executor, key: string, policy: ThrottlePolicy, now: number) {
	const { state, lockedNow } = recordFailure(await readState(db, key), policy, now);
	const values = { failures: state.failures, window_start: state.windowStart, locked_until: state.lockedUntil };
	await db
		.insertInto('login_throttle')
		.values({ key, ...values })
		.onConflict((oc) => oc.column('key').doUpdateSet(values))
		.execute();
	return { lockedNow, lockedUntil: state.lockedUntil };
}

export async function clearFailures(db: Executor, key: string): Promise<void> {
	await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
