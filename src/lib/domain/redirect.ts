/** Only same-site absolute paths may be used as a post-login target (no open redirects). */
export function safeRedirectPath(raw: unknown, fallback = '/'): string {
	if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
	if (/[\u0000-\u001f]/.test(raw) || raw.length > 512) return fallback;
	return raw;
}
