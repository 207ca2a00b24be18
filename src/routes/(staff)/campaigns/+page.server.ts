import { redirect } from '@sveltejs/kit';
import { createCampaignFormSchema } from '$lib/domain/campaign';
import { canManageSurveys } from '$lib/domain/roles';
import { getApp } from '$lib/server/app';
import { denyAccess, requireStaff } from '$lib/server/auth/guard';
import { createCampaign } from '$lib/server/campaigns/campaigns';
import { loadCampaignList } from '$lib/server/campaigns/overview';
import { readForm, refuseForm } from '$lib/server/http/form';
import { requestMeta } from '$lib/server/http/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = await requireStaff(event, 'campaigns');
	const { db } = await getApp();
	return { ...(await loadCampaignList(db, user)), canManage: canManageSurveys(user.role) };
};

export const actions: Actions = {
	create: async (event) => {
		const user = await requireStaff(event, 'campaigns');
		if (!canManageSurveys(user.role)) await denyAccess(event, user, 'campaigns.manage');
		const form = await readForm(event, createCampaignFormSchema);
		if (!form.ok) return refuseForm('create', form.errors, form.values);
		const { db } = await getApp();
		const result = await createCampaign(db, form.value, user, requestMeta(event));
		if (!result.ok) return refuseForm('create', result.errors, form.values);
		redirect(303, `/campaigns/${result.id}`);
	}
};
