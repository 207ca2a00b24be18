// The browser fingerprint: the page's canonical trait string, and the server's keyed hash of it.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, traitsOf, type TraitSource } from '$lib/respondent/fingerprint';
import type { AppKey } from '$lib/server/crypto/keyring';
import { MAX_TRAITS_LENGTH, fingerprintOf, fingerprintPayload } from '$lib/server/respondent/fingerprint';

const CHROME_UA =
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

const officePc = (): TraitSource => ({
	navigator: {
		userAgent: CHROME_UA,
		language: 'vi-VN',
		languages: ['vi-VN', 'vi', 'en-US'],
		platform: 'Win32',
		hardwareConcurrency: 8,
		maxTouchPoints: 0,
		userAgentData: {
			brands: [
				{ brand: 'Google Chrome', version: '131' },
				{ brand: 'Chromium', version: '131' },
				{ brand: 'Not_A Brand', version: '24' }
			],
			platform: 'Windows',
			mobile: false
		}
	},
	screen: { width: 1920, height: 1080, colorDepth: 24 },
	devicePixelRatio: 1,
	timeZone: 'Asia/Ho_Chi_Minh'
});

const key = (byte: number) => Buffer.alloc(32, byte) as AppKey;

describe('browser traits', () => {
	it('is one canonical string with sorted keys, holding the readable traits', () => {
		const traits = traitsOf(officePc());
		const parsed = JSON.parse(traits);
		expect(Object.keys(parsed)).toEqual([...Object.keys(parsed)].sort());
		expect(parsed).toEqual({
			cores: 8,
			hints: { brands: ['Chromium;131', 'Google Chrome;131', 'Not_A Brand;24'], mobile: false, platform: 'Windows' },
			language: 'vi-VN',
			languages: ['vi-VN', 'vi', 'en-US'],
			pixelRatio: 1,
			platform: 'Win32',
			screen: { colorDepth: 24, height: 1080, width: 1920 },
			timeZone: 'Asia/Ho_Chi_Minh',
			touchPoints: 0,
			userAgent: CHROME_UA,
			v: 1
		});
		expect(traits).toBe(canonicalJson(parsed));
	});

	it('does not depend on property order or brand order (a fresh window reads the same)', () => {
		const a = officePc();
		const b: TraitSource = {
			timeZone: a.timeZone,
			devicePixelRatio: a.devicePixelRatio,
			screen: { colorDepth: 24, height: 1080, width: 1920 },
			navigator: {
				...a.navigator,
				userAgentData: {
					mobile: false,
					platform: 'Windows',
					brands: [...(a.navigator!.userAgentData!.brands as unknown[])].reverse()
				}
			}
		};
		expect(traitsOf(b)).toBe(traitsOf(a));
	});

	it('differs when a trait differs', () => {
		const base = traitsOf(officePc());
		const other = (change: (s: TraitSource) => void) => {
			const s = officePc();
			change(s);
			return traitsOf(s);
		};
		expect(other((s) => (s.screen!.width = 1366))).not.toBe(base);
		expect(other((s) => (s.timeZone = 'Europe/Paris'))).not.toBe(base);
		expect(other((s) => (s.navigator!.languages = ['en-US', 'vi-VN']))).not.toBe(base);
		expect(other((s) => (s.navigator!.hardwareConcurrency = 4))).not.toBe(base);
	});

	it('rounds the pixel ratio (zoom) and leaves out what the browser lacks', () => {
		const zoomed = officePc();
		zoomed.devicePixelRatio = 1.100000023841858;
		expect(JSON.parse(traitsOf(zoomed)).pixelRatio).toBe(1.1);
		const firefox: TraitSource = {
			navigator: { userAgent: 'Firefox', hardwareConcurrency: 'x' },
			devicePixelRatio: NaN
		};
		expect(JSON.parse(traitsOf(firefox))).toEqual({ userAgent: 'Firefox', v: 1 });
		expect(traitsOf({})).toBe('');
		expect(traitsOf({ navigator: { userAgentData: null } })).toBe('');
	});

	it('stays within what the server accepts, however long the traits', () => {
		const s = officePc();
		s.navigator!.userAgent = 'x'.repeat(10_000);
		s.navigator!.languages = Array.from({ length: 100 }, () => 'y'.repeat(1000));
		expect(traitsOf(s).length).toBeLessThanOrEqual(MAX_TRAITS_LENGTH);
	});
});

describe('fingerprintOf', () => {
	const traits = traitsOf(officePc());

	it('gives the same 16-byte hash for the same traits and key', () => {
		const fp = fingerprintOf(key(1), traits);
		expect(fp).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(Buffer.from(fp!, 'base64url')).toHaveLength(16);
		expect(fingerprintOf(key(1), traits)).toBe(fp);
		expect(fingerprintOf(Buffer.from(key(1)) as AppKey, traits)).toBe(fp);
	});

	it('differs with other traits or another application key', () => {
		const fp = fingerprintOf(key(1), traits);
		expect(fingerprintOf(key(2), traits)).not.toBe(fp);
		expect(fingerprintOf(randomBytes(32) as AppKey, traits)).not.toBe(fp);
		expect(fingerprintOf(key(1), traits.replace('1920', '1366'))).not.toBe(fp);
	});

	it('is null for absent, empty, non-string or oversized traits', () => {
		expect(fingerprintOf(key(1), undefined)).toBeNull();
		expect(fingerprintOf(key(1), null)).toBeNull();
		expect(fingerprintOf(key(1), '')).toBeNull();
		expect(fingerprintOf(key(1), 42)).toBeNull();
		expect(fingerprintOf(key(1), { userAgent: 'x' })).toBeNull();
		expect(fingerprintOf(key(1), 'a'.repeat(MAX_TRAITS_LENGTH))).not.toBeNull();
		expect(fingerprintOf(key(1), 'a'.repeat(MAX_TRAITS_LENGTH + 1))).toBeNull();
	});

	it('never carries the traits, nor is it a plain hash of them', async () => {
		const fp = fingerprintOf(key(1), traits)!;
		for (const piece of ['Chrome', 'vi-VN', 'Asia', '1920', 'Win32']) expect(fp).not.toContain(piece);
		const { createHash } = await import('node:crypto');
		const plain = createHash('sha256').update(traits).digest();
		expect(fp).not.toBe(plain.subarray(0, 16).toString('base64url'));
	});

	it('adds a payload field only when there is a fingerprint', () => {
		expect(fingerprintPayload({ ip: null, userAgent: null })).toEqual({});
		expect(fingerprintPayload({ ip: null, userAgent: null, fingerprint: null })).toEqual({});
		expect(fingerprintPayload({ ip: null, userAgent: null, fingerprint: 'abc' })).toEqual({ fingerprint: 'abc' });
	});
});
