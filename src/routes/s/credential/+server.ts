// The credential request (docs/integrity.md step 6): JSON only, with the respondent session cookie.
import { json } from '@sveltejs/kit';
import { message, type Message } from '$lib/domain/message';
import { translator } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { requestMeta } from '$lib/server/http/request';
import { respondentFromEvent } from '$lib/server/respondent/context';
import { issueCredential } from '$lib/server/respondent/credential';
import { fingerprintOf } from '$lib/server/respondent/fingerprint';
import { readJsonBody } from '$lib/server/http/json-body';
import type { RequestHandler } from './$types';

const NO_STORE = { 'cache-control': 'no-store' };

export const POST: RequestHandler = async (event) => {
	const t = translator(event.locals.locale);
	const refuse = (status: number, { key, params }: Message) =>
		json({ error: { key, message: t(key, params) } }, { status, headers: NO_STORE });
	const body = await readJsonBody(event.request, 8 * 1024);
	if (!body.ok) return refuse(body.status, message(body.key));
	const ctx = await respondentFromEvent(event);
	if (!ctx) return refuse(401, message('respondent.error.noSession'));
	const { db, appKey } = await getApp();
	const fields: Record<string, unknown> =
		typeof body.value === 'object' && body.value !== null ? (body.value as Record<string, unknown>) : {};
	// The browser's traits are kept only as a keyed hash (none when absent or oversized).
	const meta = { ...requestMeta(event), fingerprint: fingerprintOf(appKey, fields.traits) };
	const result = await issueCredential(db, appKey, ctx, fields.blindedMessage, meta);
	if (!result.ok) return refuse(result.error.status, result.error);
	return json({ blindSignature: result.blindSignature, cell: result.cellId }, { headers: NO_STORE });
};
