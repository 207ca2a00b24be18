// The ballot endpoint (integrity.md step 7): no cookies, no session, no IP, nothing logged. It only
// knows a message m, a blind signature on m by one of the campaign's cell keys, and the answers.
import { json } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { castBallot } from '$lib/server/ballot/cast';
import { readJsonBody } from '$lib/server/json-body';
import type { RequestHandler } from './$types';

const BALLOT_MAX_BYTES = 256 * 1024;

export const POST: RequestHandler = async ({ request, params }) => {
	// Vietnamese always: a cookie-less request carries no language choice.
	const t = translator('vi');
	const headers = { 'cache-control': 'no-store' };
	const body = await readJsonBody(request, BALLOT_MAX_BYTES);
	if (!body.ok) return json({ errors: [{ key: body.key, message: t(body.key) }] }, { status: body.status, headers });
	const { db } = await getApp();
	const result = await castBallot(db, params.slug, body.value);
	if (!result.ok) {
		const errors = result.error.errors.map((e) => ({ ...e, message: t(e.key, e.params) }));
		return json({ errors }, { status: result.error.status, headers });
	}
	return json({ receipt: result.receipt, revised: result.revised }, { headers });
};
