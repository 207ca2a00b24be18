// For a revision: given m (from the respondent's revision code), the questionnaire and the key to seal
// the new sheet to; never the sheet held so far (nobody can read it). Cookie-less like the ballot endpoint.
import { json } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { openBallot } from '$lib/server/ballot/cast';
import { readJsonBody } from '$lib/server/http/json-body';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, params }) => {
	const t = translator('vi');
	const headers = { 'cache-control': 'no-store' };
	const body = await readJsonBody(request, 4 * 1024);
	if (!body.ok) return json({ errors: [{ key: body.key, message: t(body.key) }] }, { status: body.status, headers });
	const { db } = await getApp();
	const result = await openBallot(db, params.slug, body.value);
	if (!result.ok)
		return json(
			{ errors: result.error.errors.map((e) => ({ ...e, message: t(e.key, e.params) })) },
			{ status: result.error.status, headers }
		);
	return json(result, { headers });
};
