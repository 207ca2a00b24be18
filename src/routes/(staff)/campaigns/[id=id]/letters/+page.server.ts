// Printed letters for one unit's people who have not submitted: fresh links, shown once, to print. The
// first press says how many letters (and that links sent before keep working); confirm=1 makes them.
import { z } from 'zod';
import { message } from '$lib/domain/message';
import { getApp } from '$lib/server/app';
import { readForm, refuseForm } from '$lib/server/http/form';
import { findUnitInScope, listCampaignUnits } from '$lib/server/units/units';
import { lettersCandidates, printLetters } from '$lib/server/outreach/letters';
import { senderFor } from '$lib/server/outreach/outbox';
import { letterheadOf } from '$lib/server/campaigns/messages';
import { campaignContext } from '../context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, campaign, user } = await campaignContext(event, { manage: true });
	const units = await listCampaignUnits(db, campaign.id, user.unitId);
	return {
		campaign: { id: campaign.id, title: campaign.title, state: campaign.state, closesOn: campaign.closes_on },
		units,
		// The printed letter's letterhead (issue 15, item 4), edited on the messages page.
		letterhead: letterheadOf(campaign)
	};
};

export const actions: Actions = {
	print: async (event) => {
		const { db, campaign, user, meta } = await campaignContext(event, { manage: true });
		// A scoped organiser prints only inside their own subtree.
		const form = await readForm(event, z.object({ unit: z.string().max(64), confirm: z.string().max(1).optional() }));
		const unit = form.ok ? await findUnitInScope(db, form.value.unit, user.unitId) : null;
		if (!form.ok || !unit) return refuseForm('print', message('letters.error.unit'), form.values);
		const app = await getApp();
		const ids = await lettersCandidates(db, campaign.id, unit.id);
		if (ids.length === 0) return refuseForm('print', message('letters.error.nobody'), form.values);
		if (form.value.confirm !== '1') {
			const lines = [
				message('letters.confirm', { people: ids.length, unit: unit.name }),
				message('invitations.confirm.keepsOld')
			];
			return { confirm: { action: 'print', lines, fields: { unit: unit.code } } };
		}
		const result = await printLetters(db, campaign, ids, user, meta, {
			sender: senderFor(app),
			origin: app.config.origin ?? event.url.origin,
			demo: app.demo
		});
		if (!result.ok) return refuseForm('print', result.error, form.values);
		return { letters: result.letters, unit: unit.code };
	}
};
