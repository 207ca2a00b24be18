// The respondent's half of RFC 9474 (RSABSSA-SHA384-PSS-Randomized): blind before asking the
// server to sign, unblind after. Browser-only APIs (WebCrypto); loaded by dynamic import at submission.
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';

const SECRET_BYTES = 16;
const encoder = new TextEncoder();

export function toBase64url(bytes: Uint8Array): string {
	return encodeBase64urlNoPadding(bytes);
}

export function fromBase64url(text: string): Uint8Array | null {
	try {
		return decodeBase64urlIgnorePadding(text);
	} catch {
		return null;
	}
}

// A fresh ArrayBuffer-backed copy: WebCrypto's types (and some engines) reject shared/offset views.
function bytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
	return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes(...parts)));
}

/** The revision code: all the respondent keeps; the ballot message is derived from it. */
export function newBallotSecret(): Uint8Array {
	return crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
}

/** Prepared message = SHA-256(prefix label ‖ secret) ‖ SHA-256(msg label ‖ secret): 32 + 32 bytes. */
export async function deriveBallotMessage(secret: Uint8Array): Promise<Uint8Array> {
	if (secret.length !== SECRET_BYTES) throw new Error('secret_length');
	const prefix = await sha256(encoder.encode('par-survey/prefix/v1'), secret);
	const msg = await sha256(encoder.encode('par-survey/msg/v1'), secret);
	return bytes(prefix, msg);
}

// The library reads n and e through a JWK export, so the key must be extractable.
async function importCellKey(spkiBase64url: string): Promise<CryptoKey> {
	const der = fromBase64url(spkiBase64url);
	if (!der) throw new Error('key_invalid');
	try {
		return await crypto.subtle.importKey('spki', bytes(der), { name: 'RSA-PSS', hash: 'SHA-384' }, true, ['verify']);
	} catch {
		throw new Error('key_invalid');
	}
}

const suite = () => RSABSSA.SHA384.PSS.Randomized();

export async function blindBallotMessage(
	spkiBase64url: string,
	message: Uint8Array
): Promise<{ blindedMsg: Uint8Array; inv: Uint8Array }> {
	return suite().blind(await importCellKey(spkiBase64url), message);
}

/** Unblinds and verifies; a signature that does not verify under this key is refused. */
export async function finalizeCredential(
	spkiBase64url: string,
	message: Uint8Array,
	blindSig: Uint8Array,
	inv: Uint8Array
): Promise<Uint8Array> {
	const key = await importCellKey(spkiBase64url);
	try {
		return await suite().finalize(key, message, blindSig, inv);
	} catch (cause) {
		throw new Error('credential_invalid', { cause });
	}
}

/** Same format as fingerprintOf on the server: SHA-256 of the DER, 16 groups of 4 hex digits. */
export async function spkiFingerprint(spkiBase64url: string): Promise<string> {
	const der = fromBase64url(spkiBase64url);
	if (!der) throw new Error('key_invalid');
	const hex = Array.from(await sha256(der), (b) => b.toString(16).padStart(2, '0')).join('');
	return hex.match(/.{4}/g)!.join(' ');
}
