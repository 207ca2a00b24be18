// The published results as JSON for the results page's charts: the same session, the same gate
// (resultsContext) and the same figures as the page — hidden ones without a number — never cached.
import { json } from '@sveltejs/kit';
import { DEFAULT_DECIMALS } from '$lib/domain/scoring';
import { resultsContext } from '../context';
import type { RequestHandler } from './$types';

const NO_STORE = { 'cache-control': 'no-store' };

export const GET: RequestHandler = async (event) => {
	// A script whose session ended gets a clear 401 rather than the sign-in page's HTML.
	if (!event.locals.user) return json({ message: 'resultsExport.error.signedOut' }, { status: 401, headers: NO_STORE });
	// Only our own pages fetch this; a cross-site request carries no reason to be answered.
	if (event.request.headers.get('sec-fetch-site') === 'cross-site')
		return json({ message: 'error.forbidden' }, { status: 403, headers: NO_STORE });
	const { results } = await resultsContext(event);
	const { view, framework, comparisons } = results;
	return json({ view, framework, comparisons, decimals: DEFAULT_DECIMALS }, { headers: NO_STORE });
};
