// Personal links for an open campaign: send them to a unit or to everyone still without one, issue the
// missing ones on screen, re-issue or revoke one. New links are shown once, in the response to the
// organiser who issued them, and are stored nowhere. Every action that reaches many people, or kills
// links, first answers with what it will do and to how many (a confirm panel), and acts on confirm=1.
import { z } from 'zod';
import { message, type Message } from '$lib/domain/message';
import { getApp } from '$lib/server/app';
import { batchProgress } from '$lib/server/delivery/queue';
import { readForm, refuseForm } from '$lib/server/http/form';
import { listInvitations } from '$lib/server/outreach/invitation-list';
import { issueInvitations, linkPath, revokeInvitation } from '$lib/server/outreach/invitations';
import { senderFor } from '$lib/server/outreach/outbox';
import { lettersCandidates } from '$lib/server/outreach/letters';
import { revocationPreview } from '$lib/server/outreach/person-history';
import { countByRoute, missingRecipients, recipientsOf } from '$lib/server/outreach/recipient-counts';
import { findUnitInScope, listCampaignUnits } from '$lib/server/units/units';
import { campaignContext } from '../context';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const PAGE_SIZE = 50;
const confirmField = z.string().max(1).optional();
const personSchema = z.object({
	person: z
		.string()
		.regex(/^[1-9]\d{0,8}$/, 'invitation.error.unknownPerson')
		.transform(Number),
	confirm: confirmField
});
const unitSchema = z.object({ unit: z.string().max(64), confirm: confirmField });
const confirmSchema = z.object({ confirm: confirmField });

/** The first step's answer: the panel's lines and the fields to send again with confirm=1. */
const askConfirm = (action: string, lines: Message[], fields: Record<string, string | number> = {}) => ({
	confirm: { action, lines, fields }
});

export const load: PageServerLoad = async (event) => {
	const { db, campaign, user } = await campaignContext(event, { manage: true });
	event.setHeaders({ 'cache-control': 'no-store' });
	const pageParam = Number(event.url.searchParams.get('page') ?? '1');
	const page = Number.isInteger(pageParam) && pageParam > 0 && pageParam < 100000 ? pageParam : 1;
	const query = (event.url.searchParams.get('q') ?? '').normalize('NFC').trim().slice(0, 100);
	const list = await listInvitations(db, campaign.id, {
		offset: (page - 1) * PAGE_SIZE,
		limit: PAGE_SIZE,
		query: query || undefined
	});
	const missing = campaign.state === 'open' ? (await missingRecipients(db, campaign.id, user.unitId)).people : [];
	return {
		units: await listCampaignUnits(db, campaign.id, user.unitId),
		campaign: { id: campaign.id, title: campaign.title, state: campaign.state, slug: campaign.slug },
		...list,
		missing: { people: missing.length, units: new Set(missing.map((p) => p.unitId)).size },
		page,
		pages: Math.max(1, Math.ceil(list.total / PAGE_SIZE)),
		query
	};
};

async function deliverTo(event: RequestEvent, action: string, target: number[] | 'missing', values = {}) {
	const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
	const app = await getApp();
	const result = await issueInvitations(db, campaign, target, user, meta, {
		sender: senderFor(app),
		origin: app.config.origin ?? event.url.origin,
		demo: app.demo,
		deliver: true
	});
	if (!result.ok) return refuseForm(action, result.error, values);
	return {
		queued: result.queued,
		batchId: result.batchId,
		progress: result.batchId === null ? null : await batchProgress(db, result.batchId),
		notReached: result.notReached.length
	};
}

export const actions: Actions = {
	/** Links for a unit's people who have not submitted, each sent through the person's own channel. */
	sendUnit: async (event) => {
		const { db, user, campaign } = await campaignContext(event, { manage: true });
		const form = await readForm(event, unitSchema);
		const unit = form.ok ? await findUnitInScope(db, form.value.unit, user.unitId) : null;
		if (!form.ok || !unit) return refuseForm('sendUnit', message('letters.error.unit'), form.values);
		const ids = await lettersCandidates(db, campaign.id, unit.id);
		if (ids.length === 0) return refuseForm('sendUnit', message('letters.error.nobody'), form.values);
		if (form.value.confirm !== '1') {
			const counts = countByRoute(await recipientsOf(db, ids), senderFor(await getApp()));
			return askConfirm(
				'sendUnit',
				[
					message('invitations.confirm.sendUnit', { ...counts, unit: unit.name }),
					message('invitations.confirm.keepsOld')
				],
				{ unit: unit.code }
			);
		}
		return deliverTo(event, 'sendUnit', ids, form.values);
	},
	/** Everyone in the organiser's scope still without a link, whatever their unit: one batch, with progress. */
	sendAll: async (event) => {
		const { db, user, campaign } = await campaignContext(event, { manage: true });
		if (campaign.state !== 'open') return refuseForm('sendAll', message('invitation.error.notOpen'));
		const form = await readForm(event, confirmSchema);
		const { people, target } = await missingRecipients(db, campaign.id, user.unitId);
		if (people.length === 0) return refuseForm('sendAll', message('invitations.error.nobodyMissing'));
		if (!form.ok || form.value.confirm !== '1') {
			const counts = countByRoute(people, senderFor(await getApp()));
			return askConfirm('sendAll', [
				message('invitations.confirm.sendAll', { ...counts }),
				message('invitations.confirm.keepsOld')
			]);
		}
		return deliverTo(event, 'sendAll', target);
	},
	/** Links shown on this screen for everyone in scope without one. */
	issueMissing: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		if (campaign.state !== 'open') return refuseForm('issueMissing', message('invitation.error.notOpen'));
		const form = await readForm(event, confirmSchema);
		const { people, target } = await missingRecipients(db, campaign.id, user.unitId);
		if (people.length === 0) return refuseForm('issueMissing', message('invitations.error.nobodyMissing'));
		if (!form.ok || form.value.confirm !== '1')
			return askConfirm('issueMissing', [message('invitations.confirm.issueMissing', { people: people.length })]);
		const app = await getApp();
		const origin = app.config.origin ?? event.url.origin;
		const result = await issueInvitations(db, campaign, target, user, meta, {
			sender: senderFor(app),
			origin,
			demo: app.demo
		});
		if (!result.ok) return refuseForm('issueMissing', result.error);
		return {
			issued: result.links.map((l) => ({ name: l.fullName, unit: l.unitName, url: `${origin}${linkPath(l.token)}` }))
		};
	},
	/** One person's new link, on screen: their other links keep working. */
	reissue: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const form = await readForm(event, personSchema);
		if (!form.ok) return refuseForm('reissue', message('invitation.error.unknownPerson'), form.values);
		if (!(await revocationPreview(db, campaign.id, form.value.person, user.unitId)))
			return refuseForm('reissue', message('invitation.error.unknownPerson'));
		const app = await getApp();
		const origin = app.config.origin ?? event.url.origin;
		const result = await issueInvitations(db, campaign, [form.value.person], user, meta, {
			sender: senderFor(app),
			origin,
			demo: app.demo
		});
		if (!result.ok) return refuseForm('reissue', result.error);
		return {
			issued: result.links.map((l) => ({ name: l.fullName, unit: l.unitName, url: `${origin}${linkPath(l.token)}` }))
		};
	},
	/** "Thu hồi": all of a person's live links, after a confirmation saying how many. */
	revoke: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const form = await readForm(event, personSchema);
		if (!form.ok) return refuseForm('revoke', message('invitation.error.unknownPerson'), form.values);
		const preview = await revocationPreview(db, campaign.id, form.value.person, user.unitId);
		if (!preview) return refuseForm('revoke', message('invitation.error.unknownPerson'));
		if (preview.credentialed) return refuseForm('revoke', message('invitation.error.revokeCredentialed'));
		if (preview.links === 0) return refuseForm('revoke', message('invitation.error.noActiveLink'));
		if (form.value.confirm !== '1')
			return askConfirm(
				'revoke',
				[message('invitations.confirm.revokeAll', { links: preview.links, name: preview.name })],
				{ person: form.value.person }
			);
		const result = await revokeInvitation(db, campaign, form.value.person, user, meta);
		if (!result.ok) return refuseForm('revoke', result.error);
		return { revoked: true };
	}
};
