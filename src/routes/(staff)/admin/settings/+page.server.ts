import { message } from '$lib/domain/message';
import { SETTINGS } from '$lib/domain/settings';
import { getApp } from '$lib/server/app';
import { staffActor } from '$lib/server/audit';
import { requireStaff } from '$lib/server/auth/guard';
import { readFields, refuseForm } from '$lib/server/http/form';
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
		const fields = await readFields(event);
		// An unchecked checkbox is not sent at all: null, not "missing".
		const form = Object.fromEntries(SETTINGS.map((def) => [def.key, fields[def.key] ?? null]));
		const { db } = await getApp();
		const result = await updateSettings(db, form, staffActor(admin), requestMeta(event));
		if (!result.ok) return refuseForm('default', result.errors, fields);
		const { length } = result.changed;
		return {
			action: 'default',
			saved: length ? message('settings.saved', { count: length }) : message('users.nothingChanged')
		};
	}
};
