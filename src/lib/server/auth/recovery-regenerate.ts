// A new set of recovery codes needs proof that the person is the owner: the current password (throttled
// per account and session, like a password change) or a fresh TOTP (throttled like sign-in).
import { message, type Message } from '$lib/domain/message';
import { ACCOUNT_CLIENT_POLICY, retryClock } from '$lib/domain/throttle';
import type { Db } from '../db/open';
import { appendAuditEvent, type RequestMeta, staffActor } from '../audit';
import type { AppKey } from '../crypto/keyring';
import { nowSeconds } from '../time';
import { verifyPasswordHash } from './password';
import { replaceRecoveryCodes } from './recovery-codes';
import { clearFailures, countFailure, secondsLocked } from './throttle';
import { verifyUserTotp } from './totp';

type User = { id: number; username: string };

export type Regeneration = { ok: true; codes: string[] } | { ok: false; error: Message };

/** Checks the current password, throttled per account and session like a password change. */
async function checkPassword(
	db: Db,
	user: User,
	sessionId: string,
	password: string,
	meta: RequestMeta,
	now: number
): Promise<Message | null> {
	const key = `current-password:${user.id}:${sessionId}`;
	const wait = await secondsLocked(db, key, now);
	if (wait > 0) return message('error.currentPasswordLocked', { time: retryClock(now + wait) });
	const row = await db
		.selectFrom('staff_user')
		.select('password_hash')
		.where('id', '=', user.id)
		.executeTakeFirstOrThrow();
	if (await verifyPasswordHash(row.password_hash, password)) {
		await clearFailures(db, key);
		return null;
	}
	return db.transaction().execute(async (trx) => {
		const subject = { type: 'staff_user', id: user.id };
		await appendAuditEvent(
			trx,
			{ actor: staffActor(user), action: 'auth.current_password_failed', subject, meta },
			now
		);
		const { lockedNow, lockedUntil } = await countFailure(trx, key, ACCOUNT_CLIENT_POLICY, now);
		if (!lockedNow) return message('error.currentPasswordWrong');
		await appendAuditEvent(
			trx,
			{
				actor: staffActor(user),
				action: 'auth.lockout',
				subject,
				meta,
				payload: { scope: 'current-password', until: lockedUntil }
			},
			now
		);
		return message('error.currentPasswordLocked', { time: retryClock(lockedUntil!) });
	});
}

/** A new set of codes after proof of the current password or a fresh TOTP; the old set dies (audited). */
export async function regenerateRecoveryCodes(
	db: Db,
	appKey: AppKey,
	user: User,
	sessionId: string,
	proof: string,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<Regeneration> {
	if (proof === '') return { ok: false, error: message('error.recoveryProofMissing') };
	if (/^\d{6}$/.test(proof.replace(/\s/g, ''))) {
		const totp = await verifyUserTotp(db, appKey, user, proof, meta, now);
		if (!totp.ok) return totp;
	} else {
		const wrong = await checkPassword(db, user, sessionId, proof.slice(0, 256), meta, now);
		if (wrong) return { ok: false, error: wrong };
	}
	const codes = await db.transaction().execute((trx) => replaceRecoveryCodes(trx, appKey, user, meta, now));
	return { ok: true, codes };
}
