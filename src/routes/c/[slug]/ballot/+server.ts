// The ballot endpoint (docs/integrity.md step 7): no cookies, no session, no IP, nothing logged. It only
// knows a message m, a blind signature on m by one of the campaign's cell keys, and the sheet sealed
// to the counting committee's key (which it cannot read).
import { json } from '@sveltejs/kit';
import { message } from '$lib/domain/message';
import { getApp } from '$lib/server/app';
import { NO_STORE, refuseBallot } from '$lib/server/ballot/answer';
import { castBallot, SEALED_MAX_BYTES } from '$lib/server/ballot/cast';
import { readJsonBody } from '$lib/server/http/json-body';
import type { RequestHandler } from './$types';

// The largest sealed sheet in base64url (4/3 of its bytes) plus the envelope: m, the signature, the cell.
const BALLOT_MAX_BYTES = Math.ceil((SEALED_MAX_BYTES * 4) / 3) + 8 * 1024;

export const POST: RequestHandler = async ({ request, params }) => {
	const body = await readJsonBody(request, BALLOT_MAX_BYTES);
	if (!body.ok) return refuseBallot(body.status, [message(body.key)]);
	const { db } = await getApp();
	const result = await castBallot(db, params.slug, body.value);
	if (!result.ok) return refuseBallot(result.error.status, result.error.errors);
	return json({ receipt: result.receipt, revised: result.revised }, { headers: NO_STORE });
};
