// The campaign's public page: dates, published keys with fingerprints, counts, and a receipt check.
// The check is a POST: a receipt in a URL would end up in proxy logs beside an IP and a time.
import { error, fail } from '@sveltejs/kit';
import { normalizeReceipt } from '$lib/domain/codes';
import { getApp } from '$lib/server/app';
import { receiptRecorded } from '$lib/server/ballot/cast';
import { loadPublicCampaign } from '$lib/server/ballot/public';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, setHeaders }) => {
	const { db } = await getApp();
	const data = await loadPublicCampaign(db, params.slug);
	if (!data) error(404, { message: 'error.notFound' });
	setHeaders({ 'cache-control': 'no-store' });
	return data;
};

export const actions: Actions = {
	check: async ({ params, request }) => {
		const { db } = await getApp();
		const data = await loadPublicCampaign(db, params.slug);
		if (!data) error(404, { message: 'error.notFound' });
		const input = String((await request.formData()).get('receipt') ?? '').slice(0, 40);
		const receipt = normalizeReceipt(input);
		if (receipt === null) return fail(400, { check: { input, status: 'malformed' as const } });
		return { check: { input: receipt, status: (await receiptRecorded(db, data.campaign.id, receipt)) ? ('recorded' as const) : ('unknown' as const) } };
	}
};
