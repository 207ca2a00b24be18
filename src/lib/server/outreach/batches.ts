// Bulk sends (invitations, reminders) as the organiser sees them: one batch of the campaign, its progress.
import type { Db } from '../db/open';

export interface CampaignBatch {
	id: number;
	kind: 'invitation' | 'reminder';
	createdAt: number;
}

/** The batch if it belongs to this campaign (an id from another campaign is simply not found). */
export async function findCampaignBatch(db: Db, campaignId: number, batchId: number): Promise<CampaignBatch | null> {
	const row = await db
		.selectFrom('delivery_batch')
		.select(['id', 'kind', 'created_at'])
		.where('id', '=', batchId)
		.where('campaign_id', '=', campaignId)
		.executeTakeFirst();
	return row ? { id: row.id, kind: row.kind, createdAt: row.created_at } : null;
}
