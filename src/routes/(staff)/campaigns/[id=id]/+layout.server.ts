// The campaign's navigation: its title, state and the tabs this viewer may open. It never refuses:
// every page checks access itself (and audits a refusal); a viewer with no tab sees no campaign here.
import { areasForRole } from '$lib/domain/roles';
import { getApp } from '$lib/server/app';
import { getCampaign } from '$lib/server/campaigns/campaigns';
import { loadCampaignTabs } from '$lib/server/campaigns/status';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, params }) => {
	if (!locals.user || locals.secondFactor !== 'none') return { campaignNav: null };
	const { db } = await getApp();
	const campaign = await getCampaign(db, Number(params.id));
	if (!campaign) return { campaignNav: null };
	const tabs = await loadCampaignTabs(db, locals.user, campaign);
	if (tabs.length === 0) return { campaignNav: null };
	// Auditors reach a round's flags from the audit pages: the campaigns list is not theirs.
	const list = areasForRole(locals.user.role).includes('campaigns');
	return { campaignNav: { id: campaign.id, title: campaign.title, state: campaign.state, tabs, list } };
};
