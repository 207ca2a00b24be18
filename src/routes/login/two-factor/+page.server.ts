import { redirect, type RequestEvent } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { useRecoveryCode } from '$lib/server/auth/recovery-codes';
import { renewSession } from '$lib/server/auth/sign-in';
import { verifyUserTotp } from '$lib/server/auth/totp';
import { readFields, refuseForm } from '$lib/server/http/form';
import { requestMeta } from '$lib/server/http/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/login');
	if (locals.secondFactor !== 'verify') redirect(303, '/');
	return {};
};

/** The signed-in user still owing the second factor, or a redirect. */
function pendingUser(event: RequestEvent) {
	const { user, session, secondFactor } = event.locals;
	if (!user || !session) redirect(303, '/login');
	if (secondFactor !== 'verify') redirect(303, '/');
	return { user, session };
}

const statusOf = (key: string) => (key === 'error.totpLocked' ? 429 : 400);

export const actions: Actions = {
	verify: async (event) => {
		const { user, session } = pendingUser(event);
		const { code = '' } = await readFields(event);
		const { db, appKey } = await getApp();
		const meta = requestMeta(event);
		const result = await verifyUserTotp(db, appKey, user, code, meta);
		if (!result.ok) return refuseForm('verify', result.error, {}, statusOf(result.error.key));
		await renewSession(db, event, session.id, user.id, { twoFactorVerified: true, meta });
		redirect(303, '/');
	},
	// A recovery code instead of the TOTP: the account page then says how many are left.
	recovery: async (event) => {
		const { user, session } = pendingUser(event);
		const { recoveryCode = '' } = await readFields(event);
		const { db, appKey } = await getApp();
		const meta = requestMeta(event);
		const result = await useRecoveryCode(db, appKey, user, recoveryCode, meta);
		if (!result.ok) return refuseForm('recovery', result.error, {}, statusOf(result.error.key));
		await renewSession(db, event, session.id, user.id, { twoFactorVerified: true, meta });
		redirect(303, '/account/two-factor?recovered=1');
	}
};
