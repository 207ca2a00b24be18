import { fail, redirect } from '@sveltejs/kit';
import { newPasswordSchema, parseWith } from '$lib/domain/staff';
import { getApp } from '$lib/server/app';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { requireStaff } from '$lib/server/auth/guard';
import { createSession } from '$lib/server/auth/session';
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
		const form = await event.request.formData();
		const current = form.get('currentPassword');
		const next = form.get('newPassword');
		if (typeof current !== 'string' || !current)
			return fail(400, { errors: { currentPassword: 'error.passwordRequired' } });
		const parsed = parseWith(newPasswordSchema, next);
		if (!parsed.ok) return fail(400, { errors: { newPassword: parsed.errors.form } });
		if (form.get('confirmPassword') !== parsed.value)
			return fail(400, { errors: { confirmPassword: 'error.passwordMismatch' } });
		const { db } = await getApp();
		const meta = requestMeta(event);
		const result = await changeOwnPassword(db, user, current.slice(0, 1024), parsed.value, meta);
		if (!result.ok) return fail(400, { errors: result.errors });
		// Every session of this person ended with the change; this browser gets a new one.
		const fresh = await createSession(db, user.id, {
			twoFactorVerified: event.locals.session?.twoFactorVerified ?? false,
			meta
		});
		setSessionCookie(event.cookies, event.url, fresh.token, fresh.session.expiresAt);
		redirect(303, '/account?changed=1');
	}
};
