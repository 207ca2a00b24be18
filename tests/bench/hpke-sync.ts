// Bench only, never used by the app: RFC 9180 base-mode open for our one suite (DHKEM(X25519,
// HKDF-SHA256), HKDF-SHA256, AES-256-GCM, empty info) with node:crypto's synchronous primitives, to
// measure what the opening's decryption could cost without WebCrypto's per-call round trips.
// sealed.ts checks it against the library on every sheet it times.
import {
	createDecipheriv,
	createHmac,
	createPrivateKey,
	createPublicKey,
	diffieHellman,
	type KeyObject
} from 'node:crypto';

const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');
const VERSION = Buffer.from('HPKE-v1');
const KEM_SUITE = Buffer.from([...Buffer.from('KEM'), 0x00, 0x20]);
const HPKE_SUITE = Buffer.from([...Buffer.from('HPKE'), 0x00, 0x20, 0x00, 0x01, 0x00, 0x02]);
const EMPTY = Buffer.alloc(0);

const hmac = (key: Buffer, ...parts: Buffer[]) => {
	const h = createHmac('sha256', key);
	for (const p of parts) h.update(p);
	return h.digest();
};
const labeledExtract = (suite: Buffer, salt: Buffer, label: string, ikm: Buffer) =>
	hmac(salt, VERSION, suite, Buffer.from(label), ikm);
// Expand for L ≤ 32 is one HMAC block: T(1) = HMAC(prk, info ‖ 0x01).
const labeledExpand = (suite: Buffer, prk: Buffer, label: string, info: Buffer, length: number) =>
	hmac(
		prk,
		Buffer.from([length >> 8, length & 0xff]),
		VERSION,
		suite,
		Buffer.from(label),
		info,
		Buffer.from([1])
	).subarray(0, length);

export interface SyncRecipient {
	privateKey: KeyObject;
	publicKeyRaw: Buffer;
	/** mode_base ‖ psk_id_hash ‖ info_hash: the same for every sheet (no PSK, empty info). */
	context: Buffer;
}

export function syncRecipient(rawPrivateKey: Uint8Array): SyncRecipient {
	const privateKey = createPrivateKey({
		key: Buffer.concat([PKCS8_X25519, rawPrivateKey]),
		format: 'der',
		type: 'pkcs8'
	});
	const publicKeyRaw = (createPublicKey(privateKey).export({ format: 'der', type: 'spki' }) as Buffer).subarray(
		SPKI_X25519.length
	);
	const context = Buffer.concat([
		Buffer.from([0]),
		labeledExtract(HPKE_SUITE, EMPTY, 'psk_id_hash', EMPTY),
		labeledExtract(HPKE_SUITE, EMPTY, 'info_hash', EMPTY)
	]);
	return { privateKey, publicKeyRaw, context };
}

/** Opens enc ‖ ciphertext ‖ tag; null when it does not open. */
export function openSync(r: SyncRecipient, sealed: Uint8Array, aad: Uint8Array): Buffer | null {
	if (sealed.length < 32 + 16) return null;
	try {
		const enc = Buffer.from(sealed.buffer, sealed.byteOffset, 32);
		// A JWK imports several times faster than the same key as SPKI DER (OpenSSL 3's decoders).
		const dh = diffieHellman({
			privateKey: r.privateKey,
			publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: enc.toString('base64url') }, format: 'jwk' })
		});
		const eaePrk = labeledExtract(KEM_SUITE, EMPTY, 'eae_prk', dh);
		const shared = labeledExpand(KEM_SUITE, eaePrk, 'shared_secret', Buffer.concat([enc, r.publicKeyRaw]), 32);
		const secret = labeledExtract(HPKE_SUITE, shared, 'secret', EMPTY);
		const key = labeledExpand(HPKE_SUITE, secret, 'key', r.context, 32);
		const nonce = labeledExpand(HPKE_SUITE, secret, 'base_nonce', r.context, 12);
		const body = Buffer.from(sealed.buffer, sealed.byteOffset + 32, sealed.length - 32 - 16);
		const decipher = createDecipheriv('aes-256-gcm', key, nonce);
		decipher.setAAD(aad);
		decipher.setAuthTag(Buffer.from(sealed.buffer, sealed.byteOffset + sealed.length - 16, 16));
		return Buffer.concat([decipher.update(body), decipher.final()]);
	} catch {
		return null;
	}
}
