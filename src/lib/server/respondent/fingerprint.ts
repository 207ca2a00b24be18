// The browser fingerprint (docs/integrity.md, proxy-completion signals): the traits a respondent's page
// reads (user agent, language, time zone, screen…) arrive with the code and credential requests and are
// kept only as a keyed hash, so the same PC in a fresh private window matches without the traits being
// stored. Participation side only: it joins the events that already name the invitation.
import { createHmac } from 'node:crypto';
import type { RequestMeta } from '../audit';
import type { AppKey } from '../crypto/keyring';

/** Longer trait strings are not a browser's: refused as absent rather than hashed. */
export const MAX_TRAITS_LENGTH = 2048;

const CONTEXT = 'par-survey/browser-fingerprint/v1';
// Derived once per application key: the fingerprint key is never the application key itself.
const derivedKeys = new WeakMap<AppKey, Buffer>();

function fingerprintKey(appKey: AppKey): Buffer {
	let key = derivedKeys.get(appKey);
	if (!key) derivedKeys.set(appKey, (key = createHmac('sha256', appKey).update(CONTEXT, 'utf8').digest()));
	return key;
}

/** HMAC-SHA256 of the traits, 16 bytes in base64url; null when there are none (no JavaScript) or too many. */
export function fingerprintOf(appKey: AppKey, traits: unknown): string | null {
	if (typeof traits !== 'string' || traits.length === 0 || traits.length > MAX_TRAITS_LENGTH) return null;
	return createHmac('sha256', fingerprintKey(appKey))
		.update(traits, 'utf8')
		.digest()
		.subarray(0, 16)
		.toString('base64url');
}

/** The request's metadata plus the browser fingerprint the respondent events record. */
export type RespondentMeta = RequestMeta & { fingerprint?: string | null };

/** `{ fingerprint }` for an audit payload when there is one; nothing otherwise (older payloads stay as they were). */
export function fingerprintPayload(meta: RespondentMeta): { fingerprint?: string } {
	return meta.fingerprint ? { fingerprint: meta.fingerprint } : {};
}
