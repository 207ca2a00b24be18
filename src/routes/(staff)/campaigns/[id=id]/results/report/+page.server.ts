// The printable report: the same published figures as the results page, laid out for A4, with the
// method, the audit log's chain head (printResultsReport logs the opening, then reads the chain) and
// its newest signed anchor.
import { loadLatestAnchor } from '$lib/server/audit-checkpoint';
import { printResultsReport } from '$lib/server/results/download';
import { nowSeconds } from '$lib/server/time';
import { loadResultsPage } from '../page-data';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { ctx, data } = await loadResultsPage(event);
	const chain = await printResultsReport(ctx);
	// The newest signed anchor, printed so the log can later be checked against paper (issue 14).
	const anchor = await loadLatestAnchor(ctx.db);
	return { ...data, preparedBy: ctx.user.displayName, preparedAt: nowSeconds(), chain, anchor };
};
