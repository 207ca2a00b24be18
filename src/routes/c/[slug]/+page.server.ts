// The campaign's public page: dates, published keys with fingerprints, the sealing key's fingerprint,
// counts, a receipt check, the audit log's newest signed anchor and, after the opening, the sorted
// list of counted receipts (GET pages).
// The check is a POST: a receipt someone checks in a URL would end up in proxy logs beside an IP and a
// time. The list pages are GETs: every receipt on them is public anyway.
import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { normalizeReceipt } from '$lib/domain/codes';
import { getApp } from '$lib/server/app';
import { loadLatestAnchor } from '$lib/server/audit-checkpoint';
import { checkReceipt, loadPublicCampaign, loadReceiptPage } from '$lib/server/ballot/public';
import { readForm } from '$lib/server/http/form';
import type { Actions, PageServerLoad } from './$types';

// Whatever was typed is answered (as malformed if need be), so the schema only bounds it.
const receiptForm = z.object({
	receipt: z
		.string()
		.catch('')
		.transform((text) => text.slice(0, 40))
});

export const load: PageServerLoad = async ({ params, setHeaders, url }) => {
	const { db } = await getApp();
	const data = await loadPublicCampaign(db, params.slug);
	if (!data) error(404, { message: 'error.notFound' });
	setHeaders({ 'cache-control': 'no-store' });
	// The newest signed anchor of the audit log: copied or printed, it later shows a log cut short.
	const anchor = await loadLatestAnchor(db);
	if (!data.counted) return { ...data, anchor, receipts: null };
	const after = normalizeReceipt(url.searchParams.get('after') ?? '') ?? '';
	return { ...data, anchor, receipts: await loadReceiptPage(db, data.campaign.id, after) };
};

export const actions: Actions = {
	check: async (event) => {
		const { db } = await getApp();
		const data = await loadPublicCampaign(db, event.params.slug);
		if (!data) error(404, { message: 'error.notFound' });
		const form = await readForm(event, receiptForm);
		const input = form.ok ? form.value.receipt : '';
		const receipt = normalizeReceipt(input);
		// The answer is the check's status, shown like the others (not a field error): the page reads `check`.
		if (receipt === null) return fail(400, { check: { input, status: 'malformed' as const } });
		return { check: { input: receipt, status: await checkReceipt(db, data.campaign, receipt) } };
	}
};
