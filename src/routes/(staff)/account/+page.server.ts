import { redirect } from '@sveltejs/kit';
import { passwordChangeSchema } from '$lib/domain/staff';
import { getApp } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { renewSession } from '$lib/server/auth/sign-in';
import { readForm, refuseForm } from '$lib/server/http/form';
import { requestMeta } from '$lib/server/http/request';
import { changeOwnPassword } from '$lib/server/admin/staff-users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = await requireStaff(event, 'home');
	return { totpEnabled: user.totpEnabled, changed: event.url.searchParams.has('changed') };
};

export const actions: Actions = {
	password: async (event) => {
		const user = await requireStaff(event, 'home');
		const form = await readForm(event, passwordChangeSchema);
		if (!form.ok) return refuseForm('password', form.errors);
		const { currentPassword, newPassword, confirmPassword } = form.value;
		if (confirmPassword !== newPassword)
			return refuseForm('password', { confirmPassword: { key: 'error.passwordMismatch' } });
		const { db } = await getApp();
		const meta = requestMeta(event);
		const result = await changeOwnPassword(db, user, currentPassword, newPassword, meta);
		if (!result.ok) return refuseForm('password', result.errors);
		// Every session of this person ended with the change; this browser gets a new one.
		await renewSession(db, event, null, user.id, {
			twoFactorVerified: event.locals.session?.twoFactorVerified ?? false,
			meta
		});
		redirect(303, '/account?changed=1');
	}
};
