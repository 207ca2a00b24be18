// The dashboard's figures as JSON, polled by the open page: the same session, the same access
// checks and the same numbers as the page, never names, never cached.
import { json } from '@sveltejs/kit';
import { loadMonitorNumbers } from '$lib/server/monitoring/monitoring';
import { monitorContext } from '../context';
import type { RequestHandler } from './$types';

const NO_STORE = { 'cache-control': 'no-store' };

export const GET: RequestHandler = async (event) => {
	// A poller whose session ended gets a clear 401 rather than the sign-in page's HTML.
	if (!event.locals.user) return json({ message: 'monitor.error.signedOut' }, { status: 401, headers: NO_STORE });
	// Only our own pages poll this; a cross-site request carries no reason to be answered.
	if (event.request.headers.get('sec-fetch-site') === 'cross-site')
		return json({ message: 'error.forbidden' }, { status: 403, headers: NO_STORE });
	const { db, campaign, scope, sort } = await monitorContext(event);
	const numbers = await loadMonitorNumbers(db, campaign, scope, sort);
	return json(numbers, { headers: NO_STORE });
};
