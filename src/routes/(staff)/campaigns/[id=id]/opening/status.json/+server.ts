// The opening's progress as JSON for the progress bar: a phase and counts, never anything of a sheet
// (same access as the page).
import { json } from '@sveltejs/kit';
import { openingStatus } from '$lib/server/sealing/opening';
import { openingContext } from '../context';
import { snapshotOf } from '../progress';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { db, campaign } = await openingContext(event);
	return json(snapshotOf(await openingStatus(db, campaign.id)), { headers: { 'cache-control': 'no-store' } });
};
