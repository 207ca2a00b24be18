// The app processes sharing one database (issue 17). Each registers at start and beats every few seconds; one
// not seen for PROCESS_STALE_SECONDS is taken for dead, so the others queue again the messages it had claimed.
// With SQLite there is one process by design: at its start, every other registration is dead.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open';
import { nowSeconds } from '../time';

export const PROCESS_BEAT_SECONDS = 5;
export const PROCESS_STALE_SECONDS = 30;

/** The oldest beat of a live process: one not seen since is taken for dead. */
export const liveSince = (now = nowSeconds()) => now - PROCESS_STALE_SECONDS;

export function newProcessId(): string {
	return randomBytes(16).toString('hex');
}

/** Registers this process (again, if the others had taken it for dead) and says it is alive now. */
export async function beat(db: Db, id: string, now = nowSeconds(), publicKey: string | null = null): Promise<void> {
	await db
		.insertInto('app_process')
		.values({ id, started_at: now, seen_at: now, public_key: publicKey })
		.onConflict((oc) => oc.column('id').doUpdateSet({ seen_at: now, public_key: publicKey }))
		.execute();
}

/** Processes seen within the stale window (this one included once it has beaten). */
export async function liveProcessIds(db: Db, now = nowSeconds()): Promise<string[]> {
	const rows = await db
		.selectFrom('app_process')
		.select('id')
		.where('seen_at', '>=', liveSince(now))
		.orderBy('id')
		.execute();
	return rows.map((r) => r.id);
}

/** A clean stop: the others need not wait for the stale window to take over its work. */
export async function unregisterProcess(db: Db, id: string): Promise<void> {
	await db.deleteFrom('app_process').where('id', '=', id).execute();
}

/** Drops registrations dead for a day: they only matter for the stale window. */
export async function forgetDeadProcesses(db: Db, now = nowSeconds()): Promise<void> {
	await db
		.deleteFrom('app_process')
		.where('seen_at', '<', now - 24 * 60 * 60)
		.execute();
}
