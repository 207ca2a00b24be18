import { fail, redirect } from '@sveltejs/kit';
import { newCampaignSchema } from '$lib/domain/campaign';
import { canManageSurveys } from '$lib/domain/roles';
import { parseWith } from '$lib/domain/staff';
import { getApp } from '$lib/server/app';
import { denyAccess, requireStaff } from '$lib/server/auth/guard';
import { createCampaign, listCampaignsFor } from '$lib/server/campaigns/campaigns';
import { listFrameworkVersions } from '$lib/server/templates/documents';
import { resultsAccess } from '$lib/server/results/access';
import { requestMeta } from '$lib/server/http/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = await requireStaff(event, 'campaigns');
	const { db } = await getApp();
	const frameworks = await listFrameworkVersions(db);
	const campaigns = await listCampaignsFor(db, user);
	// A link to the results only where the viewer may open them (the page checks again).
	const withResults = await Promise.all(campaigns.map(async (c) => (await resultsAccess(db, user, c)).ok));
	return {
		campaigns: campaigns.map((c, i) => ({
			id: c.id,
			slug: c.slug,
			title: c.title,
			year: c.year,
			state: c.state,
			opensOn: c.opens_on,
			closesOn: c.closes_on,
			results: withResults[i]
		})),
		canManage: canManageSurveys(user.role),
		frameworks: frameworks.map((f) => ({ id: f.id, label: `${f.name} — v${f.version}` }))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const user = await requireStaff(event, 'campaigns');
		if (!canManageSurveys(user.role)) await denyAccess(event, user, 'campaigns.manage');
		const form = Object.fromEntries(await event.request.formData());
		const values = Object.fromEntries(
			['title', 'slug', 'year', 'kThreshold', 'opensOn', 'closesOn', 'scopeUnitCode', 'frameworkVersionId'].map((k) => [
				k,
				String(form[k] ?? '').slice(0, 200)
			])
		);
		const parsed = parseWith(newCampaignSchema, form);
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		const { db } = await getApp();
		const meta = requestMeta(event);
		const chosen = /^\d{1,9}$/.test(values.frameworkVersionId) ? Number(values.frameworkVersionId) : null;
		const result = await createCampaign(db, { ...parsed.value, frameworkVersionId: chosen }, user, meta);
		if (!result.ok) return fail(400, { values, errors: result.errors });
		redirect(303, `/campaigns/${result.id}`);
	}
};
