// The campaign's roster: upload a file into a preview, confirm it, or clear the roster of a draft.
import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { message } from '$lib/domain/message';
import { applyRosterImport, getRosterImport, previewRosterImport } from '$lib/server/roster/import';
import { listRoster } from '$lib/server/roster/people';
import { clearRoster } from '$lib/server/campaigns/campaigns';
import { DEFAULT_MAX_BYTES } from '$lib/server/files/tabular-file';
import { readForm, refuseForm, readFormData } from '$lib/server/http/form';
import { campaignContext } from '../context';
import type { Actions, PageServerLoad } from './$types';

const SHOWN_PEOPLE = 200;
const MAX_MIB = DEFAULT_MAX_BYTES / 1024 / 1024;
const importId = z
	.string()
	.regex(/^[1-9]\d{0,8}$/, 'roster.apply.stale')
	.transform(Number);

export const load: PageServerLoad = async (event) => {
	// Names and contacts are for the organisers who manage this campaign, not for analysts.
	const { db, campaign } = await campaignContext(event, { manage: true });
	const wanted = importId.safeParse(event.url.searchParams.get('import') ?? '');
	const preview = wanted.success ? await getRosterImport(db, campaign.id, wanted.data) : null;
	const roster = await listRoster(db, campaign.id, SHOWN_PEOPLE);
	return {
		campaign: { id: campaign.id, title: campaign.title, state: campaign.state },
		canManage: campaign.state === 'draft',
		...roster,
		preview,
		maxMiB: MAX_MIB
	};
};

export const actions: Actions = {
	upload: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const file = (await readFormData(event)).get('file');
		if (!(file instanceof File) || file.size === 0) return refuseForm('upload', message('roster.upload.noFile', {}));
		if (file.size > DEFAULT_MAX_BYTES)
			return refuseForm('upload', message('table.error.tooLarge', { maxMiB: MAX_MIB }));
		const bytes = Buffer.from(await file.arrayBuffer());
		const result = await previewRosterImport(db, campaign.id, bytes, file.name, user, meta);
		if (!result.ok) return refuseForm('upload', result.error);
		redirect(303, `/campaigns/${campaign.id}/roster?import=${result.importId}`);
	},
	clear: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const result = await clearRoster(db, campaign.id, user, meta);
		if (!result.ok) return refuseForm('clear', result.errors);
		return { cleared: result.removed };
	},
	apply: async (event) => {
		const { db, user, campaign, meta } = await campaignContext(event, { manage: true });
		const form = await readForm(event, z.object({ importId }));
		if (!form.ok) return refuseForm('apply', form.errors.importId ?? form.errors, form.values);
		const result = await applyRosterImport(db, campaign.id, form.value.importId, user, meta);
		if (!result.ok) return refuseForm('apply', result.error);
		return { applied: { inserted: result.inserted, updated: result.updated } };
	}
};
