// What the results page and its printable report both show: the published figures (through
// resultsContext, the one disclosure gate), the framework's titles and the response rates beside them.
import type { RequestEvent } from '@sveltejs/kit';
import { listSurveySubCriteria } from '$lib/domain/framework';
import { frameworkTitles } from '$lib/domain/results-titles';
import { loadParticipation } from '$lib/server/results/participation';
import { resultsContext } from './context';

export async function loadResultsPage(event: RequestEvent) {
	const ctx = await resultsContext(event);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const { campaign, unitCode, groupCode, results } = ctx;
	const { view, framework, comparisons } = results;
	return {
		ctx,
		data: {
			campaign: { id: campaign.id, title: campaign.title, year: campaign.year, state: campaign.state },
			params: { unit: unitCode, group: groupCode },
			view,
			titles: frameworkTitles(framework, event.locals.locale),
			// The fields scored by the survey, also when the total is hidden and has no score to read them from.
			fieldCodes: [...new Set(listSurveySubCriteria(framework).map((s) => s.fieldCode))],
			comparisons,
			participation: await loadParticipation(ctx.db, ctx.user, campaign.id, view)
		}
	};
}
