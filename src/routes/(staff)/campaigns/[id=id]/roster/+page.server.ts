import { fail, redirect } from '@sveltejs/kit';
import { compareVietnameseNames } from '$lib/domain/roster';
import { applyRosterImport, getRosterImport, previewRosterImport } from '$lib/server/roster/import';
import { clearRoster } from '$lib/server/campaigns/campaigns';
import { DEFAULT_MAX_BYTES } from '$lib/server/files/tabular-file';
import { campaignContext } from '../context';
import type { Actions, PageServerLoad } from './$types';

const SHOWN_PEOPLE = 200;

export const load: PageServerLoad = async (event) => {
	// Names and contacts are for the organisers who manage this campaign, not for analysts.
	const { db, campaign } = await campaignContext(event, { manage: true });
	const importParam = event.url.searchParams.get('import');
	const preview =
		importParam && /^\d{1,9}$/.test(importParam) ? await getRosterImport(db, campaign.id, Number(importParam)) : null;
	const people = await db
		.selectFrom('person')
		.innerJoin('unit', 'unit.id', 'person.unit_id')
		.innerJoin('respondent_group', 'respondent_group.id', 'person.group_id')
		.select([
			'person.id',
			'person.personal_code',
			'person.full_name',
			'person.position',
			'unit.code as unit_code',
			'unit.full_name as unit_name',
			'respondent_group.code as group_code'
		])
		.where('person.campaign_id', '=', campaign.id)
		.execute();
	people.sort((a, b) => compareVietnameseNames(a.full_name, b.full_name));
	return {
		campaign: { id: campaign.id, title: campaign.title, state: campaign.state },
		canManage: campaign.state === 'draft',
		total: people.length,
		people: people
			.slice(0, SHOWN_PEOPLE)
			.map((p) => ({
				id: p.id,
				code: p.personal_code,
				name: p.full_name,
				position: p.position,
				unit: `${p.unit_name} (${p.unit_code})`,
				group: p.group_code
			})),
		preview,
		maxMiB: DEFAULT_MAX_BYTES / 1024 / 1024
	};
};

export const actions: Actions = {
	upload: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { error: { key: 'roster.upload.noFile', params: {} } });
		if (file.size > DEFAULT_MAX_BYTES)
			return fail(400, { error: { key: 'table.error.tooLarge', params: { maxMiB: DEFAULT_MAX_BYTES / 1024 / 1024 } } });
		const result = await previewRosterImport(
			db,
			campaign.id,
			Buffer.from(await file.arrayBuffer()),
			file.name,
			user,
			meta
		);
		if (!result.ok) return fail(400, { error: result.error });
		redirect(303, `/campaigns/${campaign.id}/roster?import=${result.importId}`);
	},
	clear: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const result = await clearRoster(db, campaign.id, user, meta);
		if (!result.ok) return fail(400, { error: { key: result.errors.form ?? 'campaign.error.notDraft', params: {} } });
		return { cleared: result.removed };
	},
	apply: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const raw = String((await event.request.formData()).get('importId') ?? '');
		if (!/^\d{1,9}$/.test(raw)) return fail(400, { error: { key: 'roster.apply.stale', params: {} } });
		const result = await applyRosterImport(db, campaign.id, Number(raw), user, meta);
		if (!result.ok) return fail(400, { error: result.error });
		return { applied: { inserted: result.inserted, updated: result.updated } };
	}
};
