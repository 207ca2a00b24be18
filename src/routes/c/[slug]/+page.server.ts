// The campaign's public page: dates, published keys with fingerprints, the sealing key's fingerprint,
// counts, a receipt check and, after the opening, the sorted list of counted receipts (GET pages).
// The check is a POST: a receipt someone checks in a URL would end up in proxy logs beside an IP and a
// time. The list pages are GETs: every receipt on them is public anyway.
import { error, fail } from '@sveltejs/kit';
import { normalizeReceipt } from '$lib/domain/codes';
import { getApp } from '$lib/server/app';
import { receiptRecorded } from '$lib/server/ballot/cast';
import { listCountedReceipts, loadPublicCampaign } from '$lib/server/ballot/public';
import type { Actions, PageServerLoad } from './$types';

const RECEIPTS_PER_PAGE = 500;

export const load: PageServerLoad = async ({ params, setHeaders, url }) => {
	const { db } = await getApp();
	const data = await loadPublicCampaign(db, params.slug);
	if (!data) error(404, { message: 'error.notFound' });
	setHeaders({ 'cache-control': 'no-store' });
	if (!data.counted) return { ...data, receipts: null };
	const after = normalizeReceipt(url.searchParams.get('after') ?? '') ?? '';
	// One more than a page says whether there is a next one.
	const page = await listCountedReceipts(db, data.campaign.id, { after, limit: RECEIPTS_PER_PAGE + 1 });
	const list = page.slice(0, RECEIPTS_PER_PAGE);
	return {
		...data,
		receipts: {
			after,
			list,
			next: page.length > RECEIPTS_PER_PAGE ? list[list.length - 1] : null,
			perPage: RECEIPTS_PER_PAGE
		}
	};
};

export const actions: Actions = {
	check: async ({ params, request }) => {
		const { db } = await getApp();
		const data = await loadPublicCampaign(db, params.slug);
		if (!data) error(404, { message: 'error.notFound' });
		const input = String((await request.formData()).get('receipt') ?? '').slice(0, 40);
		const receipt = normalizeReceipt(input);
		if (receipt === null) return fail(400, { check: { input, status: 'malformed' as const } });
		if (!(await receiptRecorded(db, data.campaign.id, receipt)))
			return { check: { input: receipt, status: 'unknown' as const } };
		// Before the opening a found receipt is a sealed sheet (recorded); after it, a counted one.
		return {
			check: {
				input: receipt,
				status: data.campaign.counted_at === null ? ('recorded' as const) : ('counted' as const)
			}
		};
	}
};
