import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { pingDatabase } from '$lib/server/admin/health';
import { logFailure } from '$lib/server/http/faults';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	try {
		const { db, engine } = await getApp();
		await pingDatabase(db);
		// The engine, for the operator behind a load balancer: which database this process answers from.
		return json({ status: 'ok', engine }, { headers: { 'cache-control': 'no-store' } });
	} catch (e) {
		logFailure('health check failed', e);
		return json({ status: 'error' }, { status: 503, headers: { 'cache-control': 'no-store' } });
	}
};
