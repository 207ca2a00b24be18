// The audit event for a refused cross-site request, rate-limited by `domain/cross-site-refusals.ts`.
// The tally lives in this process: a restart forgets it, which at worst writes one more event per host.
import type { RequestEvent } from '@sveltejs/kit';
import { createRefusalTally, noteRefusal, originOf } from '$lib/domain/cross-site-refusals';
import { appendAuditEvent } from '../audit';
import { getApp } from '../app';
import { nowSeconds } from '../time';
import { requestMeta } from './request';

const tally = createRefusalTally();

export async function auditCrossSiteRefusal(event: RequestEvent, now = nowSeconds()): Promise<void> {
	const origin = originOf(event.request.headers.get('origin'));
	const note = noteRefusal(tally, origin, now);
	if (!note.log) return;
	const { db } = await getApp();
	await appendAuditEvent(
		db,
		{
			actor: { type: 'anonymous' },
			action: 'security.cross_site_refused',
			meta: requestMeta(event),
			// The route id, never the path: respondent paths carry personal tokens.
			payload: {
				origin,
				method: event.request.method,
				route: event.route.id ?? null,
				suppressed: note.suppressed,
				suppressedOtherOrigins: note.suppressedOtherHosts
			}
		},
		now
	);
}
