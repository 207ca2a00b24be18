// A bulk send's progress as JSON, for the progress bar (same access as the campaign's pages).
import { error, json } from '@sveltejs/kit';
import { batchProgress } from '$lib/server/delivery/queue';
import { campaignContext } from '../../../context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { db, campaign } = await campaignContext(event, { manage: true });
	const id = /^\d{1,9}$/.test(event.params.batch) ? Number(event.params.batch) : null;
	const batch =
		id === null
			? undefined
			: await db
					.selectFrom('delivery_batch')
					.select('id')
					.where('id', '=', id)
					.where('campaign_id', '=', campaign.id)
					.executeTakeFirst();
	if (!batch) error(404, { message: 'error.notFound' });
	return json(await batchProgress(db, batch.id), { headers: { 'cache-control': 'no-store' } });
};
