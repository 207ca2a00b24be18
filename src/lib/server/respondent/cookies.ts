// Respondent cookies: a long-lived random device id and the respondent session. HttpOnly,
// "__Host-" prefixed outside http://localhost, like the staff session cookie.
import type { Cookies } from '@sveltejs/kit';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const DEVICE_LIFETIME = 400 * 24 * 60 * 60;

const isLocalHttp = (url: URL) => url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
const cookieName = (url: URL, name: string) => (isLocalHttp(url) ? name : `__Host-${name}`);

export const deviceCookieName = (url: URL) => cookieName(url, 'par_device');
export const respondentCookieName = (url: URL) => cookieName(url, 'par_respondent');

export function randomToken(bytes = 20): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}

export function sha256Hex(text: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(text)));
}

/** The device cookie, created when missing. Only its hash is ever stored or logged. */
export function ensureDevice(cookies: Cookies, url: URL): string {
	let value = cookies.get(deviceCookieName(url));
	if (!value || !/^[a-z2-7]{32}$/.test(value)) {
		value = randomToken();
		cookies.set(deviceCookieName(url), value, {
			httpOnly: true,
			sameSite: 'lax',
			secure: !isLocalHttp(url),
			path: '/',
			maxAge: DEVICE_LIFETIME
		});
	}
	return deviceHash(value);
}

/** 64 bits of the hash: enough to tell devices apart in the flags, useless for forging a cookie. */
export function deviceHash(cookieValue: string): string {
	return sha256Hex(`device:${cookieValue}`).slice(0, 16);
}

export function setRespondentCookie(cookies: Cookies, url: URL, token: string, expiresAt: number): void {
	cookies.set(respondentCookieName(url), token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: !isLocalHttp(url),
		path: '/',
		expires: new Date(expiresAt * 1000)
	});
}

export function deleteRespondentCookie(cookies: Cookies, url: URL): void {
	cookies.delete(respondentCookieName(url), { path: '/', secure: !isLocalHttp(url) });
}
