import { describe, expect, it } from 'vitest';
import { splitUtf8 } from '$lib/domain/chunks';

const bytes = (s: string) => new TextEncoder().encode(s).length;

describe('splitUtf8', () => {
	it('keeps every piece within the byte limit and the text intact', () => {
		const text = 'Ý kiến: cải cách hành chính 😀 '.repeat(200);
		const pieces = splitUtf8(text, 100);
		expect(pieces.join('')).toBe(text);
		expect(Math.max(...pieces.map(bytes))).toBeLessThanOrEqual(100);
		expect(pieces.length).toBeGreaterThan(bytes(text) / 100);
		// No piece starts or ends inside a character.
		for (const p of pieces) expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(p))).toBe(p);
	});

	it('gives one piece for short or empty text and refuses a limit below one character', () => {
		expect(splitUtf8('abc', 800)).toEqual(['abc']);
		expect(splitUtf8('', 800)).toEqual(['']);
		expect(splitUtf8('ééé', 4)).toEqual(['éé', 'é']);
		expect(() => splitUtf8('a', 3)).toThrow(RangeError);
	});
});

describe('splitUtf8 against the encoder', () => {
	it('cuts exactly where a byte-by-byte encoding would, for 1- to 4-byte characters', () => {
		const reference = (text: string, max: number) => {
			const out: string[] = [];
			let current = '';
			let size = 0;
			for (const char of text) {
				const n = bytes(char);
				if (size + n > max) {
					out.push(current);
					current = '';
					size = 0;
				}
				current += char;
				size += n;
			}
			if (current || out.length === 0) out.push(current);
			return out;
		};
		const alphabet = ['a', '"', 'é', 'ệ', 'Ý', '€', '😀', '𝔸', ':', '{'];
		let seed = 7;
		const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
		for (let round = 0; round < 200; round++) {
			const text = Array.from({ length: next() % 300 }, () => alphabet[next() % alphabet.length]).join('');
			const max = 4 + (next() % 60);
			expect(splitUtf8(text, max), `${max}: ${text}`).toEqual(reference(text, max));
		}
	});
});
