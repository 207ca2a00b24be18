// Personal links for an open campaign: issue the missing ones, re-issue or revoke one. New links are
// shown once, in the response to the organiser who issued them, and are stored nowhere.
import { fail } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { issueInvitations, linkPath, listInvitations, revokeInvitation } from '$lib/server/outreach/invitations';
import { senderFor } from '$lib/server/outreach/outbox';
import { lettersCandidates } from '$lib/server/outreach/letters';
import { findUnitInScope, listCampaignUnits } from '$lib/server/units/units';
import { campaignContext } from '../context';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const PAGE_SIZE = 50;

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

function personIdOf(form: FormData): number | null {
	const raw = String(form.get('person') ?? '');
	return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

async function issue(event: RequestEvent, which: 'missing' | 'one') {
	const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
	const app = await getApp();
	let ids: number[] | 'missing' = 'missing';
	if (which === 'one') {
		const id = personIdOf(await event.request.formData());
		if (id === null) return fail(400, { error: 'invitation.error.unknownPerson' });
		ids = [id];
	}
	const origin = app.config.origin ?? event.url.origin;
	const result = await issueInvitations(db, campaign, ids, user, meta, {
		sender: senderFor(app),
		origin,
		demo: app.demo
	});
	if (!result.ok) return fail(400, { error: result.error });
	return {
		issued: result.links.map((l) => ({ name: l.fullName, unit: l.unitName, url: `${origin}${linkPath(l.token)}` }))
	};
}

export const actions: Actions = {
	/** Fresh links for a unit's people who have not submitted, each sent through the person's own channel. */
	sendUnit: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const unit = await findUnitInScope(db, String((await event.request.formData()).get('unit') ?? ''), user.unitId);
		if (!unit) return fail(400, { error: 'letters.error.unit' });
		const ids = await lettersCandidates(db, campaign.id, unit.id);
		if (ids.length === 0) return fail(400, { error: 'letters.error.nobody' });
		const app = await getApp();
		const origin = app.config.origin ?? event.url.origin;
		const result = await issueInvitations(db, campaign, ids, user, meta, {
			sender: senderFor(app),
			origin,
			demo: app.demo,
			deliver: true
		});
		if (!result.ok) return fail(400, { error: result.error });
		return { queued: result.queued, batchId: result.batchId, notReached: result.notReached.length };
	},
	issueMissing: (event) => issue(event, 'missing'),
	reissue: (event) => issue(event, 'one'),
	revoke: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const id = personIdOf(await event.request.formData());
		if (id === null) return fail(400, { error: 'invitation.error.unknownPerson' });
		const result = await revokeInvitation(db, campaign, id, user, meta);
		if (!result.ok) return fail(400, { error: result.error });
		return { revoked: true };
	}
};
