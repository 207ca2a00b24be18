// The session cookie: "__Host-" prefixed and Secure in production, a plain name on http://localhost.
import type { Cookies } from '@sveltejs/kit';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLocalHttp(url: URL): boolean {
	return url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
}

export function sessionCookieName(url: URL): string {
	return isLocalHttp(url) ? 'par_session' : '__Host-par_session';
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: number): void {
	cookies.set(sessionCookieName(url), token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: !isLocalHttp(url),
		path: '/',
		expires: new Date(expiresAt * 1000)
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(sessionCookieName(url), { path: '/', secure: !isLocalHttp(url) });
}
