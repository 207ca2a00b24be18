import { describe, expect, it } from 'vitest';
import type { AppKey } from '$lib/server/crypto/keyring';
import { readKnownDevices, rememberDevice } from '$lib/server/auth/known-device';

const KEY = Buffer.alloc(32, 7) as AppKey;
const OTHER_KEY = Buffer.alloc(32, 8) as AppKey;

describe('known-device cookies', () => {
	it('remembers several accounts on one browser, keeps each id, and holds at most five', () => {
		let value = rememberDevice(KEY, new Map(), 'lan');
		const lanId = readKnownDevices(KEY, value).get('lan');
		expect(lanId).toMatch(/^[A-Za-z0-9_-]{22}$/);
		for (const name of ['mai', 'hung', 'tuan', 'binh', 'an'])
			value = rememberDevice(KEY, readKnownDevices(KEY, value), name);
		const devices = readKnownDevices(KEY, value);
		expect([...devices.keys()]).toEqual(['an', 'binh', 'tuan', 'hung', 'mai']);
		// Signing in again keeps the browser's id for that account.
		const mai = devices.get('mai');
		expect(readKnownDevices(KEY, rememberDevice(KEY, devices, 'mai')).get('mai')).toBe(mai);
	});

	it('ignores entries signed with another key, garbage, and an oversized value', () => {
		const value = rememberDevice(KEY, new Map(), 'lan');
		expect(readKnownDevices(OTHER_KEY, value).size).toBe(0);
		expect(readKnownDevices(KEY, 'x.y.z~...~' + 'a'.repeat(5000)).size).toBe(0);
		expect(readKnownDevices(KEY, undefined).size).toBe(0);
		expect(readKnownDevices(KEY, `garbage~${value}`).get('lan')).toBeDefined();
	});
});
