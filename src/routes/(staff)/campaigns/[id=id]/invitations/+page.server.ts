// Personal links for an open campaign: issue the missing ones, re-issue or revoke one. New links are
// shown once, in the response to the organiser who issued them, and are stored nowhere.
import { z } from 'zod';
import { message } from '$lib/domain/message';
import { getApp } from '$lib/server/app';
import { readForm, refuseForm } from '$lib/server/http/form';
import { listInvitations } from '$lib/server/outreach/invitation-list';
import { issueInvitations, linkPath, revokeInvitation } from '$lib/server/outreach/invitations';
import { senderFor } from '$lib/server/outreach/outbox';
import { lettersCandidates } from '$lib/server/outreach/letters';
import { findUnitInScope, listCampaignUnits } from '$lib/server/units/units';
import { campaignContext } from '../context';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const PAGE_SIZE = 50;
const personSchema = z.object({
	person: z
		.string()
		.regex(/^[1-9]\d{0,8}$/, 'invitation.error.unknownPerson')
		.transform(Number)
});
const unitSchema = z.object({ unit: z.string().max(64) });

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
	return {
		units: await listCampaignUnits(db, campaign.id, user.unitId),
		campaign: { id: campaign.id, title: campaign.title, state: campaign.state, slug: campaign.slug },
		...list,
		page,
		pages: Math.max(1, Math.ceil(list.total / PAGE_SIZE)),
		query
	};
};

async function issue(event: RequestEvent, action: 'issueMissing' | 'reissue') {
	const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
	const app = await getApp();
	let ids: number[] | 'missing' = 'missing';
	if (action === 'reissue') {
		const form = await readForm(event, personSchema);
		if (!form.ok) return refuseForm(action, message('invitation.error.unknownPerson'), form.values);
		ids = [form.value.person];
	}
	const origin = app.config.origin ?? event.url.origin;
	const result = await issueInvitations(db, campaign, ids, user, meta, {
		sender: senderFor(app),
		origin,
		demo: app.demo
	});
	if (!result.ok) return refuseForm(action, result.error);
	return {
		issued: result.links.map((l) => ({ name: l.fullName, unit: l.unitName, url: `${origin}${linkPath(l.token)}` }))
	};
}

export const actions: Actions = {
	/** Fresh links for a unit's people who have not submitted, each sent through the person's own channel. */
	sendUnit: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const form = await readForm(event, unitSchema);
		const unit = form.ok ? await findUnitInScope(db, form.value.unit, user.unitId) : null;
		if (!unit) return refuseForm('sendUnit', message('letters.error.unit'), form.values);
		const ids = await lettersCandidates(db, campaign.id, unit.id);
		if (ids.length === 0) return refuseForm('sendUnit', message('letters.error.nobody'), form.values);
		const app = await getApp();
		const origin = app.config.origin ?? event.url.origin;
		const result = await issueInvitations(db, campaign, ids, user, meta, {
			sender: senderFor(app),
			origin,
			demo: app.demo,
			deliver: true
		});
		if (!result.ok) return refuseForm('sendUnit', result.error, form.values);
		return { queued: result.queued, batchId: result.batchId, notReached: result.notReached.length };
	},
	issueMissing: (event) => issue(event, 'issueMissing'),
	reissue: (event) => issue(event, 'reissue'),
	revoke: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const form = await readForm(event, personSchema);
		if (!form.ok) return refuseForm('revoke', message('invitation.error.unknownPerson'), form.values);
		const result = await revokeInvitation(db, campaign, form.value.person, user, meta);
		if (!result.ok) return refuseForm('revoke', result.error);
		return { revoked: true };
	}
};
