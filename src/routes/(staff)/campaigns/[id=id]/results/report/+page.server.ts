// The printable report: the same published figures as the results page, laid out for A4, with the
// method and the audit log's chain head. Opening it is logged ('results.printed') before the chain
// is verified, so the head hash printed is the one that includes this very opening.
import { appendAuditEvent, staffActor, verifyAuditChain } from '$lib/server/audit';
import { nowSeconds } from '$lib/server/time';
import { loadResultsPage } from '../page-data';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { ctx, data } = await loadResultsPage(event);
	const { db, user, campaign, meta, unitCode, groupCode } = ctx;
	await appendAuditEvent(db, {
		actor: staffActor(user),
		action: 'results.printed',
		subject: { type: 'campaign', id: campaign.id },
		meta,
		payload: { unit: unitCode, group: groupCode }
	});
	// O(events), on every opening: the printed claim "the chain is intact" needs the whole chain read.
	const chain = await verifyAuditChain(db);
	return {
		...data,
		preparedBy: user.displayName,
		preparedAt: nowSeconds(),
		chain: chain.ok
			? { ok: true as const, count: chain.count, headHash: chain.headHash }
			: { ok: false as const, count: chain.count, brokenSeq: chain.brokenSeq }
	};
};
