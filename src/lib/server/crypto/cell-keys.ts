// One RSA blind-signing key pair per reporting cell (RFC 9474). The private key is sealed
// with the application key before it touches the database; the public key is published.
import { createHash, generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import { openSecret, sealSecret, type AppKey } from './keyring';

const generate = promisify(generateKeyPair);

export interface CellKeyPair {
	/** SPKI DER, base64url: what the campaign's public page publishes. */
	publicKey: string;
	privateKeyEnc: string;
	fingerprint: string;
}

/** New cells get RSA-3072 (128-bit strength, ASVS L2). Cells opened with 2048 keep their key: the
 * signer, the browser and the verifier read the size from each key, never from this constant. */
export const CELL_KEY_BITS = 3072;
/** Sizes a stored cell key may have; 2048 only for campaigns opened before the change. */
export type CellKeyBits = 2048 | 3072;

export function cellKeyContext(campaignId: number, groupId: number, unitId: number): string {
	return `cell:${campaignId}:${groupId}:${unitId}`;
}

/** SHA-256 of the SPKI bytes, as 16 groups of 4 hex digits: short enough to read aloud and compare. */
export function fingerprintOf(spkiDer: Uint8Array): string {
	return createHash('sha256').update(spkiDer).digest('hex').match(/.{4}/g)!.join(' ');
}

export async function generateCellKeyPair(
	appKey: AppKey,
	context: string,
	bits: CellKeyBits = CELL_KEY_BITS
): Promise<CellKeyPair> {
	const { publicKey, privateKey } = await generate('rsa', {
		modulusLength: bits,
		publicExponent: 65537,
		publicKeyEncoding: { type: 'spki', format: 'der' },
		privateKeyEncoding: { type: 'pkcs8', format: 'der' }
	});
	return {
		publicKey: Buffer.from(publicKey).toString('base64url'),
		privateKeyEnc: sealSecret(appKey, privateKey, context),
		fingerprint: fingerprintOf(publicKey)
	};
}

/** Keys for many cells, in the order given, `parallel` at a time on libuv's pool: the event loop stays
 * free, and two at once halve an opening's wait on a 2-core server without taking every pool thread. */
export async function generateCellKeyPairs(appKey: AppKey, contexts: string[], parallel = 2): Promise<CellKeyPair[]> {
	const keys: CellKeyPair[] = new Array(contexts.length);
	let next = 0;
	const work = async () => {
		for (let i = next++; i < contexts.length; i = next++) keys[i] = await generateCellKeyPair(appKey, contexts[i]);
	};
	await Promise.all(Array.from({ length: Math.min(parallel, contexts.length) }, work));
	return keys;
}

/** The PKCS#8 DER private key, for the signer only. */
export function openCellPrivateKey(appKey: AppKey, privateKeyEnc: string, context: string): Uint8Array {
	return openSecret(appKey, privateKeyEnc, context);
}
