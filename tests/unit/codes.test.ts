import { describe, expect, it } from 'vitest';
import {
	BASE32_ALPHABET,
	decodeBase32,
	encodeBase32,
	formatRevisionCode,
	normalizeReceipt,
	parseRevisionCode,
	receiptFromKeyHash
} from '$lib/domain/codes';

const bytes = (...values: number[]) => new Uint8Array(values);
const random = (length: number) => crypto.getRandomValues(new Uint8Array(length));
const ascii = (text: string) => new TextEncoder().encode(text);

describe('base32', () => {
	it('encodes with the Crockford alphabet, most significant bits first', () => {
		expect(BASE32_ALPHABET).toHaveLength(32);
		expect(encodeBase32(bytes())).toBe('');
		expect(encodeBase32(bytes(0))).toBe('00');
		expect(encodeBase32(bytes(0xff))).toBe('ZW');
		expect(encodeBase32(bytes(0xff, 0xff, 0xff, 0xff, 0xff))).toBe('ZZZZZZZZ');
		// RFC 4648 gives MZXW6YTBOI for "foobar"; the same 5-bit values in Crockford's alphabet:
		expect(encodeBase32(ascii('foobar'))).toBe('CSQPYRK1E8');
	});

	it('round-trips random byte strings of every length up to 40', () => {
		for (let length = 0; length <= 40; length++)
			for (let i = 0; i < 5; i++) {
				const data = random(length);
				const text = encodeBase32(data);
				expect(text).toHaveLength(Math.ceil((length * 8) / 5));
				expect(text).toMatch(/^[0-9A-HJKMNP-TV-Z]*$/);
				expect(decodeBase32(text)).toEqual(data);
			}
	});

	it('decodes leniently: any case, spaces, dashes, O as 0, I and L as 1', () => {
		const data = ascii('foobar');
		for (const text of [
			'csqpyrk1e8',
			'CSQP-YRK1-E8',
			' csqp yrk1 e8 ',
			'CSQPYRKIE8',
			'CSQPYRKLE8',
			'CSQPYRKlE8',
			'CSQP\u2013YRK1\u2014E8',
			'CSQP\tYRK1\nE8'
		])
			expect(decodeBase32(text), text).toEqual(data);
		expect(decodeBase32('oo')).toEqual(bytes(0));
		expect(decodeBase32('')).toEqual(bytes());
	});

	it('refuses characters outside the alphabet', () => {
		for (const text of ['U0', 'CSQPYRK1E*', 'CSQP_YRK1E8', 'CSQPYRK1É8', 'CSQP.YRK1E8', '==', 'ZW='])
			expect(decodeBase32(text), text).toBeNull();
	});

	it('refuses lengths no encoding produces and non-zero padding bits', () => {
		expect(decodeBase32('0')).toBeNull();
		expect(decodeBase32('000')).toBeNull();
		expect(decodeBase32('000000')).toBeNull();
		expect(decodeBase32('ZW')).toEqual(bytes(0xff));
		expect(decodeBase32('ZX')).toBeNull();
		expect(decodeBase32('ZZ')).toBeNull();
		expect(decodeBase32('01')).toBeNull();
	});

	it('refuses very long input', () => {
		expect(decodeBase32('0'.repeat(10_000))).toBeNull();
	});
});

describe('revision code', () => {
	it('shows 16 bytes as 26 symbols in groups of four', () => {
		const secret = random(16);
		const code = formatRevisionCode(secret);
		expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}-[0-9A-HJKMNP-TV-Z]{2}$/);
		expect(code.replaceAll('-', '')).toBe(encodeBase32(secret));
		expect(formatRevisionCode(new Uint8Array(16))).toBe('0000-0000-0000-0000-0000-0000-00');
	});

	it('reads back what it shows, however it is typed', () => {
		for (let i = 0; i < 50; i++) {
			const secret = random(16);
			const code = formatRevisionCode(secret);
			expect(parseRevisionCode(code)).toEqual(secret);
			expect(parseRevisionCode(code.toLowerCase().replaceAll('-', ' '))).toEqual(secret);
			expect(parseRevisionCode(code.replaceAll('-', ''))).toEqual(secret);
		}
	});

	it('refuses codes of another length, a receipt among them', () => {
		expect(parseRevisionCode(encodeBase32(random(15)))).toBeNull();
		expect(parseRevisionCode(encodeBase32(random(17)))).toBeNull();
		expect(parseRevisionCode(formatRevisionCode(random(16)).slice(0, -1))).toBeNull();
		expect(parseRevisionCode('ABCDE-FGHJK')).toBeNull();
		expect(parseRevisionCode('')).toBeNull();
		expect(parseRevisionCode('0000-0000-0000-0000-0000-0000-0U')).toBeNull();
	});

	it('refuses to format a secret of the wrong size', () => {
		expect(() => formatRevisionCode(random(15))).toThrow(RangeError);
		expect(() => formatRevisionCode(random(32))).toThrow(RangeError);
	});
});

describe('receipt', () => {
	it('is the first 50 bits of the hash as XXXXX-XXXXX', () => {
		expect(receiptFromKeyHash(new Uint8Array(32))).toBe('00000-00000');
		expect(receiptFromKeyHash(new Uint8Array(32).fill(0xff))).toBe('ZZZZZ-ZZZZZ');
		const hash = random(32);
		expect(receiptFromKeyHash(hash)).toBe(`${encodeBase32(hash).slice(0, 5)}-${encodeBase32(hash).slice(5, 10)}`);
	});

	it('depends on bit 49 and not on bit 50 or later', () => {
		const hash = new Uint8Array(32);
		const flip = (bit: number) => {
			const copy = hash.slice();
			copy[bit >> 3] ^= 0x80 >> (bit & 7);
			return receiptFromKeyHash(copy);
		};
		expect(flip(49)).toBe('00000-00001');
		expect(flip(0)).toBe('G0000-00000');
		expect(flip(50)).toBe('00000-00000');
		expect(flip(255)).toBe('00000-00000');
	});

	it('needs a SHA-256 hash', () => {
		expect(() => receiptFromKeyHash(random(16))).toThrow(RangeError);
	});

	it('normalises what people type', () => {
		expect(normalizeReceipt('abcde-fghjk')).toBe('ABCDE-FGHJK');
		expect(normalizeReceipt(' ABCDEFGHJK ')).toBe('ABCDE-FGHJK');
		expect(normalizeReceipt('abc de fgh jk')).toBe('ABCDE-FGHJK');
		expect(normalizeReceipt('0o1il-ZZZZZ')).toBe('00111-ZZZZZ');
		const receipt = receiptFromKeyHash(random(32));
		expect(normalizeReceipt(receipt.toLowerCase().replace('-', ''))).toBe(receipt);
	});

	it('refuses what is not a receipt', () => {
		for (const text of [
			'',
			'ABCDE-FGHJ',
			'ABCDE-FGHJKM',
			'ABCDE-FGHJU',
			'ABCDE_FGHJK',
			'ABCDE-FGHJ*',
			'A'.repeat(1000)
		])
			expect(normalizeReceipt(text), text).toBeNull();
	});
});
