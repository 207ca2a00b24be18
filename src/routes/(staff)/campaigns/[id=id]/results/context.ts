// Shared by the results page, its report, exports and JSON: the campaign (campaignContext), the
// viewer's right to its results (an audited 403 otherwise), then the published figures for
// `?unit=<code>&group=<code>` — always through publishedResults, the one disclosure gate.
import { error, isHttpError, type RequestEvent } from '@sveltejs/kit';
import type { MessageKey } from '$lib/domain/message';
import { denyAccess } from '$lib/server/auth/guard';
import { resultsAccess } from '$lib/server/results/access';
import { publishedResults } from '$lib/server/results/published';
import { campaignContext } from '../context';

const CODE = /^[A-Za-z0-9._-]{1,64}$/;

function codeParam(raw: string | null): string | null | undefined {
	const text = (raw ?? '').trim();
	if (text === '') return null;
	return CODE.test(text) ? text : undefined;
}

export async function resultsContext(event: RequestEvent) {
	const ctx = await campaignContext(event, { manage: false });
	const access = await resultsAccess(ctx.db, ctx.user, ctx.campaign);
	if (!access.ok) {
		if (access.reason === 'draft') error(404, { message: 'results.error.draft' });
		// Logged like any refusal, but the page says why (an open round: results come after the close and the opening).
		const message: MessageKey = `results.error.${access.reason}`;
		await denyAccess(event, ctx.user, `results.${access.reason}`).catch((e: unknown) => {
			if (isHttpError(e, 403)) error(403, { message });
			throw e;
		});
	}
	const unitCode = codeParam(event.url.searchParams.get('unit'));
	const groupCode = codeParam(event.url.searchParams.get('group'));
	if (unitCode === undefined) error(404, { message: 'results.error.unitUnknown' });
	if (groupCode === undefined) error(404, { message: 'results.error.groupUnknown' });
	const results = await publishedResults(ctx.db, ctx.user, ctx.campaign, { unitCode, groupCode }, access);
	if (!results.ok) {
		if (results.error === 'unitOutside') await denyAccess(event, ctx.user, 'results.unit_scope');
		const message: MessageKey = `results.error.${results.error}`;
		error(404, { message });
	}
	return { ...ctx, unitCode, groupCode, results };
}
