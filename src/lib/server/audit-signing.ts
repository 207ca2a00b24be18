// The checkpoint signing key: Ed25519, derived from the application key (KEYS_SECRET or the key file,
// never the database), so whoever can edit the database still cannot sign an anchor.
import { createHash, createPrivateKey, createPublicKey, hkdfSync, sign, verify, type KeyObject } from 'node:crypto';
import { checkpointMessage, type CheckpointBody } from '$lib/domain/audit-checkpoint';
import type { AppKey } from './crypto/keyring';
import type { Db } from './db/open';

export interface CheckpointSigner {
	/** SHA-256 of the raw public key, 16 groups of 4 hex digits (as the sealing keys' fingerprints). */
	keyId: string;
	sign(body: CheckpointBody): string;
	verify(body: CheckpointBody, signature: string): boolean;
}

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const DERIVATION_INFO = 'par-survey audit checkpoint ed25519 v1';

export function checkpointSignerFrom(appKey: AppKey): CheckpointSigner {
	const seed = Buffer.from(hkdfSync('sha256', appKey, Buffer.alloc(0), DERIVATION_INFO, 32));
	const privateKey = createPrivateKey({
		key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
		format: 'der',
		type: 'pkcs8'
	});
	seed.fill(0);
	const publicKey = createPublicKey(privateKey);
	return {
		keyId: keyIdOf(publicKey),
		sign: (body) => sign(null, Buffer.from(checkpointMessage(body), 'utf8'), privateKey).toString('base64url'),
		verify: (body, signature) => verifySignature(publicKey, body, signature)
	};
}

function keyIdOf(publicKey: KeyObject): string {
	const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
	return createHash('sha256').update(raw).digest('hex').match(/.{4}/g)!.join(' ');
}

function verifySignature(publicKey: KeyObject, body: CheckpointBody, signature: string): boolean {
	const bytes = Buffer.from(signature, 'base64url');
	if (bytes.length !== 64) return false;
	return verify(null, Buffer.from(checkpointMessage(body), 'utf8'), publicKey, bytes);
}

// The server and the CLI attach the signer to their database handle once; services that change a
// campaign's state find it there. A handle opened without the app key (tests, tools) writes no anchors.
const signers = new WeakMap<Db, CheckpointSigner>();

export function attachCheckpointSigner(db: Db, signer: CheckpointSigner): CheckpointSigner {
	signers.set(db, signer);
	return signer;
}

export function checkpointSignerOf(db: Db): CheckpointSigner | null {
	return signers.get(db) ?? null;
}
