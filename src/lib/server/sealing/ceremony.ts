// The key ceremony's record. The ceremony runs in a browser: the server receives the public key, a sealed
// key check and one check value per share — never the private key, a share or a passphrase — and stores
// them after checking they match the committee as named.
import { timingSafeEqual } from 'node:crypto';
import { DhkemX25519HkdfSha256 } from '@hpke/core';
import { z } from 'zod';
import { message, type Message } from '$lib/domain/message';
import { fromBase64url } from '$lib/sealing/bytes';
import { KEY_BYTES, sealingFingerprint } from '$lib/sealing/hpke';
import { appendAuditEvent, staffActor, type RequestMeta } from '../audit';
import type { Staff } from '../auth/staff';
import { canManageCampaign } from '../campaigns/campaigns';
import type { Db } from '../db/open';
import { nowSeconds } from '../time';

export const ceremonySchema = z.strictObject({
	publicKey: z.string().max(64),
	fingerprint: z.string().max(100),
	keyCheck: z.string().max(400),
	threshold: z.number().int(),
	size: z.number().int(),
	checks: z
		.array(z.strictObject({ slot: z.number().int().min(1).max(15), check: z.string().regex(/^[0-9a-f]{64}$/) }))
		.max(15)
});

/** Stores what a finished ceremony produced, after checking it matches the committee as named. */
export async function recordCeremony(
	db: Db,
	campaignId: number,
	input: unknown,
	staff: Staff,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true; fingerprint: string } | { ok: false; error: Message }> {
	const parsed = ceremonySchema.safeParse(input);
	if (!parsed.success) return { ok: false, error: message('ceremony.error.malformed') };
	const record = parsed.data;
	const publicKey = fromBase64url(record.publicKey);
	const keyCheck = fromBase64url(record.keyCheck);
	if (!publicKey || publicKey.length !== KEY_BYTES || !keyCheck)
		return { ok: false, error: message('ceremony.error.malformed') };
	const fingerprint = await sealingFingerprint(publicKey);
	if (!safeEqual(fingerprint, record.fingerprint)) return { ok: false, error: message('ceremony.error.fingerprint') };
	// A public key that is not a point X25519 accepts would make every sheet unopenable.
	try {
		await new DhkemX25519HkdfSha256().deserializePublicKey(publicKey);
	} catch {
		return { ok: false, error: message('ceremony.error.malformed') };
	}
	return db.transaction().execute(async (trx) => {
		const campaign = await trx
			.selectFrom('campaign')
			.select(['state', 'scope_unit_id', 'committee_threshold'])
			.where('id', '=', campaignId)
			.executeTakeFirst();
		if (!campaign) return { ok: false as const, error: message('campaign.error.notFound') };
		if (!(await canManageCampaign(trx, staff, campaign)))
			return { ok: false as const, error: message('committee.error.forbidden') };
		if (campaign.state !== 'draft') return { ok: false as const, error: message('committee.error.notDraft') };
		if (
			await trx.selectFrom('sealing_key').select('campaign_id').where('campaign_id', '=', campaignId).executeTakeFirst()
		)
			return { ok: false as const, error: message('committee.error.keyExists') };
		const members = await trx
			.selectFrom('committee_member')
			.select(['slot'])
			.where('campaign_id', '=', campaignId)
			.orderBy('slot')
			.execute();
		const slots = members.map((m) => m.slot);
		const given = record.checks.map((c) => c.slot).sort((a, b) => a - b);
		if (
			members.length === 0 ||
			record.size !== members.length ||
			record.threshold !== campaign.committee_threshold ||
			JSON.stringify(given) !== JSON.stringify(slots)
		) {
			return { ok: false as const, error: message('ceremony.error.committeeChanged') };
		}
		for (const c of record.checks)
			await trx
				.updateTable('committee_member')
				.set({ share_check: c.check })
				.where('campaign_id', '=', campaignId)
				.where('slot', '=', c.slot)
				.execute();
		await trx
			.insertInto('sealing_key')
			.values({
				campaign_id: campaignId,
				public_key: record.publicKey,
				fingerprint,
				threshold: record.threshold,
				size: record.size,
				key_check: record.keyCheck,
				created_by: staff.id,
				created_at: now
			})
			.execute();
		await appendAuditEvent(
			trx,
			{
				actor: staffActor(staff),
				action: 'sealing.key_created',
				subject: { type: 'campaign', id: campaignId },
				meta,
				payload: { fingerprint, threshold: record.threshold, size: record.size }
			},
			now
		);
		return { ok: true as const, fingerprint };
	});
}

function safeEqual(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}
