// Password sign-in: IP and account throttling, a uniform answer for unknown users, and an
// audit event for every outcome, written in the same transaction as the throttle change.
import { ACCOUNT_POLICY, IP_POLICY, minutesLeft } from '$lib/domain/throttle';
import { message, type Message, type MessageKey } from '$lib/domain/message';
import { PASSWORD_MAX } from '$lib/domain/staff';
import type { Db } from '../db/open';
import { appendAuditEvent, type RequestMeta, staffActor } from '../audit';
import { burnPasswordCheck, verifyPasswordHash } from './password';
import { clearFailures, countFailure, secondsLocked } from './throttle';
import { nowSeconds } from '../time';

/** A refusal says why; a lockout says for how many minutes (`params.minutes`). */
export type LoginResult = { ok: true; userId: number; username: string } | { ok: false; error: Message };

const refused = (key: MessageKey, minutes?: number): LoginResult => ({
	ok: false,
	error: message(key, minutes === undefined ? undefined : { minutes })
});

const accountKey = (username: string) => `account:${username}`;
const ipKey = (ip: string | null) => `ip:${ip ?? 'unknown'}`;

export async function loginWithPassword(
	db: Db,
	input: { username: unknown; password: unknown },
	meta: RequestMeta,
	now = nowSeconds()
): Promise<LoginResult> {
	const username = typeof input.username === 'string' ? input.username.normalize('NFC').trim().toLowerCase() : '';
	const password = typeof input.password === 'string' ? input.password : '';
	if (!username) return refused('error.usernameRequired');
	if (!password) return refused('error.passwordRequired');
	// Refused before hashing or counting: a huge password is a malformed request, not a guess.
	if (username.length > 64) return refused('error.invalidCredentials');
	if (password.length > PASSWORD_MAX) return refused('error.passwordTooLong');

	const ipLocked = await secondsLocked(db, ipKey(meta.ip), now);
	if (ipLocked > 0) return refused('error.tooManyFromIp', minutesLeft(ipLocked));
	const accountLocked = await secondsLocked(db, accountKey(username), now);
	if (accountLocked > 0) return refused('error.accountLocked', minutesLeft(accountLocked));

	const user = await db
		.selectFrom('staff_user')
		.select(['id', 'username', 'password_hash', 'disabled_at'])
		.where('username', '=', username)
		.executeTakeFirst();
	const passwordOk = user
		? await verifyPasswordHash(user.password_hash, password)
		: (await burnPasswordCheck(password), false);

	if (user && passwordOk && user.disabled_at === null) {
		await db.transaction().execute(async (trx) => {
			await clearFailures(trx, accountKey(username));
			await appendAuditEvent(
				trx,
				{ actor: staffActor(user), action: 'auth.login', subject: { type: 'staff_user', id: user.id }, meta },
				now
			);
		});
		return { ok: true, userId: user.id, username: user.username };
	}

	return db.transaction().execute(async (trx) => {
		const reason = !user ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'disabled';
		await appendAuditEvent(
			trx,
			{
				actor: { type: 'anonymous', label: username },
				action: 'auth.login_failed',
				subject: user ? { type: 'staff_user', id: user.id } : undefined,
				meta,
				payload: { reason }
			},
			now
		);
		const ip = await countFailure(trx, ipKey(meta.ip), IP_POLICY, now);
		const account = await countFailure(trx, accountKey(username), ACCOUNT_POLICY, now);
		if (account.lockedNow || ip.lockedNow) {
			await appendAuditEvent(
				trx,
				{
					actor: { type: 'system' },
					action: 'auth.lockout',
					subject: account.lockedNow ? { type: 'account', id: username } : { type: 'ip', id: meta.ip ?? 'unknown' },
					meta,
					payload: { until: account.lockedUntil ?? ip.lockedUntil }
				},
				now
			);
		}
		if (account.lockedNow) return refused('error.accountLocked', minutesLeft(ACCOUNT_POLICY.lockSeconds));
		if (ip.lockedNow) return refused('error.tooManyFromIp', minutesLeft(IP_POLICY.lockSeconds));
		return refused('error.invalidCredentials');
	});
}
