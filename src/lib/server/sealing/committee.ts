// The counting committee (Tổ kiểm phiếu) of a campaign. Members are staff accounts of any role, named per
// campaign by an admin or one of the campaign's organisers while it is a draft; membership gives the right
// to supply a share at the opening and nothing else (no results, no people). The key ceremony is ./ceremony.
import { z } from 'zod';
import { message, type Message, type MessageKey } from '$lib/domain/message';
import type { Role } from '$lib/domain/roles';
import { validCommitteeSize } from '$lib/sealing/shares';
import { listStaffUsers } from '../admin/staff-users';
import { appendAuditEvent, staffActor, type RequestMeta } from '../audit';
import type { Staff } from '../auth/staff';
import { canManageCampaign } from '../campaigns/campaigns';
import type { Db } from '../db/open';
import { nowSeconds } from '../time';

export { ceremonySchema, recordCeremony } from './ceremony';

export interface CommitteeMember {
	staffUserId: number;
	username: string;
	displayName: string;
	role: Role;
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
): Promise<{ ok: true } | { ok: false; error: Message }> {
	const parsed = committeeSchema.safeParse(input);
	if (!parsed.success) {
		const first = parsed.error.issues[0].message;
		// The schema's own messages are catalog keys; zod's defaults (a too long name) are not.
		const key = first.startsWith('committee.') ? (first as MessageKey) : 'committee.error.noMembers';
		// The threshold text names the committee's size, so it needs it even when the number did not parse.
		return {
			ok: false,
			error:
				key === 'committee.error.threshold'
					? message(key, { size: Array.isArray(input.usernames) ? input.usernames.length : 0 })
					: message(key)
		};
	}
	const usernames = parsed.data.usernames;
	const threshold = parsed.data.threshold;
	if (new Set(usernames).size !== usernames.length) return { ok: false, error: message('committee.error.duplicate') };
	if (!validCommitteeSize({ size: usernames.length, threshold }))
		return { ok: false, error: message('committee.error.threshold', { size: usernames.length }) };
	// 1 of 1 means one person can read every answer: a demo convenience only.
	if (threshold === 1 && !options.demo) return { ok: false, error: message('committee.error.oneOfOne') };
	return db.transaction().execute(async (trx) => {
		const campaign = await trx
			.selectFrom('campaign')
			.select(['state', 'scope_unit_id'])
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
		const users = await trx
			.selectFrom('staff_user')
			.select(['id', 'username', 'disabled_at'])
			.where('username', 'in', usernames)
			.execute();
		for (const name of usernames) {
			const user = users.find((u) => u.username === name);
			if (!user) return { ok: false as const, error: message('committee.error.unknownUser', { username: name }) };
			if (user.disabled_at !== null)
				return { ok: false as const, error: message('committee.error.disabledUser', { username: name }) };
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

/**
 * The committee page: the committee, whether it may still change, and then the active staff to pick from —
 * members already named first, in slot order, so saving again keeps their share numbers.
 */
export async function loadCommitteePage(db: Db, campaignId: number, canManage: boolean, state: string) {
	const committee = (await loadCommittee(db, campaignId))!;
	const editable = canManage && state === 'draft' && committee.key === null;
	const active = editable ? (await listStaffUsers(db)).filter((u) => !u.disabled) : [];
	const slotOf = new Map(committee.members.map((m) => [m.username, m.slot]));
	const staff = active
		.map((u) => ({ username: u.username, displayName: u.displayName, role: u.role }))
		.sort(
			(a, b) => (slotOf.get(a.username) ?? 99) - (slotOf.get(b.username) ?? 99) || a.username.localeCompare(b.username)
		);
	return { committee, editable, staff };
}
