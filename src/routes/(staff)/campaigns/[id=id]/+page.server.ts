import { z } from 'zod';
import { campaignEditSchema, groupFormSchema } from '$lib/domain/campaign';
import { message, type MessageKey } from '$lib/domain/message';
import { advanceCampaign, deleteGroup, saveGroup, updateCampaign } from '$lib/server/campaigns/campaigns';
import { openCampaign } from '$lib/server/campaigns/open';
import { loadCampaignPage } from '$lib/server/campaigns/overview';
import { loadCampaignStatus } from '$lib/server/campaigns/status';
import { readForm, refuseForm } from '$lib/server/http/form';
import { campaignContext } from './context';
import type { Actions, PageServerLoad } from './$types';

const deleteGroupSchema = z.object({ code: z.preprocess((v) => String(v ?? '').slice(0, 32), z.string()) });

/** What a successful action says (the page shows it as a status). */
const saved = (action: string, key: MessageKey) => ({ action, saved: message(key) });

export const load: PageServerLoad = async (event) => {
	const { db, user, campaign, canManage } = await campaignContext(event, { manage: false });
	// The participation figures are the managers' (as on the monitoring page); analysts read results only.
	const status = canManage ? await loadCampaignStatus(db, user, campaign) : null;
	return { ...(await loadCampaignPage(db, user, campaign)), canManage, status };
};

export const actions: Actions = {
	details: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const form = await readForm(event, campaignEditSchema);
		if (!form.ok) return refuseForm('details', form.errors, form.values);
		const result = await updateCampaign(db, campaign.id, form.value, user, meta);
		if (!result.ok) return refuseForm('details', result.errors, form.values);
		return saved('details', 'users.saved');
	},
	group: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		// The group's `code` is not a secret code: echo it back like the other fields.
		const form = await readForm(event, groupFormSchema, ['code']);
		if (!form.ok) return refuseForm('group', form.errors, form.values, 400, ['code']);
		const result = await saveGroup(db, campaign.id, form.value, user, meta);
		if (!result.ok) return refuseForm('group', result.errors, form.values, 400, ['code']);
		return saved('group', 'campaign.groupSaved');
	},
	deleteGroup: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const form = await readForm(event, deleteGroupSchema);
		if (!form.ok) return refuseForm('deleteGroup', form.errors);
		const result = await deleteGroup(db, campaign.id, form.value.code, user, meta);
		if (!result.ok) return refuseForm('deleteGroup', result.errors);
		return saved('deleteGroup', 'campaign.groupDeleted');
	},
	open: async (event) => {
		const { db, appKey, user, campaign, meta } = await campaignContext(event, { manage: true });
		const result = await openCampaign(db, appKey, campaign.id, user, meta);
		// The first reason as the alert; the page's checklist (loaded again) lists them all.
		if (!result.ok) return refuseForm('open', result.reasons[0]);
		return saved('open', 'campaign.opened');
	},
	close: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const result = await advanceCampaign(db, campaign.id, 'close', user, meta);
		if (!result.ok) return refuseForm('close', result.errors);
		return saved('close', 'campaign.closedDone');
	},
	publish: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const result = await advanceCampaign(db, campaign.id, 'publish', user, meta);
		if (!result.ok) return refuseForm('publish', result.errors);
		return saved('publish', 'campaign.publishedDone');
	}
};
