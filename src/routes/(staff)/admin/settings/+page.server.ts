import { staffActor } from '$lib/server/audit';
import { fail } from '@sveltejs/kit';
import { SETTINGS } from '$lib/domain/settings';
import { getApp } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { requestMeta } from '$lib/server/http/request';
import { readSettings, updateSettings } from '$lib/server/admin/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireStaff(event, 'settings');
	const { db } = await getApp();
	return { definitions: SETTINGS, values: await readSettings(db) };
};

export const actions: Actions = {
	default: async (event) => {
		const admin = await requireStaff(event, 'settings');
		const data = await event.request.formData();
		const form: Record<string, string | null> = {};
		for (const def of SETTINGS) {
			const v = data.get(def.key);
			form[def.key] = typeof v === 'string' ? v : null;
		}
		const { db } = await getApp();
		const result = await updateSettings(db, form, staffActor(admin), requestMeta(event));
		if (!result.ok) return fail(400, { errors: result.errors, submitted: form });
		return { changed: result.changed };
	}
};
