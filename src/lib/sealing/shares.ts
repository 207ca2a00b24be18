// The committee's key as t-of-n Shamir shares (docs/integrity.md step 9): split in the ceremony's browser,
// combined only in the server's memory at the opening. Each share is checked against the value the
// server stored at the ceremony before it is used: a wrong or foreign share is refused by name,
// because combining it would silently give a wrong key.
import { combine, split } from 'shamir-secret-sharing';

export const MAX_MEMBERS = 15;
const encoder = new TextEncoder();

export type CommitteeSize = { size: number; threshold: number };

/** 2 ≤ t ≤ n ≤ MAX_MEMBERS, or 1 of 1 (demo mode only; the caller decides). */
export function validCommitteeSize({ size, threshold }: CommitteeSize): boolean {
	if (!Number.isInteger(size) || !Number.isInteger(threshold)) return false;
	if (size === 1 && threshold === 1) return true;
	return threshold >= 2 && threshold <= size && size <= MAX_MEMBERS;
}

/**
 * n shares of the private key, any t of which rebuild it. A share is the library's (y-bytes ‖ x);
 * 1 of 1 has no polynomial: its one share is the key with x = 0.
 */
export async function splitKey(privateKey: Uint8Array, { size, threshold }: CommitteeSize): Promise<Uint8Array[]> {
	if (!validCommitteeSize({ size, threshold })) throw new Error('committee_size');
	if (size === 1) return [Uint8Array.from([...privateKey, 0])];
	return split(privateKey, size, threshold);
}

/** Rebuilds the key from exactly the shares given (the caller has checked there are t of them). */
export async function combineShares(shares: Uint8Array[]): Promise<Uint8Array> {
	if (shares.length === 1) {
		const only = shares[0];
		if (only[only.length - 1] !== 0) throw new Error('share_count');
		return only.slice(0, -1);
	}
	return combine(shares);
}

/** What the server keeps per share: a hash bound to the campaign and the member's slot. */
export async function shareCheckValue(campaignId: number, slot: number, share: Uint8Array): Promise<string> {
	const label = encoder.encode(`par-survey/share-check/v1\u0000campaign=${campaignId}\u0000slot=${slot}\u0000`);
	const data = new Uint8Array(label.length + share.length);
	data.set(label, 0);
	data.set(share, label.length);
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
	return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
