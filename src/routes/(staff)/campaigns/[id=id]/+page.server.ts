import { fail } from '@sveltejs/kit';
import { campaignEditSchema, groupSchema } from '$lib/domain/campaign';
import { parseWith } from '$lib/domain/staff';
import { advanceCampaign, deleteGroup, saveGroup, updateCampaign } from '$lib/server/campaigns/campaigns';
import { checkCampaignCanOpen, openCampaign } from '$lib/server/campaigns/open';
import { loadCampaignOverview } from '$lib/server/campaigns/overview';
import { listQuestionnaireVersions } from '$lib/server/templates/documents';
import { resultsAccess } from '$lib/server/results/access';
import { loadCommittee } from '$lib/server/sealing/committee';
import { campaignContext } from './context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { db, user, campaign, canManage } = await campaignContext(event, { manage: false });
	const overview = await loadCampaignOverview(db, campaign);
	const committee = await loadCommittee(db, campaign.id);
	return {
		campaign: {
			id: campaign.id,
			slug: campaign.slug,
			title: campaign.title,
			year: campaign.year,
			state: campaign.state,
			k: campaign.k_threshold,
			opensOn: campaign.opens_on,
			closesOn: campaign.closes_on,
			scope: overview.scope,
			framework: overview.framework
		},
		canManage,
		resultsVisible: (await resultsAccess(db, user, campaign)).ok,
		committee: {
			size: committee?.key?.size ?? committee?.members.length ?? 0,
			threshold: committee?.key?.threshold ?? committee?.threshold ?? 0,
			fingerprint: committee?.key?.fingerprint ?? null
		},
		counted: campaign.counted_at !== null,
		groups: overview.groups,
		questionnaires: (await listQuestionnaireVersions(db))
			.filter((q) => q.framework_version_id === campaign.framework_version_id)
			.map((q) => ({ id: q.id, label: `${q.name} — v${q.version}` })),
		reasons: campaign.state === 'draft' ? await checkCampaignCanOpen(db, campaign.id) : [],
		cells: overview.cells
	};
};

export const actions: Actions = {
	details: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const form = Object.fromEntries(await event.request.formData());
		const parsed = parseWith(campaignEditSchema, form);
		if (!parsed.ok) return fail(400, { action: 'details', errors: parsed.errors });
		const result = await updateCampaign(db, campaign.id, parsed.value, user, meta);
		if (!result.ok) return fail(400, { action: 'details', errors: result.errors });
		return { action: 'details', saved: 'users.saved' };
	},
	group: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const form = Object.fromEntries(await event.request.formData());
		const values = {
			code: String(form.code ?? '').slice(0, 32),
			name: String(form.name ?? '').slice(0, 200),
			questionnaireVersionId: String(form.questionnaireVersionId ?? ''),
			ratedUnitCodes: String(form.ratedUnitCodes ?? '').slice(0, 5000)
		};
		const parsed = parseWith(groupSchema, form);
		if (!parsed.ok) return fail(400, { action: 'group', values, errors: parsed.errors });
		const questionnaireVersionId = /^\d{1,9}$/.test(values.questionnaireVersionId)
			? Number(values.questionnaireVersionId)
			: null;
		const ratedUnitCodes = values.ratedUnitCodes
			.split(/[\s,;]+/)
			.map((c) => c.trim())
			.filter(Boolean);
		const result = await saveGroup(
			db,
			campaign.id,
			{ ...parsed.value, questionnaireVersionId, ratedUnitCodes },
			user,
			meta
		);
		if (!result.ok) return fail(400, { action: 'group', values, errors: result.errors });
		return { action: 'group', saved: 'campaign.groupSaved' };
	},
	deleteGroup: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const code = String((await event.request.formData()).get('code') ?? '').slice(0, 32);
		const result = await deleteGroup(db, campaign.id, code, user, meta);
		if (!result.ok) return fail(400, { action: 'group', errors: result.errors });
		return { action: 'group', saved: 'campaign.groupDeleted' };
	},
	open: async (event) => {
		const { db, appKey, user, campaign, meta } = await campaignContext(event, { manage: true });
		const result = await openCampaign(db, appKey, campaign.id, user, meta);
		if (!result.ok) return fail(400, { action: 'state', reasons: result.reasons });
		return { action: 'state', saved: 'campaign.opened' };
	},
	close: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const result = await advanceCampaign(db, campaign.id, 'close', user, meta);
		if (!result.ok) return fail(400, { action: 'state', errors: result.errors });
		return { action: 'state', saved: 'campaign.closedDone' };
	},
	publish: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const result = await advanceCampaign(db, campaign.id, 'publish', user, meta);
		if (!result.ok) return fail(400, { action: 'state', errors: result.errors });
		return { action: 'state', saved: 'campaign.publishedDone' };
	}
};
