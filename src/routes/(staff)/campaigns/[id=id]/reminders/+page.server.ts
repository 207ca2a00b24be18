// Reminders: the campaign's policy (scheduled reminders before the close, interval, cap) and a
// manual send to the people of a unit/group who have not submitted, previewed before it goes.
import { fail } from '@sveltejs/kit';
import { parsePolicy } from '$lib/domain/reminders';
import { staffActor } from '$lib/server/audit';
import { getApp } from '$lib/server/app';
import { listGroups } from '$lib/server/campaigns/campaigns';
import { planReminders, readPolicy, savePolicy, sendReminders } from '$lib/server/outreach/reminders';
import { findUnitInScope, listCampaignUnits } from '$lib/server/units/units';
import { campaignContext } from '../context';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function selectionFrom(
	event: RequestEvent,
	source: URLSearchParams | FormData,
	campaignId: number,
	scopeUnitId: number | null
) {
	const { db } = await getApp();
	const unitCode = String(source.get('unit') ?? '').slice(0, 40);
	const groupCode = String(source.get('group') ?? '').slice(0, 40);
	const unit = unitCode ? await findUnitInScope(db, unitCode, scopeUnitId) : null;
	const group = groupCode ? (await listGroups(db, campaignId)).find((g) => g.code === groupCode) : null;
	if ((unitCode && !unit) || (groupCode && !group)) return null;
	return {
		unitId: unit?.id ?? null,
		groupId: group?.id ?? null,
		scopeUnitId,
		unitCode: unit?.code ?? '',
		groupCode: group?.code ?? ''
	};
}

export const load: PageServerLoad = async (event) => {
	const { db, campaign, user } = await campaignContext(event, { manage: true });
	const policy = await readPolicy(db, campaign.id);
	const groups = (await listGroups(db, campaign.id)).map((g) => ({ code: g.code, name: g.name }));
	const visibleUnits = await listCampaignUnits(db, campaign.id, user.unitId);
	const selection = await selectionFrom(event, event.url.searchParams, campaign.id, user.unitId);
	const plan =
		selection && event.url.searchParams.has('preview') ? await planReminders(db, campaign.id, selection, policy) : null;
	return {
		campaign: { id: campaign.id, title: campaign.title, state: campaign.state, closesOn: campaign.closes_on },
		policy,
		groups,
		units: visibleUnits,
		selection: selection ? { unit: selection.unitCode, group: selection.groupCode } : { unit: '', group: '' },
		preview: plan ? { send: plan.send.length, skipped: plan.skipped } : null
	};
};

export const actions: Actions = {
	policy: async (event) => {
		const { db, campaign, user, meta } = await campaignContext(event, { manage: true });
		const form = await event.request.formData();
		const parsed = parsePolicy({
			autoEnabled: form.get('auto'),
			daysBefore: form.get('days'),
			minIntervalHours: form.get('interval'),
			maxPerPerson: form.get('cap')
		});
		if (!parsed.ok)
			return fail(400, {
				policyErrors: parsed.errors,
				values: {
					days: String(form.get('days') ?? '').slice(0, 40),
					interval: String(form.get('interval') ?? '').slice(0, 10),
					cap: String(form.get('cap') ?? '').slice(0, 10)
				}
			});
		await savePolicy(db, campaign.id, parsed.policy, staffActor(user), meta);
		return { policySaved: true };
	},
	send: async (event) => {
		const { db, campaign, user, meta } = await campaignContext(event, { manage: true });
		if (campaign.state !== 'open') return fail(400, { sendError: 'invitation.error.notOpen' });
		const form = await event.request.formData();
		const selection = await selectionFrom(event, form, campaign.id, user.unitId);
		if (!selection) return fail(400, { sendError: 'reminder.error.selection' });
		const app = await getApp();
		const result = await sendReminders(db, app, campaign, selection, user, meta, app.config.origin ?? event.url.origin);
		if (!result.ok) return fail(400, { sendError: result.error });
		return { sent: result.sent, batchId: result.batchId, skipped: result.skipped };
	}
};
