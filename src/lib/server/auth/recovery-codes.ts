// One-time recovery codes for the TOTP second factor (ASVS V6: lookup secrets). Only an HMAC of each code,
// keyed with the app key and bound to its owner, is stored: a stolen database gives no usable code.
// Sign-in with a code shares the TOTP throttle, so the two cannot be combined to guess faster.
import { createHmac } from 'node:crypto';
import type { Transaction } from 'kysely';
import { RECOVERY_CODE_COUNT, normalizeRecoveryCode, recoveryCodeFrom } from '$lib/domain/recovery-code';
import { message, type Message, type MessageKey } from '$lib/domain/message';
import { TOTP_POLICY, minutesLeft } from '$lib/domain/throttle';
import type { AuditAction } from '$lib/domain/audit-actions';
import type { Db } from '../db/open';
import type { Database } from '../db/schema';
import { appendAuditEvent, type RequestMeta, staffActor } from '../audit';
import type { AppKey } from '../crypto/keyring';
import { nowSeconds } from '../time';
import { clearFailures, countFailure, secondsLocked } from './throttle';

type Executor = Db | Transaction<Database>;
type User = { id: number; username: string };

function hashRecoveryCode(appKey: AppKey, userId: number, normalized: string): string {
	return createHmac('sha256', appKey).update(`recovery-code:v1:${userId}:${normalized}`).digest('hex');
}

/** A new set of codes for the user; the old ones stop working. Call inside the caller's transaction. */
/** A new set of codes for the user (the old ones die), audited in the caller's transaction; returns them once. */
export async function replaceRecoveryCodes(
	trx: Transaction<Database>,
	appKey: AppKey,
	user: User,
	meta: RequestMeta,
	now: number
): Promise<string[]> {
	const userId = user.id;
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
		recoveryCodeFrom(crypto.getRandomValues(new Uint8Array(12)))
	);
	await trx.deleteFrom('staff_recovery_code').where('user_id', '=', userId).execute();
	await trx
		.insertInto('staff_recovery_code')
		.values(
			codes.map((code) => ({
				user_id: userId,
				code_hash: hashRecoveryCode(appKey, userId, normalizeRecoveryCode(code)!),
				created_at: now,
				used_at: null
			}))
		)
		.execute();
	await appendAuditEvent(
		trx,
		{
			actor: staffActor(user),
			action: 'auth.recovery_codes_generated',
			subject: { type: 'staff_user', id: userId },
			meta,
			payload: { count: codes.length }
		},
		now
	);
	return codes;
}

export async function countUnusedRecoveryCodes(db: Executor, userId: number): Promise<number> {
	const row = await db
		.selectFrom('staff_recovery_code')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('user_id', '=', userId)
		.where('used_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export type RecoveryUse = { ok: true; left: number } | { ok: false; error: Message };
const refused = (key: MessageKey, params?: Message['params']): { ok: false; error: Message } => ({
	ok: false,
	error: message(key, params)
});

/** Signs in with a recovery code instead of the TOTP: each code once, throttled like TOTP, audited. */
export async function useRecoveryCode(
	db: Db,
	appKey: AppKey,
	user: User,
	typed: string,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<RecoveryUse> {
	const normalized = normalizeRecoveryCode(typed.slice(0, 40));
	if (normalized === null) return refused('error.recoveryCodeFormat');
	return db.transaction().execute(async (trx) => {
		const throttleKey = `totp:${user.id}`;
		const locked = await secondsLocked(trx, throttleKey, now);
		if (locked > 0) return refused('error.totpLocked', { minutes: minutesLeft(locked) });
		const audit = (action: AuditAction, payload?: Record<string, unknown>) =>
			appendAuditEvent(
				trx,
				{ actor: staffActor(user), action, subject: { type: 'staff_user', id: user.id }, meta, payload },
				now
			);
		const row = await trx
			.selectFrom('staff_recovery_code')
			.select(['id', 'used_at'])
			.where('user_id', '=', user.id)
			.where('code_hash', '=', hashRecoveryCode(appKey, user.id, normalized))
			.executeTakeFirst();
		if (!row || row.used_at !== null) {
			await audit('auth.recovery_code_failed', { spent: Boolean(row) });
			const { lockedNow, lockedUntil } = await countFailure(trx, throttleKey, TOTP_POLICY, now);
			if (lockedNow) {
				await audit('auth.lockout', { scope: 'totp', until: lockedUntil });
				return refused('error.totpLocked', { minutes: minutesLeft(lockedUntil! - now) });
			}
			return refused(row ? 'error.recoveryCodeSpent' : 'error.recoveryCodeInvalid');
		}
		await trx.updateTable('staff_recovery_code').set({ used_at: now }).where('id', '=', row.id).execute();
		await clearFailures(trx, throttleKey);
		const left = await countUnusedRecoveryCodes(trx, user.id);
		await audit('auth.recovery_code_used', { left });
		return { ok: true, left } as const;
	});
}
