// The results page: everything comes from the one disclosure gate (resultsContext → publishedResults);
// the response rates beside it are counts of people from the monitoring side. `?view=tables` shows
// the tables without charts, `?field=<code>` picks the field whose sub-criteria are drawn: plain
// links, so the page works without JavaScript.
import { loadResultsPage } from './page-data';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { data } = await loadResultsPage(event);
	const field = event.url.searchParams.get('field');
	const scored = data.view.total.shown ? data.view.total.score.fields.map((f) => f.code) : [];
	return {
		...data,
		mode: event.url.searchParams.get('view') === 'tables' ? ('tables' as const) : ('charts' as const),
		field: field !== null && scored.includes(field) ? field : (scored[0] ?? null)
	};
};
