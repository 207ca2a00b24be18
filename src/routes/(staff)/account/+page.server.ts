import { redirect } from '@sveltejs/kit';
import { passwordChangeSchema } from '$lib/domain/staff';
import { message } from '$lib/domain/message';
import { endSessionSchema } from '$lib/domain/session-handle';
import { getApp } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { renewSession } from '$lib/server/auth/sign-in';
import { endOtherSessions, endOwnSession, listOwnSessions } from '$lib/server/auth/session-list';
import { readSettings } from '$lib/server/admin/settings';
import { readForm, refuseForm } from '$lib/server/http/form';
import { requestMeta } from '$lib/server/http/request';
import type { Db } from '$lib/server/db/open';
import { changeOwnPasswordThrottled } from '$lib/server/auth/current-password';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Seconds of inactivity that end a session (the admin setting): the list shows only live ones. */
const idleTimeout = async (db: Db) => (await readSettings(db)).session_idle_minutes * 60;

/** The session this request came with: requireStaff has made sure there is one. */
const currentSessionId = (event: RequestEvent) => event.locals.session?.id ?? redirect(303, '/login');

export const load: PageServerLoad = async (event) => {
	const user = await requireStaff(event, 'home');
	const { db } = await getApp();
	const sessions = await listOwnSessions(db, user.id, event.locals.session?.id ?? null, await idleTimeout(db));
	return { totpEnabled: user.totpEnabled, changed: event.url.searchParams.has('changed'), sessions };
};

export const actions: Actions = {
	endSession: async (event) => {
		const user = await requireStaff(event, 'home');
		const form = await readForm(event, endSessionSchema);
		if (!form.ok) return refuseForm('endSession', message('account.sessionNotFound'));
		const { db } = await getApp();
		const result = await endOwnSession(db, user, currentSessionId(event), form.value.handle, requestMeta(event));
		if (!result.ok) return refuseForm('endSession', result.error);
		return { action: 'endSession', saved: message('account.sessionEnded') };
	},
	endOthers: async (event) => {
		const user = await requireStaff(event, 'home');
		const { db } = await getApp();
		const meta = requestMeta(event);
		const result = await endOtherSessions(db, user, currentSessionId(event), meta, await idleTimeout(db));
		if (!result.ok) return refuseForm('endOthers', result.error);
		return { action: 'endOthers', saved: message('account.othersEnded', { count: result.value }) };
	},
	password: async (event) => {
		const user = await requireStaff(event, 'home');
		const form = await readForm(event, passwordChangeSchema);
		if (!form.ok) return refuseForm('password', form.errors);
		const { currentPassword, newPassword, confirmPassword } = form.value;
		if (confirmPassword !== newPassword)
			return refuseForm('password', { confirmPassword: { key: 'error.passwordMismatch' } });
		const { db } = await getApp();
		const meta = requestMeta(event);
		// Throttled per session (auth/current-password.ts): a stolen session cannot guess the current password.
		const sessionId = event.locals.session?.id ?? '';
		const passwords = { current: currentPassword, next: newPassword };
		const result = await changeOwnPasswordThrottled(db, user, sessionId, passwords, meta);
		if (!result.ok) {
			const waiting = result.errors.currentPassword?.key === 'error.currentPasswordLocked';
			return refuseForm('password', result.errors, {}, waiting ? 429 : 400);
		}
		// Every session of this person ended with the change; this browser gets a new one.
		await renewSession(db, event, null, user.id, {
			twoFactorVerified: event.locals.session?.twoFactorVerified ?? false,
			meta
		});
		redirect(303, '/account?changed=1');
	}
};
