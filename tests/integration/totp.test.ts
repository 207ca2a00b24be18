import { generateHOTP } from '@oslojs/otp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enableTotp, generateTotpKey, verifyUserTotp } from '$lib/server/auth/totp';
import { loadAppKey, openSecret, sealSecret } from '$lib/server/crypto/keyring';
import { auditActions, freshDb, makeUser, META, testKey, type TestDb } from './support';

const NOW = 1_790_000_010; // 10 s into a 30 s step
const codeAt = (key: Uint8Array, at: number) => generateHOTP(key, BigInt(Math.floor(at / 30)), 6);

describe('TOTP second factor', () => {
	let t: TestDb;
	let user: { id: number; username: string };
	let key: Uint8Array;
	beforeEach(async () => {
		t = await freshDb();
		user = await makeUser(t, 'kiem', 'auditor');
		key = generateTotpKey();
	});
	afterEach(() => t.close());

	it('enrols with a valid code and stores the key sealed, not in the clear', async () => {
		const appKey = testKey(t.dir);
		expect(
			await enableTotp(t.db, appKey, user, key, '000000' === codeAt(key, NOW) ? '111111' : '000000', META, NOW)
		).toEqual({ ok: false, error: { key: 'error.totpInvalid' } });
		expect(await enableTotp(t.db, appKey, user, key, codeAt(key, NOW), META, NOW)).toMatchObject({ ok: true });
		const row = await t.db
			.selectFrom('staff_user')
			.select(['totp_key_enc'])
			.where('id', '=', user.id)
			.executeTakeFirstOrThrow();
		expect(row.totp_key_enc).toMatch(/^v1\./);
		expect(Buffer.from(openSecret(appKey, row.totp_key_enc!, `totp:${user.id}`))).toEqual(Buffer.from(key));
		expect(await auditActions(t)).toContain('auth.totp_enabled');
	});

	it('accepts one step of drift, refuses a reused code and logs it', async () => {
		const appKey = testKey(t.dir);
		await enableTotp(t.db, appKey, user, key, codeAt(key, NOW), META, NOW);
		// The enrolment code itself cannot be replayed.
		expect(await verifyUserTotp(t.db, appKey, user, codeAt(key, NOW), META, NOW + 5)).toEqual({
			ok: false,
			error: { key: 'error.totpReused' }
		});
		expect(await verifyUserTotp(t.db, appKey, user, codeAt(key, NOW + 30), META, NOW + 5)).toEqual({ ok: true });
		expect(await verifyUserTotp(t.db, appKey, user, codeAt(key, NOW + 30), META, NOW + 35)).toEqual({
			ok: false,
			error: { key: 'error.totpReused' }
		});
		expect(await verifyUserTotp(t.db, appKey, user, codeAt(key, NOW + 95), META, NOW + 5)).toEqual({
			ok: false,
			error: { key: 'error.totpInvalid' }
		});
		expect(await verifyUserTotp(t.db, appKey, user, '12 34', META, NOW)).toEqual({
			ok: false,
			error: { key: 'error.totpFormat' }
		});
		const actions = await auditActions(t);
		expect(actions.filter((a) => a === 'auth.totp_reused')).toHaveLength(2);
		expect(actions).toContain('auth.totp_failed');
	});

	it('locks after five wrong codes', async () => {
		const appKey = testKey(t.dir);
		await enableTotp(t.db, appKey, user, key, codeAt(key, NOW), META, NOW);
		const wrong = codeAt(key, NOW) === '999999' ? '888888' : '999999';
		for (let i = 0; i < 4; i++) expect((await verifyUserTotp(t.db, appKey, user, wrong, META, NOW + i)).ok).toBe(false);
		expect(await verifyUserTotp(t.db, appKey, user, wrong, META, NOW + 4)).toEqual({
			ok: false,
			error: { key: 'error.totpLocked', params: { minutes: 15 } }
		});
		expect(await verifyUserTotp(t.db, appKey, user, codeAt(key, NOW + 60), META, NOW + 60)).toEqual({
			ok: false,
			error: { key: 'error.totpLocked', params: { minutes: 15 } }
		});
		expect(await auditActions(t)).toContain('auth.lockout');
	});

	it('seals secrets bound to their context', () => {
		const appKey = testKey(t.dir);
		const sealed = sealSecret(appKey, new Uint8Array([1, 2, 3]), 'totp:1');
		expect(Array.from(openSecret(appKey, sealed, 'totp:1'))).toEqual([1, 2, 3]);
		expect(() => openSecret(appKey, sealed, 'totp:2')).toThrow();
		const otherKey = loadAppKey({
			database: 'unused',
			keysSecret: 'another secret of at least 32 characters',
			keysFile: null,
			origin: null
		});
		expect(() => openSecret(otherKey, sealed, 'totp:1')).toThrow();
	});
});
