// An admin or auditor marks a proxy-completion flag reviewed, with a reason; each review is a row (the
// history stays) and an audit event, in one transaction. Reads the participation side only, like the flags.
import { computeProxyFlags, type ProxyFlagOptions } from '$lib/domain/proxy-flags';
import { canReviewFlags, flagIdentity, flagReviewSchema } from '$lib/domain/flag-review';
import { message, type FieldErrors } from '$lib/domain/message';
import { parseForm } from '$lib/domain/form';
import type { Staff } from '../auth/staff';
import { appendAuditEvent, staffActor, type RequestMeta } from '../audit';
import type { Db } from '../db/open';
import { nowSeconds } from '../time';
import { loadProxyFlagInput } from './proxy-flags';

type Refused = { ok: false; errors: FieldErrors };

export async function reviewFlag(
	db: Db,
	campaignId: number,
	flagKey: string,
	reason: string,
	staff: Staff,
	meta: RequestMeta,
	options: Partial<ProxyFlagOptions> = {},
	now = nowSeconds()
): Promise<{ ok: true; id: number } | Refused> {
	if (!canReviewFlags(staff.role)) return { ok: false, errors: { form: message('flags.review.error.role') } };
	const form = parseForm(flagReviewSchema, { flagKey, reason });
	if (!form.ok) return { ok: false, errors: form.errors };
	return db.transaction().execute(async (trx) => {
		// Recomputed inside the write: a flag that vanished since the page was drawn is not reviewed.
		const flags = computeProxyFlags(await loadProxyFlagInput(trx, campaignId), options);
		const flag = flags.find((f) => flagIdentity(f) === form.value.flagKey);
		if (!flag) return { ok: false, errors: { form: message('flags.review.error.unknown') } } satisfies Refused;
		const row = await trx
			.insertInto('flag_review')
			.values({
				campaign_id: campaignId,
				flag_key: form.value.flagKey,
				reviewed_by: staff.id,
				reason: form.value.reason,
				at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await appendAuditEvent(
			trx,
			{
				actor: staffActor(staff),
				action: 'flag.reviewed',
				subject: { type: 'campaign', id: campaignId },
				meta,
				payload: { kind: flag.kind, flagKey: form.value.flagKey, reason: form.value.reason }
			},
			now
		);
		return { ok: true, id: row.id } as const;
	});
}
