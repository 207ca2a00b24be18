import { error } from '@sveltejs/kit';
import { batchProgress, listDeliveries } from '$lib/server/delivery/queue';
import { campaignContext } from '../../context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, campaign } = await campaignContext(event, { manage: true });
	const id = /^\d{1,9}$/.test(event.params.batch) ? Number(event.params.batch) : null;
	const batch =
		id === null
			? undefined
			: await db
					.selectFrom('delivery_batch')
					.select(['id', 'kind', 'created_at'])
					.where('id', '=', id)
					.where('campaign_id', '=', campaign.id)
					.executeTakeFirst();
	if (!batch) error(404, { message: 'error.notFound' });
	// Per recipient: who is still waiting and why a message failed (never the body).
	const status = event.url.searchParams.get('status');
	const filter = status === 'failed' || status === 'queued' || status === 'sent' ? status : undefined;
	const log = await listDeliveries(db, { campaignId: campaign.id, batchId: batch.id, status: filter, limit: 500 });
	return {
		campaign: { id: campaign.id, title: campaign.title },
		batch,
		progress: await batchProgress(db, batch.id),
		log,
		filter: filter ?? ''
	};
};
