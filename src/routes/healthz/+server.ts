import { json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { pingDatabase } from '$lib/server/admin/health';
import { logFailure } from '$lib/server/http/faults';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	try {
		const { db } = await getApp();
		await pingDatabase(db);
		return json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
	} catch (e) {
		logFailure('health check failed', e);
		return json({ status: 'error' }, { status: 503, headers: { 'cache-control': 'no-store' } });
	}
};
