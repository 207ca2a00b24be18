import { error, redirect } from '@sveltejs/kit';
import { parseForm } from '$lib/domain/form';
import { setupAdminSchema } from '$lib/domain/staff';
import { getApp } from '$lib/server/app';
import { readFields, refuseForm } from '$lib/server/http/form';
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
		// The first account is an administrator of every unit: no role or unit is read from the form.
		const form = parseForm(setupAdminSchema, { ...(await readFields(event)), role: 'admin', unitCode: '' });
		if (!form.ok) return refuseForm('default', form.errors, form.values);
		const { confirmPassword, ...input } = form.value;
		if (confirmPassword !== input.password)
			return refuseForm('default', { confirmPassword: { key: 'error.passwordMismatch' } }, form.values);
		const { db } = await getApp();
		const result = await completeSetup(db, event.params.token, input, requestMeta(event));
		if (!result.ok) return refuseForm('default', result.errors, form.values);
		redirect(303, '/login?setup=1');
	}
};
