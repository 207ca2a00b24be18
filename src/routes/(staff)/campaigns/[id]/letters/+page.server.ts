// Printed letters for one unit's people who have not submitted: fresh links, shown once, to print.
import { fail } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { isUnitWithin } from '$lib/server/units';
import { lettersCandidates, printLetters } from '$lib/server/respondent/letters';
import { senderFor } from '$lib/server/respondent/outbox';
import { campaignContext } from '../context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, campaign, user } = await campaignContext(event, { manage: true });
	const units = await db
		.selectFrom('person as p')
		.innerJoin('unit as u', 'u.id', 'p.unit_id')
		.select(['u.id', 'u.code', 'u.name', (eb) => eb.fn.countAll<number>().as('people')])
		.where('p.campaign_id', '=', campaign.id)
		.groupBy(['u.id', 'u.code', 'u.name'])
		.orderBy('u.code')
		.execute();
	const visible = [];
	for (const u of units) if (user.unitId === null || (await isUnitWithin(db, u.id, user.unitId))) visible.push({ code: u.code, name: u.name, people: Number(u.people) });
	return { campaign: { id: campaign.id, title: campaign.title, state: campaign.state, closesOn: campaign.closes_on }, units: visible };
};

export const actions: Actions = {
	print: async (event) => {
		const { db, campaign, user, meta } = await campaignContext(event, { manage: true });
		const code = String((await event.request.formData()).get('unit') ?? '').slice(0, 40);
		const unit = await db.selectFrom('unit').select(['id', 'code']).where('code', '=', code).executeTakeFirst();
		if (!unit) return fail(400, { error: 'letters.error.unit' });
		// A scoped organiser prints only inside their own subtree.
		if (user.unitId !== null && !(await isUnitWithin(db, unit.id, user.unitId))) return fail(403, { error: 'letters.error.unit' });
		const app = await getApp();
		const ids = await lettersCandidates(db, campaign.id, unit.id);
		const result = await printLetters(db, campaign, ids, user, meta, { sender: senderFor(app), origin: app.config.origin ?? event.url.origin, demo: app.demo });
		if (!result.ok) return fail(400, { error: result.error });
		return { letters: result.letters, unit: unit.code };
	}
};
