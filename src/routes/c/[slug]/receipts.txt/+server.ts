// The counted receipts of an opened round as plain text, one per line, sorted: anyone can download the
// list and look for their own receipt offline. Streamed a page at a time from the database.
import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { listCountedReceipts, loadPublicCampaign } from '$lib/server/ballot/public';
import type { RequestHandler } from './$types';

const PAGE = 2000;

export const GET: RequestHandler = async ({ params }) => {
	const { db } = await getApp();
	const data = await loadPublicCampaign(db, params.slug);
	if (!data?.counted) error(404, { message: 'error.notFound' });
	const campaignId = data.campaign.id;
	const encoder = new TextEncoder();
	let after = '';
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			const page = await listCountedReceipts(db, campaignId, { after, limit: PAGE });
			if (page.length === 0) return controller.close();
			after = page[page.length - 1];
			controller.enqueue(encoder.encode(page.map((r) => `${r}\n`).join('')));
		}
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/plain; charset=utf-8',
			'content-disposition': `attachment; filename="${data.campaign.slug}-receipts.txt"`,
			'cache-control': 'no-store'
		}
	});
};
