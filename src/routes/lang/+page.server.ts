import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { safeRedirectPath } from '$lib/domain/redirect';
import { readFields } from '$lib/server/http/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		const { lang, next } = await readFields(event);
		if (isLocale(lang)) {
			event.cookies.set('lang', lang, {
				path: '/',
				httpOnly: true,
				sameSite: 'lax',
				maxAge: 365 * 24 * 3600,
				secure: event.url.protocol === 'https:'
			});
		}
		redirect(303, safeRedirectPath(next));
	}
};
