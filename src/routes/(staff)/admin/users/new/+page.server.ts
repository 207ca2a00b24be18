import { staffActor } from '$lib/server/audit';
import { fail, redirect } from '@sveltejs/kit';
import { newStaffUserSchema, parseWith } from '$lib/domain/staff';
import { getApp } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
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
		const form = Object.fromEntries(await event.request.formData());
		// Never send a password back to the browser, even a rejected one.
		const values = {
			username: String(form.username ?? '').slice(0, 64),
			displayName: String(form.displayName ?? '').slice(0, 100),
			role: String(form.role ?? ''),
			unitCode: String(form.unitCode ?? '').slice(0, 32)
		};
		const parsed = parseWith(newStaffUserSchema, form);
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		const { db } = await getApp();
		const result = await createStaffUser(db, parsed.value, staffActor(admin), requestMeta(event));
		if (!result.ok) return fail(400, { values, errors: result.errors });
		redirect(303, `/admin/users/${result.id}?created=1`);
	}
};
