// The campaign's published cell keys, for the respondent's browser to check the key it was given.
import { error, json } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { loadPublicCampaign } from '$lib/server/ballot/public';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
	const { db } = await getApp();
	const data = await loadPublicCampaign(db, params.slug);
	if (!data) error(404, { message: 'error.notFound' });
	return json(
		{ campaign: data.campaign.slug, cells: data.cells.map((c) => ({ id: c.id, publicKey: c.publicKey, fingerprint: c.fingerprint })) },
		{ headers: { 'cache-control': 'no-cache' } }
	);
};
