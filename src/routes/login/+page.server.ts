import { fail, redirect } from '@sveltejs/kit';
import { safeRedirectPath } from '$lib/domain/redirect';
import { getApp } from '$lib/server/app';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { loginWithPassword } from '$lib/server/auth/login';
import { createSession, invalidateSession } from '$lib/server/auth/session';
import { requestMeta } from '$lib/server/http/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user && locals.secondFactor === 'none') redirect(303, safeRedirectPath(url.searchParams.get('next')));
	return { next: safeRedirectPath(url.searchParams.get('next')), setupDone: url.searchParams.has('setup') };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const username = form.get('username');
		const next = safeRedirectPath(form.get('next'));
		const { db } = await getApp();
		const meta = requestMeta(event);
		const result = await loginWithPassword(db, { username, password: form.get('password') }, meta);
		if (!result.ok) {
			const status = result.error === 'error.accountLocked' || result.error === 'error.tooManyFromIp' ? 429 : 400;
			return fail(status, {
				username: typeof username === 'string' ? username.slice(0, 64) : '',
				error: result.error,
				minutes: result.minutes ?? 0,
				next
			});
		}
		// A fresh token after each sign-in step (docs/security.md): never reuse a pre-login session.
		if (event.locals.session) await invalidateSession(db, event.locals.session.id);
		const { token, session } = await createSession(db, result.userId, { twoFactorVerified: false, meta });
		setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		redirect(303, next);
	}
};
