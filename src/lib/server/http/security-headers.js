// The security headers every response carries. Plain JavaScript so that `src/serve.js`, run by node
// without a build step, and the hooks (for `vite dev`) share one list.

/**
 * @param {boolean} https whether the public origin is https (HSTS is meaningless, and harmful to
 *   a plain-http test setup, otherwise)
 * @returns {[string, string][]}
 */
export function securityHeaders(https) {
	/** @type {[string, string][]} */
	const headers = [
		['X-Content-Type-Options', 'nosniff'],
		['Referrer-Policy', 'no-referrer'],
		['X-Frame-Options', 'DENY'],
		['Cross-Origin-Opener-Policy', 'same-origin'],
		['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()']
	];
	if (https) headers.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']);
	return headers;
}
