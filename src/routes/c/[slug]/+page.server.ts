// The campaign's public page: dates, published keys with fingerprints, counts, and a receipt check.
import { error } from '@sveltejs/kit';
import { normalizeReceipt } from '$lib/domain/codes';
import { getApp } from '$lib/server/app';
import { receiptRecorded } from '$lib/server/ballot/cast';
import { loadPublicCampaign } from '$lib/server/ballot/public';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	const { db } = await getApp();
	const data = await loadPublicCampaign(db, params.slug);
	if (!data) error(404, { message: 'error.notFound' });
	setHeaders({ 'cache-control': 'no-store' });
	const input = url.searchParams.get('receipt');
	let check: { input: string; status: 'recorded' | 'unknown' | 'malformed' } | null = null;
	if (input !== null) {
		const receipt = normalizeReceipt(input.slice(0, 40));
		check = {
			input: input.slice(0, 40),
			status: receipt === null ? 'malformed' : (await receiptRecorded(db, data.campaign.id, receipt)) ? 'recorded' : 'unknown'
		};
	}
	return { ...data, check };
};
