// "Known device" cookies (OWASP, Slow Down Online Guessing Attacks with Device Cookies): after a successful
// sign-in the browser gets a signed (username, device id) entry. A browser holding one for the account is
// exempt from the account-wide and the address-wide limits, so a guesser elsewhere cannot lock its owner out.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import type { AppKey } from '../crypto/keyring';

const MAX_ENTRIES = 5;
const LIFETIME_DAYS = 180;
const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLocalHttp(url: URL): boolean {
	return url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
}

export function knownDeviceCookieName(url: URL): string {
	return isLocalHttp(url) ? 'par_known_device' : '__Host-par_known_device';
}

function mac(appKey: AppKey, username: string, id: string): Buffer {
	return createHmac('sha256', appKey).update(`known-device:v1:${username}:${id}`).digest();
}

function entryOf(appKey: AppKey, username: string, id: string): string {
	return `${Buffer.from(username).toString('base64url')}.${id}.${mac(appKey, username, id).toString('base64url')}`;
}

/** The valid entries of a cookie value, username → device id; forged or malformed entries are dropped. */
export function readKnownDevices(appKey: AppKey, value: string | undefined): Map<string, string> {
	const devices = new Map<string, string>();
	for (const entry of (value ?? '').slice(0, 2000).split('~').slice(0, MAX_ENTRIES)) {
		const [name, id, tag] = entry.split('.');
		if (!name || !id || !tag || !ID_PATTERN.test(id)) continue;
		const username = Buffer.from(name, 'base64url').toString('utf8');
		const given = Buffer.from(tag, 'base64url');
		const expected = mac(appKey, username, id);
		if (given.length === expected.length && timingSafeEqual(given, expected)) devices.set(username, id);
	}
	return devices;
}

/** The cookie value after `username` signed in: its entry first (kept id or a new one), then the others. */
export function rememberDevice(appKey: AppKey, devices: ReadonlyMap<string, string>, username: string): string {
	const id = devices.get(username) ?? randomBytes(16).toString('base64url');
	const others = [...devices].filter(([name]) => name !== username).slice(0, MAX_ENTRIES - 1);
	return [[username, id] as const, ...others].map(([name, other]) => entryOf(appKey, name, other)).join('~');
}

export function knownDevicesFromCookies(appKey: AppKey, cookies: Cookies, url: URL): Map<string, string> {
	return readKnownDevices(appKey, cookies.get(knownDeviceCookieName(url)));
}

export function setKnownDeviceCookie(cookies: Cookies, url: URL, value: string, now: number): void {
	cookies.set(knownDeviceCookieName(url), value, {
		httpOnly: true,
		sameSite: 'lax',
		secure: !isLocalHttp(url),
		path: '/',
		expires: new Date((now + LIFETIME_DAYS * 86_400) * 1000)
	});
}
