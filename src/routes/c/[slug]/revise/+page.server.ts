import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, setHeaders }) => {
	const { db } = await getApp();
	const campaign = await db.selectFrom('campaign').select(['slug', 'title', 'state']).where('slug', '=', params.slug).executeTakeFirst();
	if (!campaign || campaign.state === 'draft') error(404, { message: 'error.notFound' });
	setHeaders({ 'cache-control': 'no-store' });
	return { campaign };
};
