import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { appendAuditEvent, staffActor } from '$lib/server/audit';
import { deleteSessionCookie } from '$lib/server/auth/cookie';
import { invalidateSession } from '$lib/server/auth/session';
import { requestMeta } from '$lib/server/http/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		const { user, session } = event.locals;
		if (user && session) {
			const { db } = await getApp();
			await db.transaction().execute(async (trx) => {
				await invalidateSession(trx, session.id);
				await appendAuditEvent(trx, {
					actor: staffActor(user),
					action: 'auth.logout',
					subject: { type: 'staff_user', id: user.id },
					meta: requestMeta(event)
				});
			});
		}
		deleteSessionCookie(event.cookies, event.url);
		redirect(303, '/login');
	}
};
