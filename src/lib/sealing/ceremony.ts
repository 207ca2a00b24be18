// The key ceremony's steps, the same in the ceremony page (a browser) and in the demo seed and tests
// (Node's WebCrypto): make the key pair, seal the key check, split the private key, and encrypt each
// member's share under the passphrase that member chose. Only `record` is ever sent to the server.
import type { KemInterface } from '@hpke/core';
import { toBase64url } from './bytes';
import { generateSealingKeyPair, keyCheckAad, KEY_CHECK_PLAINTEXT, sealBytes, sealingFingerprint } from './hpke';
import { encryptShareCode, type ShareHeader } from './share-file';
import { shareCheckValue, splitKey, type CommitteeSize } from './shares';

export interface CeremonyRecord {
	publicKey: string;
	fingerprint: string;
	keyCheck: string;
	threshold: number;
	size: number;
	checks: { slot: number; check: string }[];
}

export interface CeremonyKey {
	record: CeremonyRecord;
	/** Slot → raw share; kept only in the ceremony page's memory until each member has theirs. */
	shares: Uint8Array[];
}

/** Step 1: the key pair, split at once; the private key is wiped before this returns. */
export async function startCeremony(
	kem: KemInterface,
	campaignId: number,
	committee: CommitteeSize
): Promise<CeremonyKey> {
	const { publicKey, privateKey } = await generateSealingKeyPair(kem);
	try {
		const keyCheck = await sealBytes(kem, publicKey, KEY_CHECK_PLAINTEXT, keyCheckAad(campaignId));
		const shares = await splitKey(privateKey, committee);
		const checks = await Promise.all(
			shares.map(async (share, i) => ({ slot: i + 1, check: await shareCheckValue(campaignId, i + 1, share) }))
		);
		return {
			record: {
				publicKey: toBase64url(publicKey),
				fingerprint: await sealingFingerprint(publicKey),
				keyCheck: toBase64url(keyCheck),
				threshold: committee.threshold,
				size: committee.size,
				checks
			},
			shares
		};
	} finally {
		privateKey.fill(0);
	}
}

/** Step 2, once per member: their share under their passphrase, as the printable grouped code. */
export async function protectShare(
	ceremony: CeremonyKey,
	campaignId: number,
	slot: number,
	passphrase: string
): Promise<string> {
	const header: ShareHeader = { campaignId, slot, threshold: ceremony.record.threshold, size: ceremony.record.size };
	return encryptShareCode(header, ceremony.shares[slot - 1], passphrase);
}

/** Step 3, after every member has their share: nothing of the key stays in memory. */
export function forgetShares(ceremony: CeremonyKey): void {
	for (const share of ceremony.shares) share.fill(0);
	ceremony.shares.length = 0;
}
