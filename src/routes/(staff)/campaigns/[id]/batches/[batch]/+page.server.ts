import { error } from '@sveltejs/kit';
import { batchProgress } from '$lib/server/delivery/queue';
import { campaignContext } from '../../context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, campaign } = await campaignContext(event, { manage: true });
	const id = /^\d{1,9}$/.test(event.params.batch) ? Number(event.params.batch) : null;
	const batch = id === null ? undefined : await db.selectFrom('delivery_batch').select(['id', 'kind', 'created_at']).where('id', '=', id).where('campaign_id', '=', campaign.id).executeTakeFirst();
	if (!batch) error(404, { message: 'error.notFound' });
	return { campaign: { id: campaign.id, title: campaign.title }, batch, progress: await batchProgress(db, batch.id) };
};
