import { error, fail, redirect } from '@sveltejs/kit';
import { newStaffUserSchema, parseWith } from '$lib/domain/staff';
import { getApp } from '$lib/server/app';
import { requestMeta } from '$lib/server/http/request';
import { completeSetup, isSetupTokenValid } from '$lib/server/admin/setup';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const { db } = await getApp();
	if (!(await isSetupTokenValid(db, params.token))) error(404, { message: 'error.setupTokenInvalid' });
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const form = Object.fromEntries(await event.request.formData());
		const values = {
			username: String(form.username ?? '').slice(0, 64),
			displayName: String(form.displayName ?? '').slice(0, 100)
		};
		const parsed = parseWith(newStaffUserSchema, { ...form, role: 'admin', unitCode: '' });
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		if (form.confirmPassword !== parsed.value.password)
			return fail(400, { values, errors: { confirmPassword: 'error.passwordMismatch' } });
		const { db } = await getApp();
		const result = await completeSetup(db, event.params.token, parsed.value, requestMeta(event));
		if (!result.ok) return fail(400, { values, errors: result.errors });
		redirect(303, '/login?setup=1');
	}
};
