// The operator's recount (`npm run cli -- results:check`): an opened campaign's tallies recomputed from
// its opened sheets and compared with the stored ones. Every recount is audited, whatever it finds.
import { ok, refuse, type Result } from '$lib/domain/message';
import { appendAuditEvent, type Actor, type RequestMeta } from '../audit';
import type { Db } from '../db/open';
import { checkTallies, type TallyCheck } from './recompute';

/** No campaign has the slug, or its sheets are still sealed (nothing readable to recount before the opening). */
export type RecountRefusal = 'notFound' | 'notOpened';

export async function recountCampaignTallies(
	db: Db,
	slug: string,
	actor: Actor,
	meta: RequestMeta
): Promise<Result<TallyCheck, RecountRefusal>> {
	const campaign = await db.selectFrom('campaign').selectAll().where('slug', '=', slug).executeTakeFirst();
	if (!campaign) return refuse('notFound');
	if (campaign.counted_at === null) return refuse('notOpened');
	const report = await checkTallies(db, campaign);
	await appendAuditEvent(db, {
		actor,
		action: 'results.tallies_checked',
		subject: { type: 'campaign', id: String(campaign.id) },
		meta,
		payload: { ok: report.ok, sheets: report.sheets, differences: report.differences.length }
	});
	return ok(report);
}
