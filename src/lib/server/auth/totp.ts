// TOTP second factor (RFC 6238, 30 s, 6 digits) with one step of clock drift either way.
// A code is accepted once: the matched time step is stored and older or equal steps are refused.
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeBase64, encodeBase32UpperCaseNoPadding, encodeBase64 } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import QRCode from 'qrcode';
import type { Db } from '../db/open';
import { appendAuditEvent, type RequestMeta, staffActor } from '../audit';
import { openSecret, sealSecret, type AppKey } from '../crypto/keyring';
import { nowSeconds } from '../time';
import type { AuditAction } from '$lib/domain/audit-actions';
import { message, type Message, type MessageKey } from '$lib/domain/message';
import { TOTP_POLICY, minutesLeft } from '$lib/domain/throttle';
import { clearFailures, countFailure, secondsLocked } from './throttle';
import { replaceRecoveryCodes } from './recovery-codes';

const PERIOD = 30;
const DIGITS = 6;
const ISSUER = 'PAR Survey';

export function generateTotpKey(): Uint8Array {
	return crypto.getRandomValues(new Uint8Array(20));
}

export async function describeTotpKey(key: Uint8Array, username: string) {
	const uri = createTOTPKeyURI(ISSUER, username, key, PERIOD, DIGITS);
	const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	return {
		uri,
		manualKey: encodeBase32UpperCaseNoPadding(key)
			.replace(/(.{4})/g, '$1 ')
			.trim(),
		qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
	};
}

/** What the enrolment page shows: the key (to post back with the code), its link, QR code and typed form. */
export interface Enrolment {
	encodedKey: string;
	uri: string;
	manualKey: string;
	qrDataUrl: string;
}

export async function describeEnrolment(key: Uint8Array, username: string): Promise<Enrolment> {
	return { encodedKey: encodeBase64(key), ...(await describeTotpKey(key, username)) };
}

/** The key posted back by the enrolment form, or null if it is not one we could have made. */
export function decodeEnrolmentKey(raw: string | undefined): Uint8Array | null {
	if (raw === undefined || raw.length > 64) return null;
	try {
		const key = decodeBase64(raw);
		return key.byteLength === 20 ? key : null;
	} catch {
		return null;
	}
}

/** The time step a code belongs to, within one step of now, or null. */
export function matchTotpStep(key: Uint8Array, code: string, now = nowSeconds()): number | null {
	if (!/^\d{6}$/.test(code)) return null;
	const current = Math.floor(now / PERIOD);
	const given = new TextEncoder().encode(code);
	for (const step of [current - 1, current, current + 1]) {
		if (constantTimeEqual(new TextEncoder().encode(generateHOTP(key, BigInt(step), DIGITS)), given)) return step;
	}
	return null;
}

/** A refused code says why; a lockout says for how many minutes (`params.minutes`). */
export type TotpCheck = { ok: true } | { ok: false; error: Message };

const refused = (key: MessageKey, minutes?: number): TotpCheck => ({
	ok: false,
	error: message(key, minutes === undefined ? undefined : { minutes })
});

export async function enableTotp(
	db: Db,
	appKey: AppKey,
	user: { id: number; username: string },
	key: Uint8Array,
	code: string,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false; error: Message }> {
	const trimmed = code.replace(/\s/g, '');
	if (!/^\d{6}$/.test(trimmed)) return refused('error.totpFormat') as { ok: false; error: Message };
	const step = matchTotpStep(key, trimmed, now);
	if (step === null) return refused('error.totpInvalid') as { ok: false; error: Message };
	// The recovery codes are made with the key, so the enrolment page can show them once.
	const recoveryCodes = await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('staff_user')
			.set({ totp_key_enc: sealSecret(appKey, key, `totp:${user.id}`), totp_last_step: step, updated_at: now })
			.where('id', '=', user.id)
			.execute();
		await appendAuditEvent(
			trx,
			{ actor: staffActor(user), action: 'auth.totp_enabled', subject: { type: 'staff_user', id: user.id }, meta },
			now
		);
		return replaceRecoveryCodes(trx, appKey, user, meta, now);
	});
	return { ok: true, recoveryCodes };
}

export async function verifyUserTotp(
	db: Db,
	appKey: AppKey,
	user: { id: number; username: string },
	code: string,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<TotpCheck> {
	const trimmed = code.replace(/\s/g, '');
	if (!/^\d{6}$/.test(trimmed)) return refused('error.totpFormat');
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('staff_user')
			.select(['totp_key_enc', 'totp_last_step'])
			.where('id', '=', user.id)
			.executeTakeFirstOrThrow();
		if (!row.totp_key_enc) return refused('error.totpInvalid');
		const throttleKey = `totp:${user.id}`;
		const locked = await secondsLocked(trx, throttleKey, now);
		if (locked > 0) return refused('error.totpLocked', minutesLeft(locked));
		const step = matchTotpStep(openSecret(appKey, row.totp_key_enc, `totp:${user.id}`), trimmed, now);
		const audit = (action: AuditAction) =>
			appendAuditEvent(
				trx,
				{ actor: staffActor(user), action, subject: { type: 'staff_user', id: user.id }, meta },
				now
			);
		if (step === null) {
			await audit('auth.totp_failed');
			const { lockedNow, lockedUntil } = await countFailure(trx, throttleKey, TOTP_POLICY, now);
			if (!lockedNow) return refused('error.totpInvalid');
			await audit('auth.lockout');
			return refused('error.totpLocked', minutesLeft(lockedUntil! - now));
		}
		if (row.totp_last_step !== null && step <= row.totp_last_step) {
			await audit('auth.totp_reused');
			return refused('error.totpReused');
		}
		await trx.updateTable('staff_user').set({ totp_last_step: step }).where('id', '=', user.id).execute();
		await clearFailures(trx, throttleKey);
		await audit('auth.totp_verified');
		return { ok: true } as const;
	});
}
