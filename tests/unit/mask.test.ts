import { describe, expect, it } from 'vitest';
import { maskEmail, maskName, maskPhone } from '$lib/domain/mask';

describe('maskName', () => {
	it('keeps the family name and the initial of every other word, a star per hidden letter', () => {
		expect(maskName('Nguyễn Văn An')).toBe('Nguyễn V** A*');
		expect(maskName('Trần Thị Ngọc Bích')).toBe('Trần T** N*** B***');
		expect(maskName('Hờ A Sang')).toBe('Hờ A* S***');
		expect(maskName('Lê Ánh')).toBe('Lê Á**');
	});

	it('never shows a word other than the family name in full', () => {
		const masked = maskName('Phạm Minh Đức');
		expect(masked).toBe('Phạm M*** Đ**');
		expect(masked).not.toContain('Minh');
		expect(masked).not.toContain('Đức');
	});

	it('masks a one-word name instead of showing it whole', () => {
		expect(maskName('An')).toBe('A*');
		expect(maskName('Y')).toBe('Y*');
		expect(maskName('  Bình  ')).toBe('B***');
	});

	it('ignores extra and unusual spaces', () => {
		expect(maskName('  Trần   Thị\u00a0 Bình ')).toBe('Trần T** B***');
		expect(maskName('Trần\tThị\nBình')).toBe('Trần T** B***');
		expect(maskName('')).toBe('');
		expect(maskName('   ')).toBe('');
	});

	it('works on NFC text, so decomposed input gives the same result and no half letters', () => {
		const decomposed = 'Nguyễn Văn Ấn'.normalize('NFD');
		expect(decomposed).not.toBe('Nguyễn Văn Ấn');
		expect(maskName(decomposed)).toBe('Nguyễn V** Ấ*');
		expect(maskName(decomposed)).toBe(maskName(decomposed).normalize('NFC'));
		// N + combining diaeresis has no precomposed form: it stays one letter.
		expect(maskName('Lê N\u0308am')).toBe('Lê N\u0308**');
	});
});

describe('maskEmail', () => {
	it('keeps the domain and two leading characters of the mailbox', () => {
		expect(maskEmail('nguyen.van.an@quangngai.gov.vn')).toBe('ng***@quangngai.gov.vn');
		expect(maskEmail('abcd@x.vn')).toBe('ab***@x.vn');
		expect(maskEmail(' binh.tt@gmail.com ')).toBe('bi***@gmail.com');
	});

	it('hides the mailbox length and never shows a short mailbox whole', () => {
		expect(maskEmail('abc@x.vn')).toBe('a***@x.vn');
		expect(maskEmail('ab@x.vn')).toBe('a***@x.vn');
		expect(maskEmail('a@x.vn')).toBe('***@x.vn');
		expect(maskEmail('nguyenvanan.quangngai@x.vn')).toBe('ng***@x.vn');
	});

	it('splits at the last @ and copes without one', () => {
		expect(maskEmail('"a@b"@x.vn')).toBe('"a***@x.vn');
		expect(maskEmail('khongcoacong')).toBe('kh***');
		expect(maskEmail('')).toBe('***');
	});

	it('works on NFC graphemes', () => {
		expect(maskEmail('ễ\u0301xyz@x.vn'.normalize('NFD'))).toBe('ễ\u0301x***@x.vn'.normalize('NFC'));
	});
});

describe('maskPhone', () => {
	it('shows the prefix and the last three digits only', () => {
		expect(maskPhone('+84912345678')).toBe('+84 *** *** 678');
		expect(maskPhone('+84 91 234 5678')).toBe('+84 *** *** 678');
		expect(maskPhone('0912 345 678')).toBe('0*** *** 678');
		expect(maskPhone('0912.345.678')).toBe('0*** *** 678');
		expect(maskPhone('+14155550123')).toBe('+*** *** 123');
		expect(maskPhone('912345678')).toBe('*** *** 678');
	});

	it('hides the length of the number', () => {
		expect(maskPhone('+842553822123')).toBe('+84 *** *** 123');
		expect(maskPhone('+84912345123')).toBe('+84 *** *** 123');
	});

	it('shows no digit of a number too short to mask', () => {
		expect(maskPhone('12345')).toBe('*** ***');
		expect(maskPhone('')).toBe('*** ***');
		expect(maskPhone('+84')).toBe('*** ***');
	});
});
