// Periodic housekeeping: drop dead sessions and stale throttle rows, and truncate the WAL so
// the file on disk does not keep a commit-ordered trail of recent writes (docs/integrity.md).
import type Database from 'better-sqlite3';
import type { Db } from './open';
import { deleteExpiredSessions } from '../auth/session';
import { expireStaleCodes } from '../delivery/queue';
import { deleteExpiredRespondentSessions } from '../respondent/sessions';
import { readSettings } from '../admin/settings';
import { nowSeconds } from '../time';
import { anchorDailyIfDue } from '../audit-checkpoint';

const STALE_THROTTLE = 24 * 60 * 60;

/** sqlite: the SQLite connection whose WAL to truncate (null on PostgreSQL, whose WAL is the server's own). */
export async function runMaintenance(db: Db, sqlite: Database.Database | null, now = nowSeconds()): Promise<void> {
	const { session_idle_minutes } = await readSettings(db);
	await deleteExpiredSessions(db, session_idle_minutes * 60, now);
	await deleteExpiredRespondentSessions(db, now);
	await db
		.deleteFrom('login_throttle')
		.where('window_start', '<', now - STALE_THROTTLE)
		.where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
		.execute();
	// A code whose channel is down or gone must not wait sealed in the queue past its lifetime.
	await expireStaleCodes(db, now);
	// A signed anchor of the audit chain's head at least daily, so a cut-short log shows (issue 14).
	await anchorDailyIfDue(db, now);
	sqlite?.pragma('wal_checkpoint(TRUNCATE)');
}
