// The counting committee (Tổ kiểm phiếu) of a campaign and its key ceremony. Members are staff accounts
// of any role, named per campaign by an admin or one of the campaign's organisers while it is a draft;
// membership gives the right to supply a share at the opening and nothing else (no results, no people).
// The ceremony runs in a browser: the server receives the public key, a sealed key check and one check
// value per share — never the private key, a share or a passphrase.
import { timingSafeEqual } from 'node:crypto';
import { DhkemX25519HkdfSha256 } from '@hpke/core';
import { z } from 'zod';
import { fromBase64url } from '$lib/sealing/bytes';
import { KEY_BYTES, sealingFingerprint } from '$lib/sealing/hpke';
import { validCommitteeSize } from '$lib/sealing/shares';
import { appendAuditEvent, staffActor, type RequestMeta } from '../audit';
import { canManageCampaign, type Staff } from '../campaigns/campaigns';
import type { Db } from '../db/open';
import { nowSeconds } from '../time';

export type CommitteeError = { key: string; params?: Record<string, string | number> };

export interface CommitteeMember {
	staffUserId: number;
	username: string;
	displayName: string;
	role: string;
	slot: number;
	hasShare: boolean;
}

export interface Committee {
	threshold: number;
	members: CommitteeMember[];
	key: { publicKey: string; fingerprint: string; threshold: number; size: number; createdAt: number } | null;
}

export async function loadCommittee(db: Db, campaignId: number): Promise<Committee | null> {
	const campaign = await db
		.selectFrom('campaign')
		.select(['committee_threshold'])
		.where('id', '=', campaignId)
		.executeTakeFirst();
	if (!campaign) return null;
	const rows = await db
		.selectFrom('committee_member as m')
		.innerJoin('staff_user as u', 'u.id', 'm.staff_user_id')
		.select(['m.staff_user_id', 'm.slot', 'm.share_check', 'u.username', 'u.display_name', 'u.role'])
		.where('m.campaign_id', '=', campaignId)
		.orderBy('m.slot')
		.execute();
	const key = await db.selectFrom('sealing_key').selectAll().where('campaign_id', '=', campaignId).executeTakeFirst();
	return {
		threshold: campaign.committee_threshold,
		members: rows.map((r) => ({
			staffUserId: r.staff_user_id,
			username: r.username,
			displayName: r.display_name,
			role: r.role,
			slot: r.slot,
			hasShare: r.share_check !== null
		})),
		key: key
			? {
					publicKey: key.public_key,
					fingerprint: key.fingerprint,
					threshold: key.threshold,
					size: key.size,
					createdAt: key.created_at
				}
			: null
	};
}

/** Is this staff member on the campaign's committee (and which share do they hold)? */
export async function committeeSlotOf(
	db: Db,
	campaignId: number,
	staffUserId: number
): Promise<{ slot: number; shareCheck: string | null } | null> {
	const row = await db
		.selectFrom('committee_member')
		.select(['slot', 'share_check'])
		.where('campaign_id', '=', campaignId)
		.where('staff_user_id', '=', staffUserId)
		.executeTakeFirst();
	return row ? { slot: row.slot, shareCheck: row.share_check } : null;
}

/** The rounds whose committee this staff member sits on (for their home page: members of any role need a way in). */
export async function listCommitteeRoundsOf(
	db: Db,
	staffUserId: number
): Promise<{ id: number; title: string; state: string; slot: number; counted: boolean }[]> {
	const rows = await db
		.selectFrom('committee_member as m')
		.innerJoin('campaign as c', 'c.id', 'm.campaign_id')
		.select(['c.id', 'c.title', 'c.state', 'c.counted_at', 'm.slot'])
		.where('m.staff_user_id', '=', staffUserId)
		.orderBy('c.year', 'desc')
		.orderBy('c.id', 'desc')
		.execute();
	return rows.map((r) => ({ id: r.id, title: r.title, state: r.state, slot: r.slot, counted: r.counted_at !== null }));
}

export const committeeSchema = z.object({
	usernames: z
		.array(z.string().trim().min(1).max(64))
		.min(1, 'committee.error.noMembers')
		.max(15, 'committee.error.tooMany'),
	threshold: z.coerce.number({ error: 'committee.error.threshold' }).int('committee.error.threshold')
});

/** Names the members (in slot order) and the threshold, while the campaign is a draft without a key. */
export async function saveCommittee(
	db: Db,
	campaignId: number,
	input: { usernames: string[]; threshold: number },
	staff: Staff,
	meta: RequestMeta,
	options: { demo: boolean },
	now = nowSeconds()
): Promise<{ ok: true } | { ok: false; error: CommitteeError }> {
	const parsed = committeeSchema.safeParse(input);
	if (!parsed.success) {
		const key = parsed.error.issues[0].message.startsWith('committee.')
			? parsed.error.issues[0].message
			: 'committee.error.noMembers';
		// The threshold text names the committee's size, so it needs it even when the number did not parse.
		return {
			ok: false,
			error:
				key === 'committee.error.threshold'
					? { key, params: { size: Array.isArray(input.usernames) ? input.usernames.length : 0 } }
					: { key }
		};
	}
	const usernames = parsed.data.usernames;
	const threshold = parsed.data.threshold;
	if (new Set(usernames).size !== usernames.length) return { ok: false, error: { key: 'committee.error.duplicate' } };
	if (!validCommitteeSize({ size: usernames.length, threshold }))
		return { ok: false, error: { key: 'committee.error.threshold', params: { size: usernames.length } } };
	// 1 of 1 means one person can read every answer: a demo convenience only.
	if (threshold === 1 && !options.demo) return { ok: false, error: { key: 'committee.error.oneOfOne' } };
	return db.transaction().execute(async (trx) => {
		const campaign = await trx
			.selectFrom('campaign')
			.select(['state', 'scope_unit_id'])
			.where('id', '=', campaignId)
			.executeTakeFirst();
		if (!campaign) return { ok: false as const, error: { key: 'campaign.error.notFound' } };
		if (!(await canManageCampaign(trx, staff, campaign)))
			return { ok: false as const, error: { key: 'committee.error.forbidden' } };
		if (campaign.state !== 'draft') return { ok: false as const, error: { key: 'committee.error.notDraft' } };
		if (
			await trx.selectFrom('sealing_key').select('campaign_id').where('campaign_id', '=', campaignId).executeTakeFirst()
		)
			return { ok: false as const, error: { key: 'committee.error.keyExists' } };
		const users = await trx
			.selectFrom('staff_user')
			.select(['id', 'username', 'disabled_at'])
			.where('username', 'in', usernames)
			.execute();
		for (const name of usernames) {
			const user = users.find((u) => u.username === name);
			if (!user)
				return { ok: false as const, error: { key: 'committee.error.unknownUser', params: { username: name } } };
			if (user.disabled_at !== null)
				return { ok: false as const, error: { key: 'committee.error.disabledUser', params: { username: name } } };
		}
		await trx.deleteFrom('committee_member').where('campaign_id', '=', campaignId).execute();
		for (const [i, name] of usernames.entries()) {
			await trx
				.insertInto('committee_member')
				.values({
					campaign_id: campaignId,
					staff_user_id: users.find((u) => u.username === name)!.id,
					slot: i + 1,
					share_check: null,
					added_at: now
				})
				.execute();
		}
		await trx
			.updateTable('campaign')
			.set({ committee_threshold: threshold, updated_at: now })
			.where('id', '=', campaignId)
			.execute();
		await appendAuditEvent(
			trx,
			{
				actor: staffActor(staff),
				action: 'committee.saved',
				subject: { type: 'campaign', id: campaignId },
				meta,
				payload: { members: usernames, threshold }
			},
			now
		);
		return { ok: true as const };
	});
}

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
): Promise<{ ok: true; fingerprint: string } | { ok: false; error: CommitteeError }> {
	const parsed = ceremonySchema.safeParse(input);
	if (!parsed.success) return { ok: false, error: { key: 'ceremony.error.malformed' } };
	const record = parsed.data;
	const publicKey = fromBase64url(record.publicKey);
	const keyCheck = fromBase64url(record.keyCheck);
	if (!publicKey || publicKey.length !== KEY_BYTES || !keyCheck)
		return { ok: false, error: { key: 'ceremony.error.malformed' } };
	const fingerprint = await sealingFingerprint(publicKey);
	if (!safeEqual(fingerprint, record.fingerprint)) return { ok: false, error: { key: 'ceremony.error.fingerprint' } };
	// A public key that is not a point X25519 accepts would make every sheet unopenable.
	try {
		await new DhkemX25519HkdfSha256().deserializePublicKey(publicKey);
	} catch {
		return { ok: false, error: { key: 'ceremony.error.malformed' } };
	}
	return db.transaction().execute(async (trx) => {
		const campaign = await trx
			.selectFrom('campaign')
			.select(['state', 'scope_unit_id', 'committee_threshold'])
			.where('id', '=', campaignId)
			.executeTakeFirst();
		if (!campaign) return { ok: false as const, error: { key: 'campaign.error.notFound' } };
		if (!(await canManageCampaign(trx, staff, campaign)))
			return { ok: false as const, error: { key: 'committee.error.forbidden' } };
		if (campaign.state !== 'draft') return { ok: false as const, error: { key: 'committee.error.notDraft' } };
		if (
			await trx.selectFrom('sealing_key').select('campaign_id').where('campaign_id', '=', campaignId).executeTakeFirst()
		)
			return { ok: false as const, error: { key: 'committee.error.keyExists' } };
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
			return { ok: false as const, error: { key: 'ceremony.error.committeeChanged' } };
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
