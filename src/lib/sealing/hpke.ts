// Sealing an answer sheet to the counting committee's key (docs/integrity.md step 7): HPKE, RFC 9180, base
// mode, DHKEM(X25519, HKDF-SHA256) + HKDF-SHA256 + AES-256-GCM, with the campaign and the reporting
// cell as associated data, so a sheet moved to another campaign or cell no longer opens.
// Browser and server share this file; each passes its own X25519 implementation: the browser the
// portable one (@hpke/dhkem-x25519, pure JS, any phone), the server WebCrypto's (@hpke/core, native).
import { Aes256Gcm, CipherSuite, HkdfSha256, type KemInterface } from '@hpke/core';

export const SUITE_NAME = 'DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM';
/** X25519 public and private keys are 32 bytes; HPKE's enc is the sender's ephemeral public key. */
export const KEY_BYTES = 32;
export const ENC_BYTES = 32;

const encoder = new TextEncoder();

export function sealingSuite(kem: KemInterface): CipherSuite {
	return new CipherSuite({ kem, kdf: new HkdfSha256(), aead: new Aes256Gcm() });
}

/** The associated data that binds a sheet to its campaign and cell (never to a person). */
export function sheetAad(campaignId: number, cellId: number): Uint8Array {
	return encoder.encode(`par-survey/sheet/v1\u0000campaign=${campaignId}\u0000cell=${cellId}`);
}

/** What the ceremony seals to the new key so the opening can tell a rebuilt key is the right one. */
export function keyCheckAad(campaignId: number): Uint8Array {
	return encoder.encode(`par-survey/key-check/v1\u0000campaign=${campaignId}`);
}
export const KEY_CHECK_PLAINTEXT = encoder.encode('par-survey key check');

/** Seals: enc ‖ ciphertext, one byte string. */
export async function sealBytes(
	kem: KemInterface,
	publicKey: Uint8Array,
	plaintext: Uint8Array,
	aad: Uint8Array
): Promise<Uint8Array> {
	const suite = sealingSuite(kem);
	const recipientPublicKey = await suite.kem.deserializePublicKey(publicKey);
	const { ct, enc } = await suite.seal({ recipientPublicKey }, plaintext, aad);
	const out = new Uint8Array(enc.byteLength + ct.byteLength);
	out.set(new Uint8Array(enc), 0);
	out.set(new Uint8Array(ct), enc.byteLength);
	return out;
}

/** A private key, imported once for many openings. */
export async function importPrivateKey(kem: KemInterface, privateKey: Uint8Array): Promise<CryptoKey> {
	return sealingSuite(kem).kem.deserializePrivateKey(privateKey);
}

/** Opens enc ‖ ciphertext; null when it does not open (wrong key, wrong campaign or cell, tampered). */
export async function openBytes(
	suite: CipherSuite,
	recipientKey: CryptoKey | CryptoKeyPair,
	sealed: Uint8Array,
	aad: Uint8Array
): Promise<Uint8Array | null> {
	if (sealed.length < ENC_BYTES + 16) return null;
	try {
		const pt = await suite.open({ recipientKey, enc: sealed.slice(0, ENC_BYTES) }, sealed.slice(ENC_BYTES), aad);
		return new Uint8Array(pt);
	} catch {
		return null;
	}
}

/** A fresh key pair, raw bytes (the ceremony runs this in a browser). */
export async function generateSealingKeyPair(
	kem: KemInterface
): Promise<{ publicKey: Uint8Array; privateKey: Uint8Array }> {
	const suite = sealingSuite(kem);
	const pair = await suite.kem.generateKeyPair();
	return {
		publicKey: new Uint8Array(await suite.kem.serializePublicKey(pair.publicKey)),
		privateKey: new Uint8Array(await suite.kem.serializePrivateKey(pair.privateKey))
	};
}

/** SHA-256 of the raw public key as 16 groups of 4 hex digits (the cell keys' format). */
export async function sealingFingerprint(publicKey: Uint8Array): Promise<string> {
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(publicKey)));
	const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
	return hex.match(/.{4}/g)!.join(' ');
}
