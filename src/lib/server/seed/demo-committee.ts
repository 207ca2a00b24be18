// The demo's counting committee (Tổ kiểm phiếu): three staff accounts, 2 of 3 shares to open a round,
// with passphrases the demo prints. The ceremony runs here in Node through the same steps the ceremony
// page runs in a browser; the share codes are returned to the caller, never stored in the database.
import { DhkemX25519HkdfSha256 } from '@hpke/core';
import { forgetShares, protectShare, startCeremony } from '$lib/sealing/ceremony';
import { type RequestMeta } from '../audit';
import type { Staff } from '../campaigns/campaigns';
import type { Db } from '../db/open';
import { recordCeremony, saveCommittee } from '../sealing/committee';
import { supplyShare, waitForOpening } from '../sealing/opening';

export const DEMO_COMMITTEE = [
	{ username: 'kiemphieu1', displayName: 'Võ Thị Kiểm Phiếu', passphrase: 'to-kiem-phieu-mot' },
	{ username: 'kiemphieu2', displayName: 'Đặng Văn Niêm Phong', passphrase: 'to-kiem-phieu-hai' },
	{ username: 'kiemphieu3', displayName: 'Huỳnh Thị Công Tâm', passphrase: 'to-kiem-phieu-ba' }
] as const;
export const DEMO_THRESHOLD = 2;

export interface DemoShare {
	campaignId: number;
	username: string;
	passphrase: string;
	slot: number;
	code: string;
}

/** Names the committee and runs the ceremony for a draft campaign; returns each member's share code. */
export async function runDemoCeremony(
	db: Db,
	campaignId: number,
	organiser: Staff,
	meta: RequestMeta,
	now?: number
): Promise<DemoShare[]> {
	const saved = await saveCommittee(
		db,
		campaignId,
		{ usernames: DEMO_COMMITTEE.map((m) => m.username), threshold: DEMO_THRESHOLD },
		organiser,
		meta,
		{ demo: true },
		now
	);
	if (!saved.ok) throw new Error(`demo committee: ${saved.error.key}`);
	const ceremony = await startCeremony(new DhkemX25519HkdfSha256(), campaignId, {
		size: DEMO_COMMITTEE.length,
		threshold: DEMO_THRESHOLD
	});
	const shares: DemoShare[] = [];
	for (const [i, member] of DEMO_COMMITTEE.entries()) {
		shares.push({
			campaignId,
			username: member.username,
			passphrase: member.passphrase,
			slot: i + 1,
			code: await protectShare(ceremony, campaignId, i + 1, member.passphrase)
		});
	}
	forgetShares(ceremony);
	const recorded = await recordCeremony(db, campaignId, ceremony.record, organiser, meta, now);
	if (!recorded.ok) throw new Error(`demo ceremony: ${recorded.error.key}`);
	return shares;
}

/** Opens (kiểm phiếu) a closed round with the first `threshold` members' shares, as they would one by one. */
export async function openWithDemoShares(
	db: Db,
	shares: DemoShare[],
	members: Map<string, Staff>,
	meta: RequestMeta,
	at?: number
): Promise<void> {
	for (const share of shares.slice(0, DEMO_THRESHOLD)) {
		const staff = members.get(share.username);
		if (!staff) throw new Error(`demo committee member ${share.username} missing`);
		const supplied = await supplyShare(
			{ db, clock: at === undefined ? undefined : () => at },
			share.campaignId,
			staff,
			{ code: share.code, passphrase: share.passphrase },
			meta,
			at
		);
		if (!supplied.ok) throw new Error(`demo opening: ${supplied.error.key}`);
	}
	const done = await waitForOpening(shares[0].campaignId);
	if (done?.phase !== 'done') throw new Error(`demo opening ended ${done?.phase}: ${done?.error ?? ''}`);
}
