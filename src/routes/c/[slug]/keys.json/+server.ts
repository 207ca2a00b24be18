// The campaign's published cell keys and sealing key, for the respondent's browser to check the keys it was given.
import { error, json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { loadCampaignKeys } from '$lib/server/ballot/public';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
	const { db } = await getApp();
	const data = await loadCampaignKeys(db, params.slug);
	if (!data) error(404, { message: 'error.notFound' });
	return json(
		{
			campaign: data.campaign.slug,
			campaignId: data.campaign.id,
			sealing: data.sealing ? { publicKey: data.sealing.publicKey, fingerprint: data.sealing.fingerprint } : null,
			cells: data.cells.map((c) => ({ id: c.id, publicKey: c.publicKey, fingerprint: c.fingerprint }))
		},
		{ headers: { 'cache-control': 'no-cache' } }
	);
};
