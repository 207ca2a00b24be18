// Reminders: the campaign's policy (scheduled reminders before the close, interval, cap) and a
// manual send to the people of a unit/group who have not submitted, previewed before it goes.
import { z } from 'zod';
import { message } from '$lib/domain/message';
import { policySchema } from '$lib/domain/reminders';
import { staffActor } from '$lib/server/audit';
import { getApp } from '$lib/server/app';
import { readForm, refuseForm } from '$lib/server/http/form';
import { planReminders, readPolicy, resolveSelection, savePolicy, sendReminders } from '$lib/server/outreach/reminders';
import { listGroups } from '$lib/server/campaigns/campaigns';
import { listCampaignUnits } from '$lib/server/units/units';
import { senderFor } from '$lib/server/outreach/outbox';
import { countByRoute, recipientsOf } from '$lib/server/outreach/recipient-counts';
import { campaignContext } from '../context';
import type { Actions, PageServerLoad } from './$types';

/** Who to remind: a unit (and its subtree) and a group, each optional, by code. */
const selectionSchema = z.object({
	unit: z.string().max(40).default(''),
	group: z.string().max(40).default(''),
	confirm: z.string().max(1).optional()
});

export const load: PageServerLoad = async (event) => {
	const { db, campaign, user } = await campaignContext(event, { manage: true });
	const policy = await readPolicy(db, campaign.id);
	const groups = (await listGroups(db, campaign.id)).map((g) => ({ code: g.code, name: g.name }));
	const units = await listCampaignUnits(db, campaign.id, user.unitId);
	const q = event.url.searchParams;
	const codes = selectionSchema.safeParse({ unit: q.get('unit') ?? '', group: q.get('group') ?? '' });
	const selection = codes.success ? await resolveSelection(db, campaign.id, codes.data, user.unitId) : null;
	const plan = selection && q.has('preview') ? await planReminders(db, campaign.id, selection, policy) : null;
	// By the channel each reminder would take: the same people planReminders picks for sendReminders.
	const channels = plan ? countByRoute(await recipientsOf(db, plan.send), senderFor(await getApp())) : null;
	return {
		campaign: { id: campaign.id, title: campaign.title, state: campaign.state, closesOn: campaign.closes_on },
		policy,
		groups,
		units,
		selection: selection ? { unit: selection.unitCode, group: selection.groupCode } : { unit: '', group: '' },
		preview: plan && channels ? { send: plan.send.length, skipped: plan.skipped, channels } : null
	};
};

export const actions: Actions = {
	policy: async (event) => {
		const { db, campaign, user, meta } = await campaignContext(event, { manage: true });
		const form = await readForm(event, policySchema);
		if (!form.ok) return refuseForm('policy', form.errors, form.values);
		await savePolicy(db, campaign.id, form.value, staffActor(user), meta);
		return { policySaved: true };
	},
	send: async (event) => {
		const { db, campaign, user, meta } = await campaignContext(event, { manage: true });
		if (campaign.state !== 'open') return refuseForm('send', message('invitation.error.notOpen'));
		const form = await readForm(event, selectionSchema);
		const selection = form.ok ? await resolveSelection(db, campaign.id, form.value, user.unitId) : null;
		if (!selection) return refuseForm('send', message('reminder.error.selection'), form.values);
		const app = await getApp();
		// Without confirm=1 (a form other than the preview's): say what would go out, send nothing.
		if (!(form.ok && form.value.confirm === '1')) {
			const plan = await planReminders(db, campaign.id, selection, await readPolicy(db, campaign.id));
			if (plan.send.length === 0) return refuseForm('send', message('reminder.error.nobody'), form.values);
			const counts = countByRoute(await recipientsOf(db, plan.send), senderFor(app));
			const lines = [message('reminders.confirmText', { ...counts }), message('reminders.newLink')];
			return { confirm: { action: 'send', lines, fields: { unit: selection.unitCode, group: selection.groupCode } } };
		}
		const result = await sendReminders(db, app, campaign, selection, user, meta, app.config.origin ?? event.url.origin);
		if (!result.ok) return refuseForm('send', result.error, form.values);
		return { sent: result.sent, batchId: result.batchId, skipped: result.skipped };
	}
};
