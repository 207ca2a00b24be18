import { redirect } from '@sveltejs/kit';
import { newStaffUserSchema } from '$lib/domain/staff';
import { getApp } from '$lib/server/app';
import { staffActor } from '$lib/server/audit';
import { requireStaff } from '$lib/server/auth/guard';
import { readForm, refuseForm } from '$lib/server/http/form';
import { requestMeta } from '$lib/server/http/request';
import { createStaffUser } from '$lib/server/admin/staff-users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireStaff(event, 'users');
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const admin = await requireStaff(event, 'users');
		const form = await readForm(event, newStaffUserSchema);
		if (!form.ok) return refuseForm('default', form.errors, form.values);
		const { db } = await getApp();
		const result = await createStaffUser(db, form.value, staffActor(admin), requestMeta(event));
		if (!result.ok) return refuseForm('default', result.errors, form.values);
		redirect(303, `/admin/users/${result.id}?created=1`);
	}
};
