// The respondent's page: verify with a one-time code, attest, then answer. The step follows from
// the session; the answers themselves never come here (they go to the ballot endpoint).
import { fail, redirect } from '@sveltejs/kit';
import { maskEmail, maskName, maskPhone } from '$lib/domain/mask';
import { getApp } from '$lib/server/app';
import { loadCellForm, type CellForm } from '$lib/server/ballot/cell-form';
import { requestMeta } from '$lib/server/http/request';
import { attest } from '$lib/server/respondent/attest';
import { respondentFromEvent } from '$lib/server/respondent/context';
import { deleteRespondentCookie, setRespondentCookie } from '$lib/server/respondent/cookies';
import { sendCode, verifyCode } from '$lib/server/respondent/otp';
import { senderFor } from '$lib/server/outreach/outbox';
import { deleteRespondentSession, isFreshlyVerified } from '$lib/server/respondent/sessions';
import { nowSeconds } from '$lib/server/time';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function liveCodeFor(invitationId: number): Promise<boolean> {
	const { db } = await getApp();
	const now = nowSeconds();
	const row = await db
		.selectFrom('otp_code')
		.select('id')
		.where('invitation_id', '=', invitationId)
		.where('used_at', 'is', null)
		.where('dead_at', 'is', null)
		.where('expires_at', '>', now)
		.executeTakeFirst();
	return row !== undefined;
}

/** What the browser seals the sheet to: the committee's public key, and the campaign for the associated data. */
const sealTarget = (form: CellForm) =>
	form.sealingKey ? { campaignId: form.campaignId, sealingKey: form.sealingKey } : null;

export const load: PageServerLoad = async (event) => {
	event.setHeaders({ 'cache-control': 'no-store' });
	const ctx = await respondentFromEvent(event);
	// One answer for every bad link (forged, revoked, re-issued): it must not reveal who exists.
	if (!ctx)
		return { step: event.url.searchParams.get('link') === 'invalid' ? ('badLink' as const) : ('none' as const) };
	const campaign = { slug: ctx.campaign.slug, title: ctx.campaign.title, closesOn: ctx.campaign.closesOn };
	const who = {
		name: maskName(ctx.person.fullName),
		contact: ctx.person.email ? maskEmail(ctx.person.email) : ctx.person.phone ? maskPhone(ctx.person.phone) : null,
		channel: ctx.person.email ? ('email' as const) : ctx.person.phone ? ('sms' as const) : null
	};
	const { db } = await getApp();
	const form = ctx.person.cellId === null ? null : await loadCellForm(db, ctx.person.cellId);
	// Per person, not per link: a re-issued link (a reminder, a letter) must find the same draft.
	const draftKey = `${ctx.campaign.slug}:p${ctx.person.id}`;
	if (ctx.invitation.credentialAt !== null) {
		// What the browser needs to finish a cast cut short after the credential (it holds the rest).
		const resume =
			form && ctx.campaign.state === 'open'
				? {
						cell: { id: form.cellId, publicKey: form.publicKey, fingerprint: form.fingerprint },
						target: sealTarget(form),
						questionnaire: form.questionnaire,
						ratedUnits: form.ratedUnits,
						draftKey
					}
				: null;
		return { step: 'submitted' as const, campaign, resume };
	}
	if (ctx.campaign.state !== 'open') return { step: 'closed' as const, campaign };
	if (!form) return { step: 'noCell' as const, campaign };
	// Cannot happen for an open round (opening requires the key), but nothing can be sealed without it.
	const target = sealTarget(form);
	if (!target) return { step: 'noSealingKey' as const, campaign };
	if (!isFreshlyVerified(ctx)) {
		return {
			step: 'verify' as const,
			campaign,
			who,
			codeSent: await liveCodeFor(ctx.invitation.id),
			reverify: ctx.verifiedAt !== null
		};
	}
	if (ctx.invitation.attestation === null)
		return { step: 'attest' as const, campaign, who, attestation: form.questionnaire.attestation };
	return {
		step: 'answer' as const,
		campaign,
		who,
		assisted: ctx.invitation.attestation === 'assisted',
		draftKey,
		cell: { id: form.cellId, publicKey: form.publicKey, fingerprint: form.fingerprint },
		target,
		questionnaire: form.questionnaire,
		ratedUnits: form.ratedUnits
	};
};

async function respondentOrExpired(event: RequestEvent) {
	const ctx = await respondentFromEvent(event);
	if (!ctx) return { ctx: null, failure: fail(401, { error: 'respondent.error.noSession' }) };
	return { ctx, failure: null };
}

export const actions: Actions = {
	send: async (event) => {
		const { ctx, failure } = await respondentOrExpired(event);
		if (!ctx) return failure;
		const app = await getApp();
		const result = await sendCode(app.db, { appKey: app.appKey, sender: senderFor(app) }, ctx, requestMeta(event));
		if (!result.ok) return fail(429, { error: result.error.key, params: result.error.params ?? {} });
		return { sent: result.channel };
	},
	verify: async (event) => {
		const { ctx, failure } = await respondentOrExpired(event);
		if (!ctx) return failure;
		const form = await event.request.formData();
		const code = String(form.get('code') ?? '').slice(0, 20);
		const app = await getApp();
		const result = await verifyCode(
			app.db,
			{ appKey: app.appKey, sender: senderFor(app) },
			ctx,
			code,
			requestMeta(event)
		);
		if (!result.ok) return fail(400, { error: result.error.key, params: result.error.params ?? {} });
		setRespondentCookie(event.cookies, event.url, result.token, result.expiresAt);
		redirect(303, '/s');
	},
	attest: async (event) => {
		const { ctx, failure } = await respondentOrExpired(event);
		if (!ctx) return failure;
		const form = await event.request.formData();
		const input = Object.fromEntries(
			['mode', 'helper', 'reason', 'confirm'].map((k) => [k, String(form.get(k) ?? '')])
		);
		const { db } = await getApp();
		const result = await attest(db, ctx, input, requestMeta(event));
		if (!result.ok)
			return fail(400, {
				attestErrors: result.errors,
				mode: input.mode,
				helper: input.helper.slice(0, 200),
				reason: input.reason.slice(0, 500)
			});
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
