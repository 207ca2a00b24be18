// The respondent's page: verify with a one-time code, attest, then answer. The step follows from
// the session; the answers themselves never come here (they go to the ballot endpoint).
import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { message } from '$lib/domain/message';
import { retryClock } from '$lib/domain/throttle';
import { getApp } from '$lib/server/app';
import { readFields, readForm, refuseForm } from '$lib/server/http/form';
import { requestMeta } from '$lib/server/http/request';
import { attest } from '$lib/server/respondent/attest';
import { respondentFromEvent } from '$lib/server/respondent/context';
import { deleteRespondentCookie, setRespondentCookie } from '$lib/server/respondent/cookies';
import { fingerprintOf } from '$lib/server/respondent/fingerprint';
import { sendCode, verifyCode } from '$lib/server/respondent/otp';
import { deleteRespondentSession } from '$lib/server/respondent/sessions';
import { explainDeadLinkPage } from '$lib/server/respondent/dead-link';
import { readDeadLink } from '$lib/domain/dead-link';
import { nowSeconds } from '$lib/server/time';
import { loadRespondentStep } from '$lib/server/respondent/step';
import { senderFor } from '$lib/server/outreach/outbox';
import { STEP_DEPENDENCY } from '$lib/respondent/step';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// The browser's traits, filled in by the page's script (absent without JavaScript): only their keyed
// hash is kept (fingerprintOf refuses oversized ones).
const traitsForm = z.object({ traits: z.string().catch('') });
// The code is checked by `verifyCode`; the schema only bounds what it is handed.
const codeForm = traitsForm.extend({
	code: z
		.string()
		.catch('')
		.transform((code) => code.slice(0, 20))
});

/** The request's metadata with the browser fingerprint (none when the page ran without JavaScript). */
async function metaWithFingerprint(event: RequestEvent, traits: string | undefined) {
	const { appKey } = await getApp();
	return { ...requestMeta(event), fingerprint: fingerprintOf(appKey, traits) };
}

export const load: PageServerLoad = async (event) => {
	event.setHeaders({ 'cache-control': 'no-store' });
	event.depends(STEP_DEPENDENCY);
	const ctx = await respondentFromEvent(event);
	if (!ctx) {
		const link = event.url.searchParams.get('link');
		const until = Number(event.url.searchParams.get('until'));
		// Only a moment within the next day is shown: the query is not a place to write text on our page.
		if (link === 'busy' && Number.isInteger(until) && Math.abs(until - Date.now() / 1000) < 86_400)
			return { step: 'linkBusy' as const, time: retryClock(until) };
		// A dead link says why (revoked, replaced, answered, not found) and who to call; never whose it was.
		const dead = readDeadLink(event.url.searchParams, nowSeconds());
		if (!dead) return { step: 'none' as const };
		const { db } = await getApp();
		return { step: 'badLink' as const, ...(await explainDeadLinkPage(db, dead)) };
	}
	const { db } = await getApp();
	return loadRespondentStep(db, ctx);
};

/** The live session, or the one failure every action answers without it. */
async function respondentOrExpired(event: RequestEvent, action: string) {
	const ctx = await respondentFromEvent(event);
	if (!ctx) return { ctx: null, failure: refuseForm(action, message('respondent.error.noSession'), {}, 401) };
	return { ctx, failure: null };
}

export const actions: Actions = {
	send: async (event) => {
		const { ctx, failure } = await respondentOrExpired(event, 'send');
		if (!ctx) return failure;
		const form = await readForm(event, traitsForm);
		const meta = await metaWithFingerprint(event, form.ok ? form.value.traits : undefined);
		const app = await getApp();
		const result = await sendCode(app.db, { appKey: app.appKey, sender: senderFor(app) }, ctx, meta);
		// The service-wide ceiling is the server being busy (503), the others are this client's limits (429).
		if (!result.ok)
			return refuseForm('send', result.error, {}, result.error.key === 'respondent.error.serviceBusy' ? 503 : 429);
		return { sent: result.channel };
	},
	verify: async (event) => {
		const { ctx, failure } = await respondentOrExpired(event, 'verify');
		if (!ctx) return failure;
		const form = await readForm(event, codeForm);
		const code = form.ok ? form.value.code : '';
		const meta = await metaWithFingerprint(event, form.ok ? form.value.traits : undefined);
		const app = await getApp();
		const deps = { appKey: app.appKey, sender: senderFor(app) };
		const result = await verifyCode(app.db, deps, ctx, code, meta);
		if (!result.ok) return refuseForm('verify', result.error);
		setRespondentCookie(event.cookies, event.url, result.token, result.expiresAt);
		redirect(303, '/s');
	},
	attest: async (event) => {
		const { ctx, failure } = await respondentOrExpired(event, 'attest');
		if (!ctx) return failure;
		const fields = await readFields(event);
		const { db } = await getApp();
		const result = await attest(db, ctx, fields, requestMeta(event));
		if (!result.ok) return refuseForm('attest', result.errors, fields);
		redirect(303, '/s');
	},
	leave: async (event) => {
		const ctx = await respondentFromEvent(event);
		if (ctx) {
			const { db } = await getApp();
			await deleteRespondentSession(db, ctx.sessionId);
		}
		deleteRespondentCookie(event.cookies, event.url);
		redirect(303, '/s');
	}
};
