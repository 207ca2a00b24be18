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
