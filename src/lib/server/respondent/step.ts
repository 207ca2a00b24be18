// Where a respondent stands, from their session: verify with a code, attest, answer, or one of the pages
// that explain why not. Only what the page shows leaves here: names and contacts masked, no answers.
import { maskEmail, maskName, maskPhone } from '$lib/domain/mask';
import { countAnswers, estimateMinutes } from '$lib/domain/respondent-intro';
import { dayMonthYearText } from '$lib/domain/vietnam-time';
import { loadCellForm, type CellForm } from '../ballot/cell-form';
import type { Db } from '../db/open';
import { nowSeconds } from '../time';
import { hasLiveCode } from './otp';
import { isFreshlyVerified, type RespondentContext } from './sessions';

/** What the browser seals the sheet to: the committee's public key, and the campaign for the associated data. */
const sealTarget = (form: CellForm) =>
	form.sealingKey ? { campaignId: form.campaignId, sealingKey: form.sealingKey } : null;

const cellOf = (form: CellForm) => ({ id: form.cellId, publicKey: form.publicKey, fingerprint: form.fingerprint });

function whoIs(person: RespondentContext['person']) {
	return {
		name: maskName(person.fullName),
		contact: person.email ? maskEmail(person.email) : person.phone ? maskPhone(person.phone) : null,
		channel: person.email ? ('email' as const) : person.phone ? ('sms' as const) : null
	};
}

/** What the first page tells before a code is sent: who asks, until when, and for how long. */
function introOf(ctx: RespondentContext, form: CellForm, issuer: string | null) {
	const answers = countAnswers(form.questionnaire, form.ratedUnits.length);
	return {
		organiser: ctx.campaign.title,
		// The body that signed the invitation (issue 15, item 4), when the campaign names one.
		issuer: issuer?.trim() || null,
		closesOn: ctx.campaign.closesOn ? dayMonthYearText(ctx.campaign.closesOn) : null,
		answers,
		minutes: estimateMinutes(answers)
	};
}

async function issuingBodyOf(db: Db, campaignId: number): Promise<string | null> {
	const row = await db.selectFrom('campaign').select('issuing_body').where('id', '=', campaignId).executeTakeFirst();
	return row?.issuing_body ?? null;
}

export async function loadRespondentStep(db: Db, ctx: RespondentContext, now = nowSeconds()) {
	const campaign = { slug: ctx.campaign.slug, title: ctx.campaign.title, closesOn: ctx.campaign.closesOn };
	const who = whoIs(ctx.person);
	const form = ctx.person.cellId === null ? null : await loadCellForm(db, ctx.person.cellId);
	// Per person, not per link: a re-issued link (a reminder, a letter) must find the same draft.
	const draftKey = `${ctx.campaign.slug}:p${ctx.person.id}`;
	if (ctx.invitation.credentialAt !== null) {
		// What the browser needs to finish a cast cut short after the credential (it holds the rest).
		const resume =
			form && ctx.campaign.state === 'open'
				? {
						cell: cellOf(form),
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
	if (!isFreshlyVerified(ctx, now)) {
		return {
			step: 'verify' as const,
			campaign,
			who,
			intro: introOf(ctx, form, await issuingBodyOf(db, ctx.campaign.id)),
			codeSent: await hasLiveCode(db, ctx.invitation.id, now),
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
		cell: cellOf(form),
		target,
		questionnaire: form.questionnaire,
		ratedUnits: form.ratedUnits
	};
}
