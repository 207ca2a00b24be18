import { redirect } from '@sveltejs/kit';
import { safeRedirectPath } from '$lib/domain/redirect';
import { getApp } from '$lib/server/app';
import { knownDevicesFromCookies, rememberDevice, setKnownDeviceCookie } from '$lib/server/auth/known-device';
import { loginWithPassword } from '$lib/server/auth/login';
import { renewSession } from '$lib/server/auth/sign-in';
import { readFields, refuseForm } from '$lib/server/http/form';
import { requestMeta } from '$lib/server/http/request';
import { nowSeconds } from '$lib/server/time';
import type { Actions, PageServerLoad } from './$types';

const LOCKED = new Set(['error.accountLocked', 'error.tooManyFromIp']);

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user && locals.secondFactor === 'none') redirect(303, safeRedirectPath(url.searchParams.get('next')));
	return { next: safeRedirectPath(url.searchParams.get('next')), setupDone: url.searchParams.has('setup') };
};

export const actions: Actions = {
	default: async (event) => {
		const fields = await readFields(event);
		const next = safeRedirectPath(fields.next ?? null);
		const { db, appKey } = await getApp();
		const meta = requestMeta(event);
		const knownDevices = knownDevicesFromCookies(appKey, event.cookies, event.url);
		const input = { username: fields.username, password: fields.password, knownDevices };
		const result = await loginWithPassword(db, input, meta);
		if (!result.ok) {
			// A lockout is "too many requests", so a script can tell it from a wrong password.
			const status = LOCKED.has(result.error.key) ? 429 : 400;
			return refuseForm('default', result.error, { username: fields.username ?? '', next }, status);
		}
		// A fresh token after each sign-in step (docs/security.md): never reuse a pre-login session.
		await renewSession(db, event, event.locals.session?.id ?? null, result.userId, { twoFactorVerified: false, meta });
		// This browser is now known for the account: the shared limits no longer apply to it.
		setKnownDeviceCookie(event.cookies, event.url, rememberDevice(appKey, knownDevices, result.username), nowSeconds());
		redirect(303, next);
	}
};
