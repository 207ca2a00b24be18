// Changing one's own password asks for the current one; a stolen session must not be able to guess it
// without limit (ASVS 6.3.1). Throttled like sign-in (growing delays, domain/throttle.ts) per account and
// session: the attacker's session waits, the owner's other sessions do not. Failures and trips are audited.
import { message } from '$lib/domain/message';
import { ACCOUNT_CLIENT_POLICY, retryClock } from '$lib/domain/throttle';
import type { Db } from '../db/open';
import { appendAuditEvent, type RequestMeta, staffActor } from '../audit';
import { changeOwnPassword } from '../admin/staff-users';
import { clearFailures, countFailure, secondsLocked } from './throttle';
import { nowSeconds } from '../time';

type ChangeResult = Awaited<ReturnType<typeof changeOwnPassword>>;

const throttleKey = (userId: number, sessionId: string) => `current-password:${userId}:${sessionId}`;

const waitUntil = (moment: number): ChangeResult => ({
	ok: false,
	errors: { currentPassword: message('error.currentPasswordLocked', { time: retryClock(moment) }) }
});

/** changeOwnPassword behind the throttle: refused unseen while waiting, a wrong current password counted. */
export async function changeOwnPasswordThrottled(
	db: Db,
	user: { id: number; username: string },
	sessionId: string,
	passwords: { current: string; next: string },
	meta: RequestMeta,
	now = nowSeconds()
): Promise<ChangeResult> {
	const key = throttleKey(user.id, sessionId);
	const wait = await secondsLocked(db, key, now);
	if (wait > 0) return waitUntil(now + wait);
	const result = await changeOwnPassword(db, user, passwords.current, passwords.next, meta, now);
	if (result.ok) {
		await clearFailures(db, key);
		return result;
	}
	if (result.errors.currentPassword?.key !== 'error.currentPasswordWrong') return result;
	return db.transaction().execute(async (trx) => {
		const actor = staffActor(user);
		const subject = { type: 'staff_user', id: user.id };
		await appendAuditEvent(trx, { actor, action: 'auth.current_password_failed', subject, meta }, now);
		const { lockedNow, lockedUntil } = await countFailure(trx, key, ACCOUNT_CLIENT_POLICY, now);
		if (!lockedNow) return result;
		await appendAuditEvent(
			trx,
			{ actor, action: 'auth.lockout', subject, meta, payload: { scope: 'current-password', until: lockedUntil } },
			now
		);
		return waitUntil(lockedUntil!);
	});
}
