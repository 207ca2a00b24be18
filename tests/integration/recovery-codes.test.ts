import { generateHOTP } from '@oslojs/otp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countUnusedRecoveryCodes, useRecoveryCode } from '$lib/server/auth/recovery-codes';
import { regenerateRecoveryCodes } from '$lib/server/auth/recovery-regenerate';
import { enableTotp, generateTotpKey } from '$lib/server/auth/totp';
import { messages } from '$lib/i18n';
import { auditActions, freshDb, makeUser, META, testKey, type TestDb } from './support';

const NOW = 1_790_000_010;
const PASSWORD = 'một mật khẩu đủ dài';
const codeAt = (key: Uint8Array, at: number) => generateHOTP(key, BigInt(Math.floor(at / 30)), 6);

describe('TOTP recovery codes', () => {
	let t: TestDb;
	let user: { id: number; username: string };
	let codes: string[];
	let key: Uint8Array;
	beforeEach(async () => {
		t = await freshDb();
		user = await makeUser(t, 'quantri', 'admin', PASSWORD);
		key = generateTotpKey();
		const enrolled = await enableTotp(t.db, testKey(t.dir), user, key, codeAt(key, NOW), META, NOW);
		if (!enrolled.ok) throw new Error('enrolment failed');
		codes = enrolled.recoveryCodes;
	});
	afterEach(() => t.close());

	const storedState = () =>
		t.db.selectFrom('staff_recovery_code').select(['code_hash', 'used_at']).orderBy('id').execute();

	it('enrolment makes 10 distinct grouped codes, stored only as keyed hashes', async () => {
		expect(codes).toHaveLength(10);
		expect(new Set(codes).size).toBe(10);
		for (const code of codes) expect(code).toMatch(/^[a-km-np-z2-9]{4}-[a-km-np-z2-9]{4}-[a-km-np-z2-9]{4}$/);
		const stored = await storedState();
		expect(stored).toHaveLength(10);
		const hashes = stored.map((r) => r.code_hash).join(' ');
		for (const code of codes) {
			expect(hashes).not.toContain(code);
			expect(hashes).not.toContain(code.replace(/-/g, ''));
		}
		expect(await auditActions(t)).toContain('auth.recovery_codes_generated');
	});

	it('a code works once; the second use is refused in Vietnamese and nothing else changes', async () => {
		const appKey = testKey(t.dir);
		// Typed loosely: upper case, spaces instead of dashes.
		const typed = codes[3].toUpperCase().replace(/-/g, ' ');
		expect(await useRecoveryCode(t.db, appKey, user, typed, META, NOW + 60)).toEqual({ ok: true, left: 9 });
		const afterUse = await storedState();
		const auditAfterUse = await auditActions(t);
		expect(auditAfterUse.at(-1)).toBe('auth.recovery_code_used');

		const again = await useRecoveryCode(t.db, appKey, user, codes[3], META, NOW + 120);
		expect(again).toEqual({ ok: false, error: { key: 'error.recoveryCodeSpent' } });
		expect(messages.vi[again.ok ? 'app.name' : again.error.key]).toContain('đã được dùng');
		expect(await storedState()).toEqual(afterUse);
		expect(await countUnusedRecoveryCodes(t.db, user.id)).toBe(9);
		expect(await auditActions(t)).toEqual([...auditAfterUse, 'auth.recovery_code_failed']);

		// Malformed input is refused before anything is read or written.
		expect(await useRecoveryCode(t.db, appKey, user, 'abc', META, NOW + 130)).toEqual({
			ok: false,
			error: { key: 'error.recoveryCodeFormat' }
		});
		expect(await auditActions(t)).toEqual([...auditAfterUse, 'auth.recovery_code_failed']);
	});

	it('wrong codes share the TOTP throttle and lock after five', async () => {
		const appKey = testKey(t.dir);
		const wrong = 'aaaa-aaaa-aaaa';
		for (let i = 0; i < 4; i++)
			expect((await useRecoveryCode(t.db, appKey, user, wrong, META, NOW + i)).ok).toBe(false);
		expect(await useRecoveryCode(t.db, appKey, user, wrong, META, NOW + 4)).toEqual({
			ok: false,
			error: { key: 'error.totpLocked', params: { minutes: 15 } }
		});
		// Even a good code waits: the lock is the account's, not the code's.
		expect((await useRecoveryCode(t.db, appKey, user, codes[0], META, NOW + 10)).ok).toBe(false);
		expect(await countUnusedRecoveryCodes(t.db, user.id)).toBe(10);
		expect(await auditActions(t)).toContain('auth.lockout');
	});

	it('regenerating needs the password or a TOTP, and kills the old codes', async () => {
		const appKey = testKey(t.dir);
		const refused = await regenerateRecoveryCodes(t.db, appKey, user, 'sess', 'sai mật khẩu rồi', META, NOW + 60);
		expect(refused).toEqual({ ok: false, error: { key: 'error.currentPasswordWrong' } });
		expect(await regenerateRecoveryCodes(t.db, appKey, user, 'sess', '', META, NOW + 60)).toEqual({
			ok: false,
			error: { key: 'error.recoveryProofMissing' }
		});
		expect((await storedState()).length).toBe(10);

		const byPassword = await regenerateRecoveryCodes(t.db, appKey, user, 'sess', PASSWORD, META, NOW + 60);
		if (!byPassword.ok) throw new Error('regeneration refused');
		expect(byPassword.codes).toHaveLength(10);
		expect(byPassword.codes.some((c) => codes.includes(c))).toBe(false);
		expect(await useRecoveryCode(t.db, appKey, user, codes[0], META, NOW + 90)).toEqual({
			ok: false,
			error: { key: 'error.recoveryCodeInvalid' }
		});
		expect(await useRecoveryCode(t.db, appKey, user, byPassword.codes[0], META, NOW + 95)).toEqual({
			ok: true,
			left: 9
		});

		const byTotp = await regenerateRecoveryCodes(t.db, appKey, user, 'sess', codeAt(key, NOW + 120), META, NOW + 120);
		expect(byTotp.ok).toBe(true);
		expect(await countUnusedRecoveryCodes(t.db, user.id)).toBe(10);
		const actions = await auditActions(t);
		expect(actions.filter((a) => a === 'auth.recovery_codes_generated')).toHaveLength(3);
		expect(actions).toContain('auth.current_password_failed');
	});
});
