// One bulk send: its progress and, per recipient, who is still waiting and why a message failed.
import { error } from '@sveltejs/kit';
import { batchProgress, listDeliveries } from '$lib/server/delivery/queue';
import { findCampaignBatch } from '$lib/server/outreach/batches';
import { campaignContext } from '../../context';
import type { PageServerLoad } from './$types';

const STATUSES = ['failed', 'queued', 'sent'] as const;
type Shown = (typeof STATUSES)[number];
const isShown = (s: string | null): s is Shown => STATUSES.includes(s as Shown);

export const load: PageServerLoad = async (event) => {
	const { db, campaign } = await campaignContext(event, { manage: true });
	const batch = await findCampaignBatch(db, campaign.id, Number(event.params.batch));
	if (!batch) error(404, { message: 'error.notFound' });
	// Never the message body: it holds a link or a code.
	const status = event.url.searchParams.get('status');
	const filter = isShown(status) ? status : undefined;
	const log = await listDeliveries(db, { campaignId: campaign.id, batchId: batch.id, status: filter, limit: 500 });
	return {
		campaign: { id: campaign.id, title: campaign.title },
		batch,
		progress: await batchProgress(db, batch.id),
		log,
		filter: filter ?? ''
	};
};
