// The campaign dashboard: participation figures for the viewer's unit subtree, drill-down along the
// unit tree, and the people who have not submitted yet. Works without JavaScript; with it, the
// page polls ./data for fresh figures.
import { loadMonitorNumbers } from '$lib/server/monitoring/monitoring';
import { listNonRespondents } from '$lib/server/monitoring/non-respondents';
import { monitorContext } from './context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, campaign, scope, sort, page } = await monitorContext(event);
	event.setHeaders({ 'cache-control': 'no-store' });
	const numbers = await loadMonitorNumbers(db, campaign, scope, sort);
	const people = await listNonRespondents(db, campaign.id, scope, page);
	return {
		campaign: { id: campaign.id, title: campaign.title, slug: campaign.slug, state: campaign.state },
		scoped: scope.viewerRootId !== null,
		numbers,
		people
	};
};
