// The results page: everything comes from the one disclosure gate (resultsContext → publishedResults);
// the response rates beside it are counts of people from the monitoring side. `?view=tables` shows
// the tables without charts, `?field=<code>` picks the field whose sub-criteria are drawn: plain
// links, so the page works without JavaScript.
import { listSurveySubCriteria } from '$lib/domain/framework';
import { frameworkTitles } from '$lib/components/results/format';
import { loadParticipation } from '$lib/server/results/participation';
import { resultsContext } from './context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, user, campaign, unitCode, groupCode, results } = await resultsContext(event);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const { view, framework, comparisons } = results;
	const field = event.url.searchParams.get('field');
	const fieldCodes = view.total.shown ? view.total.score.fields.map((f) => f.code) : [];
	return {
		campaign: { id: campaign.id, title: campaign.title, year: campaign.year, state: campaign.state },
		params: { unit: unitCode, group: groupCode },
		mode: event.url.searchParams.get('view') === 'tables' ? ('tables' as const) : ('charts' as const),
		field: field !== null && fieldCodes.includes(field) ? field : (fieldCodes[0] ?? null),
		view,
		titles: frameworkTitles(framework, event.locals.locale),
		// The fields scored by the survey, also when the total is hidden and has no score to read them from.
		fieldCodes: [...new Set(listSurveySubCriteria(framework).map((s) => s.fieldCode))],
		comparisons,
		participation: await loadParticipation(db, user, campaign.id, view)
	};
};
