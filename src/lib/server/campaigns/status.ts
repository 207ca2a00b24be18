// Where a campaign stands for the people who run it: the tabs a viewer may open, and the overview's
// figures (response rate as monitoring counts it, days left, people without a link, what to do next).
// Participation side only: people and links, never answers.
import {
	campaignNextSteps,
	daysUntil,
	LOW_RATE,
	visibleTabs,
	type CampaignStatus,
	type CampaignTab
} from '$lib/domain/campaign-next-steps';
import { isoToDay, responseRate } from '$lib/domain/monitoring';
import { vietnamDayNumber } from '$lib/domain/vietnam-time';
import type { Staff } from '../auth/staff';
import type { Db } from '../db/open';
import type { CampaignRow } from '../db/schema';
import { resolveMonitorScope } from '../monitoring/monitoring';
import { resultsAccess } from '../results/access';
import { committeeSlotOf } from '../sealing/committee';
import { nowSeconds } from '../time';
import { canManageCampaign, listCampaignsFor } from './campaigns';

/** The tabs of a campaign this viewer may open (empty: nothing of it is theirs to see). */
export async function loadCampaignTabs(db: Db, viewer: Staff, campaign: CampaignRow): Promise<CampaignTab[]> {
	return visibleTabs({
		role: viewer.role,
		state: campaign.state,
		canManage: await canManageCampaign(db, viewer, campaign),
		member: (await committeeSlotOf(db, campaign.id, viewer.id)) !== null,
		results: (await resultsAccess(db, viewer, campaign)).ok
	});
}

/** One campaign's figures for a manager (their scope only) and the steps that follow from them. */
export async function loadCampaignStatus(
	db: Db,
	viewer: Staff,
	campaign: CampaignRow,
	now = nowSeconds()
): Promise<CampaignStatus> {
	const resolved = await resolveMonitorScope(db, campaign.id, viewer, null);
	let people = 0;
	let invited = 0;
	let submitted = 0;
	let lowRateUnits = 0;
	if (resolved.ok)
		for (const [unitId, c] of resolved.scope.direct) {
			if (!resolved.scope.subtree.has(unitId)) continue;
			people += c.people;
			invited += c.invited;
			submitted += c.submitted;
			const rate = responseRate(c);
			if (rate !== null && rate < LOW_RATE) lowRateUnits += 1;
		}
	const groups = await db
		.selectFrom('respondent_group')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('campaign_id', '=', campaign.id)
		.executeTakeFirstOrThrow();
	const members = await db
		.selectFrom('committee_member')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('campaign_id', '=', campaign.id)
		.executeTakeFirstOrThrow();
	const key = await db
		.selectFrom('sealing_key')
		.select('campaign_id')
		.where('campaign_id', '=', campaign.id)
		.executeTakeFirst();
	const daysLeft = daysUntil(isoToDay(campaign.closes_on), vietnamDayNumber(now));
	const figures = {
		state: campaign.state,
		groups: Number(groups.n),
		people,
		committeeSize: Number(members.n),
		sealingKey: key !== undefined,
		withoutLink: people - invited,
		lowRateUnits,
		daysLeft,
		counted: campaign.counted_at !== null
	};
	return {
		people,
		invited,
		submitted,
		rate: responseRate({ invited, submitted }),
		withoutLink: figures.withoutLink,
		lowRateUnits,
		daysLeft,
		closesOn: campaign.closes_on,
		steps: campaignNextSteps(figures)
	};
}

/** How many campaigns the home page shows as cards. */
const HOME_CARDS = 6;

/**
 * The home page's campaign cards. Managers: the rounds still being run (draft, open, closed), newest
 * first, each with its figures; analysts: the rounds whose results they may read.
 */
export async function loadHomeCampaigns(db: Db, viewer: Staff, now = nowSeconds()) {
	if (viewer.role === 'auditor') return [];
	const campaigns = await listCampaignsFor(db, viewer);
	const cards = [];
	for (const c of campaigns) {
		if (cards.length >= HOME_CARDS) break;
		const card = { id: c.id, title: c.title, year: c.year, state: c.state, closesOn: c.closes_on };
		if (viewer.role === 'analyst') {
			if ((await resultsAccess(db, viewer, c)).ok) cards.push({ ...card, status: null, results: true });
		} else if (c.state !== 'published') {
			cards.push({ ...card, status: await loadCampaignStatus(db, viewer, c, now), results: false });
		}
	}
	return cards;
}
