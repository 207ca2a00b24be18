// For a revision: given m (from the respondent's revision code), the questionnaire and the key to seal
// the new sheet to; never the sheet held so far (nobody can read it). Cookie-less like the ballot endpoint.
import { json } from '@sveltejs/kit';
import { message } from '$lib/domain/message';
import { getApp } from '$lib/server/app';
import { NO_STORE, refuseBallot } from '$lib/server/ballot/answer';
import { openBallot } from '$lib/server/ballot/cast';
import { readJsonBody } from '$lib/server/http/json-body';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, params }) => {
	const body = await readJsonBody(request, 4 * 1024);
	if (!body.ok) return refuseBallot(body.status, [message(body.key)]);
	const { db } = await getApp();
	const result = await openBallot(db, params.slug, body.value);
	if (!result.ok) return refuseBallot(result.error.status, result.error.errors);
	return json(result, { headers: NO_STORE });
};
