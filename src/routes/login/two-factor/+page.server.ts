import { fail, redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { createSession, invalidateSession } from '$lib/server/auth/session';
import { verifyUserTotp } from '$lib/server/auth/totp';
import { requestMeta } from '$lib/server/http/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/login');
	if (locals.secondFactor !== 'verify') redirect(303, '/');
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const { user, session, secondFactor } = event.locals;
		if (!user || !session) redirect(303, '/login');
		if (secondFactor !== 'verify') redirect(303, '/');
		const form = await event.request.formData();
		const code = form.get('code');
		const { db, appKey } = await getApp();
		const meta = requestMeta(event);
		const result = await verifyUserTotp(db, appKey, user, typeof code === 'string' ? code : '', meta);
		if (!result.ok)
			return fail(result.error === 'error.totpLocked' ? 429 : 400, {
				error: result.error,
				minutes: 'minutes' in result ? result.minutes : 0
			});
		await invalidateSession(db, session.id);
		const fresh = await createSession(db, user.id, { twoFactorVerified: true, meta });
		setSessionCookie(event.cookies, event.url, fresh.token, fresh.session.expiresAt);
		redirect(303, '/');
	}
};
