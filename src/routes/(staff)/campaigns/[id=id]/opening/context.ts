// The opening page's access rule and what it shows. Committee members of any role (auditors and analysts
// included, who have no 'campaigns' area) may supply a share; admins and the campaign's organisers read
// the status only; everyone else is refused and the refusal audited. Composes services only.
import { error, type RequestEvent } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { denyAccess, requireStaff } from '$lib/server/auth/guard';
import { canManageCampaign, getCampaign } from '$lib/server/campaigns/campaigns';
import type { Db } from '$lib/server/db/open';
import type { CampaignRow } from '$lib/server/db/schema';
import { requestMeta } from '$lib/server/http/request';
import { resultsAccess } from '$lib/server/results/access';
import { committeeSlotOf, loadCommittee } from '$lib/server/sealing/committee';
import { HELD_SHARE_SECONDS, openingHandleOf, openingStatus } from '$lib/server/sealing/opening';
import { getStaffUser } from '$lib/server/admin/staff-users';
import type { SessionUser } from '$lib/server/auth/session';
import { isRunningPhase, snapshotOf } from './progress';

export async function openingContext(event: RequestEvent) {
	const user = await requireStaff(event, 'home');
	const app = await getApp();
	const { db } = app;
	// The [id=id] matcher already refused anything but a plain id.
	const campaign = await getCampaign(db, Number(event.params.id));
	if (!campaign) error(404, { message: 'campaign.error.notFound' });
	const member = await committeeSlotOf(db, campaign.id, user.id);
	const canManage = await canManageCampaign(db, user, campaign);
	if (!member && !canManage) await denyAccess(event, user, 'opening.committee');
	return { db, handle: openingHandleOf(app), user, campaign, member, canManage, meta: requestMeta(event) };
}

export type OpeningStage = 'notClosed' | 'noKey' | 'cannotOpen' | 'ready' | 'running' | 'counted';

export async function openingView(
	db: Db,
	user: SessionUser,
	campaign: CampaignRow,
	member: { slot: number; shareCheck: string | null } | null
) {
	const committee = await loadCommittee(db, campaign.id);
	const status = await openingStatus(db, campaign.id);
	const snapshot = snapshotOf(status);
	const held = new Set(status.heldSlots);
	const accounts = await Promise.all((committee?.members ?? []).map((m) => getStaffUser(db, m.staffUserId)));
	const members = (committee?.members ?? []).map((m, i) => ({
		slot: m.slot,
		name: m.displayName,
		username: m.username,
		you: m.staffUserId === user.id,
		hasShare: m.hasShare,
		disabled: accounts[i]?.disabled ?? true,
		held: held.has(m.slot)
	}));
	const key = committee?.key ?? null;
	const threshold = key?.threshold ?? committee?.threshold ?? 0;
	// A disabled account cannot sign in, so its share cannot come; a held share still counts.
	const usable = members.filter((m) => m.held || (m.hasShare && !m.disabled)).length;
	const stage: OpeningStage = status.counted
		? 'counted'
		: isRunningPhase(snapshot.phase)
			? 'running'
			: campaign.state === 'draft' || campaign.state === 'open'
				? 'notClosed'
				: !key
					? 'noKey'
					: usable < threshold
						? 'cannotOpen'
						: 'ready';
	const mineHeld = member !== null && held.has(member.slot);
	return {
		campaign: { id: campaign.id, title: campaign.title, slug: campaign.slug, state: campaign.state },
		key: key ? { fingerprint: key.fingerprint, threshold: key.threshold, size: key.size } : null,
		threshold,
		size: key?.size ?? members.length,
		usable,
		members,
		stage,
		snapshot,
		failed:
			!status.counted && status.progress?.phase === 'failed'
				? (status.progress.error ?? 'opening.error.internal')
				: null,
		job: status.job,
		isMember: member !== null,
		mineHeld,
		canSupply: member !== null && member.shareCheck !== null && stage === 'ready' && !mineHeld,
		// While shares are waiting or the job runs, the page polls status.json.
		poll:
			stage === 'running' ||
			(stage === 'ready' && held.size > 0) ||
			(status.counted && status.job?.status !== 'finished'),
		heldHours: HELD_SHARE_SECONDS / 3600,
		resultsVisible: status.counted && (await resultsAccess(db, user, campaign)).ok
	};
}
