import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import { getApp } from '$lib/server/app';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	try {
		const { db } = await getApp();
		await sql`select 1`.execute(db);
		return json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
	} catch (e) {
		console.error('[par-survey] health check failed:', e);
		return json({ status: 'error' }, { status: 503, headers: { 'cache-control': 'no-store' } });
	}
};
