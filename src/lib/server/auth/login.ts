// Password sign-in: growing delays per (account, client), an account-wide and an address-wide limit that a
// known device skips (known-device.ts), a uniform answer for unknown users, and an audit event for every
// outcome and every trip, written in the same transaction as the throttle change.
import {
	ACCOUNT_CLIENT_POLICY,
	ACCOUNT_POLICY,
	IP_POLICY,
	retryClock,
	type ThrottlePolicy
} from '$lib/domain/throttle';
import { message, type Message, type MessageKey } from '$lib/domain/message';
import { PASSWORD_MAX } from '$lib/domain/staff';
import type { Db } from '../db/open';
import { appendAuditEvent, type RequestMeta, staffActor } from '../audit';
import { burnPasswordCheck, verifyPasswordHash } from './password';
import { clearFailures, countFailure, firstLocked } from './throttle';
import { nowSeconds } from '../time';

/** A refusal says why; a wait says until when (`params.time`, Vietnam's clock). */
export type LoginResult = { ok: true; userId: number; username: string } | { ok: false; error: Message };

const refused = (key: MessageKey, until?: number): LoginResult => ({
	ok: false,
	error: message(key, until === undefined ? undefined : { time: retryClock(until) })
});

const accountKey = (username: string) => `account:${username}`;
const ipKey = (ip: string | null) => `ip:${ip ?? 'unknown'}`;
/** The client is the known device when the browser has one for this account, else its address. */
const clientKey = (username: string, device: string | null, ip: string | null) =>
	device ? `account-device:${username}:${device}` : `account-ip:${username}:${ip ?? 'unknown'}`;

export interface LoginInput {
	username: unknown;
	password: unknown;
	/** The browser's verified known-device ids, by username (readKnownDevices). */
	knownDevices?: ReadonlyMap<string, string>;
}

export async function loginWithPassword(
	db: Db,
	input: LoginInput,
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

	const device = input.knownDevices?.get(username) ?? null;
	const client = clientKey(username, device, meta.ip);
	// A known device answers only for its own failures: the shared limits cannot be turned against it.
	const limits: [string, ThrottlePolicy][] = device
		? [[client, ACCOUNT_CLIENT_POLICY]]
		: [
				[client, ACCOUNT_CLIENT_POLICY],
				[accountKey(username), ACCOUNT_POLICY],
				[ipKey(meta.ip), IP_POLICY]
			];
	const waiting = await firstLocked(
		db,
		limits.map(([key]) => key),
		now
	);
	if (waiting) return refused(lockKey(waiting.key), waiting.until);

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
			await clearFailures(trx, client);
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
				payload: { reason, knownDevice: device !== null }
			},
			now
		);
		let tripped: { key: string; until: number } | null = null;
		for (const [key, policy] of limits) {
			const { lockedNow, lockedUntil } = await countFailure(trx, key, policy, now);
			if (!lockedNow) continue;
			// One event per trip; the attempts refused while it lasts are not counted or logged again.
			await appendAuditEvent(
				trx,
				{
					actor: { type: 'system' },
					action: 'auth.lockout',
					subject: key.startsWith('ip:') ? { type: 'ip', id: meta.ip ?? 'unknown' } : { type: 'account', id: username },
					meta,
					payload: { scope: key.split(':')[0], until: lockedUntil }
				},
				now
			);
			tripped ??= { key, until: lockedUntil! };
		}
		return tripped ? refused(lockKey(tripped.key), tripped.until) : refused('error.invalidCredentials');
	});
}

function lockKey(key: string): MessageKey {
	return key.startsWith('ip:') ? 'error.tooManyFromIp' : 'error.accountLocked';
}
