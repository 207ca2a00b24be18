// One RSA-2048 blind-signing key pair per reporting cell (RFC 9474). The private key is sealed
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

export function cellKeyContext(campaignId: number, groupId: number, unitId: number): string {
	return `cell:${campaignId}:${groupId}:${unitId}`;
}

/** SHA-256 of the SPKI bytes, as 16 groups of 4 hex digits: short enough to read aloud and compare. */
export function fingerprintOf(spkiDer: Uint8Array): string {
	return createHash('sha256').update(spkiDer).digest('hex').match(/.{4}/g)!.join(' ');
}

export async function generateCellKeyPair(appKey: AppKey, context: string): Promise<CellKeyPair> {
	const { publicKey, privateKey } = await generate('rsa', {
		modulusLength: 2048,
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

/** The PKCS#8 DER private key, for the signer only. */
export function openCellPrivateKey(appKey: AppKey, privateKeyEnc: string, context: string): Uint8Array {
	return openSecret(appKey, privateKeyEnc, context);
}
