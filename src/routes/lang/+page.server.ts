import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { safeRedirectPath } from '$lib/domain/redirect';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const form = await request.formData();
		const lang = form.get('lang');
		if (isLocale(lang)) {
			cookies.set('lang', lang, {
				path: '/',
				httpOnly: true,
				sameSite: 'lax',
				maxAge: 365 * 24 * 3600,
				secure: url.protocol === 'https:'
			});
		}
		redirect(303, safeRedirectPath(form.get('next')));
	}
};
