import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { signOut } from '$lib/server/auth/sign-in';
import { requestMeta } from '$lib/server/http/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		const { user, session } = event.locals;
		const { db } = await getApp();
		await signOut(db, event, user && session ? { user, sessionId: session.id } : null, requestMeta(event));
		redirect(303, '/login');
	}
};
