import { describe, expect, it } from 'vitest';
import { parseForm } from '$lib/domain/form';
import { findPasswordWeakness } from '$lib/domain/password-strength';
import { newStaffUserSchema } from '$lib/domain/staff';
import { vi } from '$lib/i18n/vi';

const keyOf = (password: string, own: string[] = []) => findPasswordWeakness(password, own)?.key ?? null;

describe('password strength (ASVS 6.2.4, 6.2.11, 6.2.12)', () => {
	it('refuses the common, breached and context-derived passwords of issue 14', () => {
		const verdicts = Object.fromEntries(
			[
				'password1234',
				'123456789012',
				'qwertyuiop123',
				'iloveyou1234',
				'Password123!',
				'parsurvey2026',
				'khaosatpar2026',
				'quangngai2026!'
			].map((p) => [p, keyOf(p)])
		);
		expect(verdicts).toEqual({
			password1234: 'error.passwordCommon',
			'123456789012': 'error.passwordCommon',
			qwertyuiop123: 'error.passwordCommon',
			iloveyou1234: 'error.passwordCommon',
			'Password123!': 'error.passwordCommon',
			parsurvey2026: 'error.passwordContextual',
			khaosatpar2026: 'error.passwordContextual',
			'quangngai2026!': 'error.passwordContextual'
		});
	});

	it('sees the province and agencies through accents, capitals and separators', () => {
		for (const p of [
			'Quảng Ngãi 2026!',
			'Quang-Ngai-2026',
			'SởNộiVụ2026!!',
			'sonoivu@2026',
			'Ban Tổ Chức 2026',
			'CaiCachHanhChinh1',
			'mật khẩu 123456'
		])
			expect([p, keyOf(p)]).toEqual([p, 'error.passwordContextual']);
	});

	it("refuses the person's own username and full name, accented or not", () => {
		expect(keyOf('hongnhung1990!', ['chief', 'Nguyễn Thị Hồng Nhung'])).toBe('error.passwordContextual');
		expect(keyOf('Hồng Nhung 1990', ['chief', 'Nguyễn Thị Hồng Nhung'])).toBe('error.passwordContextual');
		expect(keyOf('tran.van.binh!', ['tran.van.binh', 'Trần Văn Bình'])).toBe('error.passwordContextual');
		// The same password is fine for somebody else.
		expect(keyOf('hongnhung1990!', ['chief', 'Lê Văn Tám'])).not.toBe('error.passwordContextual');
	});

	it('calls keyboard runs and repeats predictable', () => {
		expect(keyOf('zxcvbnmasdfghjkl')).not.toBeNull();
		expect(keyOf('abcabcabcabcabc')).toBe('error.passwordPredictable');
	});

	it('accepts passphrases and random strings', () => {
		for (const p of [
			'mây trắng bay qua đồi chè xanh',
			'may trang bay qua doi che xanh',
			'Tr4m-Hoa-Sen-Nuoc-Ngot',
			'một cụm từ dài dễ nhớ',
			'Lúa chín vàng đồng quê 2026',
			'q7w9kzr2mv4ht8xe5pn3sd6f'
		])
			expect([p, keyOf(p, ['chief', 'Nguyễn Thị Hồng Nhung'])]).toEqual([p, null]);
	});

	it('explains every refusal in Vietnamese and English', () => {
		for (const key of ['error.passwordCommon', 'error.passwordContextual', 'error.passwordPredictable'] as const)
			expect(vi[key]).toMatch(/Mật khẩu/);
	});

	it('is applied by the new-account form, the path of the admin page and the CLI', () => {
		const r = parseForm(newStaffUserSchema, {
			username: 'hoa',
			displayName: 'Phạm Thị Hoa',
			role: 'analyst',
			unitCode: '',
			password: 'khaosatpar2026'
		});
		expect(r.ok ? null : r.errors).toEqual({ password: { key: 'error.passwordContextual' } });
	});
});
