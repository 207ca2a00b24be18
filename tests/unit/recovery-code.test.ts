import { describe, expect, it } from 'vitest';
import {
	RECOVERY_ALPHABET,
	normalizeRecoveryCode,
	recoveryCodeFrom,
	recoveryCodesText
} from '$lib/domain/recovery-code';

describe('recovery codes', () => {
	it('use 32 distinct unambiguous letters: 12 of them carry 60 bits', () => {
		expect(new Set(RECOVERY_ALPHABET).size).toBe(32);
		expect(RECOVERY_ALPHABET).not.toMatch(/[lo01]/);
		expect(12 * Math.log2(RECOVERY_ALPHABET.length)).toBeGreaterThanOrEqual(50);
	});

	it('are grouped by four and read back however they are typed', () => {
		const code = recoveryCodeFrom(Uint8Array.from({ length: 12 }, (_, i) => i * 7));
		expect(code).toBe('ahqx-6dkt-29gp');
		expect(normalizeRecoveryCode(code)).toBe('ahqx6dkt29gp');
		expect(normalizeRecoveryCode(' AHQX 6DKT 29GP ')).toBe('ahqx6dkt29gp');
		expect(normalizeRecoveryCode('ahqx-6dkt-29g')).toBeNull();
		expect(normalizeRecoveryCode('ahqx-6dkt-29g0')).toBeNull();
		expect(normalizeRecoveryCode('123456')).toBeNull();
	});

	it('download as a text file with the account, the date and every code', () => {
		const text = recoveryCodesText(['aaaa-bbbb-cccc', 'dddd-eeee-ffff'], 'quantri', '06/12/2026');
		expect(text).toContain('quantri');
		expect(text).toContain('06/12/2026');
		expect(text).toContain(' 1. aaaa-bbbb-cccc\r\n 2. dddd-eeee-ffff');
		expect(text).toContain('một lần');
	});
});
