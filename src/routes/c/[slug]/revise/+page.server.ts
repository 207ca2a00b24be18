import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { findPublicCampaign } from '$lib/server/ballot/public';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, setHeaders }) => {
	const { db } = await getApp();
	const found = await findPublicCampaign(db, params.slug);
	if (!found) error(404, { message: 'error.notFound' });
	setHeaders({ 'cache-control': 'no-store' });
	return { campaign: { slug: found.slug, title: found.title, state: found.state } };
};
