// The printable report: the same published figures as the results page, laid out for A4, with the
// method and the audit log's chain head. Opening it is logged ('results.printed') before the chain
// is verified, so the head hash printed is the one that includes this very opening.
import { listSurveySubCriteria } from '$lib/domain/framework';
import { frameworkTitles } from '$lib/components/results/format';
import { loadParticipation } from '$lib/server/results/participation';
import { appendAuditEvent, staffActor, verifyAuditChain } from '$lib/server/audit';
import { nowSeconds } from '$lib/server/time';
import { resultsContext } from '../context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, user, campaign, meta, unitCode, groupCode, results } = await resultsContext(event);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const { view, framework, comparisons } = results;
	await appendAuditEvent(db, { actor: staffActor(user), action: 'results.printed', subject: { type: 'campaign', id: campaign.id }, meta, payload: { unit: unitCode, group: groupCode } });
	const chain = await verifyAuditChain(db);
	return {
		campaign: { id: campaign.id, title: campaign.title, year: campaign.year, state: campaign.state },
		params: { unit: unitCode, group: groupCode },
		view,
		titles: frameworkTitles(framework, event.locals.locale),
		fieldCodes: [...new Set(listSurveySubCriteria(framework).map((s) => s.fieldCode))],
		comparisons,
		participation: await loadParticipation(db, user, campaign.id, view),
		preparedBy: user.displayName,
		preparedAt: nowSeconds(),
		chain: chain.ok ? { ok: true as const, count: chain.count, headHash: chain.headHash } : { ok: false as const, count: chain.count, brokenSeq: chain.brokenSeq }
	};
};
