// A bulk send's progress as JSON, for the progress bar (same access as the campaign's pages).
import { error, json } from '@sveltejs/kit';
import { batchProgress } from '$lib/server/delivery/queue';
import { findCampaignBatch } from '$lib/server/outreach/batches';
import { campaignContext } from '../../../context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { db, campaign } = await campaignContext(event, { manage: true });
	const batch = await findCampaignBatch(db, campaign.id, Number(event.params.batch));
	if (!batch) error(404, { message: 'error.notFound' });
	return json(await batchProgress(db, batch.id), { headers: { 'cache-control': 'no-store' } });
};
