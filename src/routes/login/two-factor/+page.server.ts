import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
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

export const actions: Actions = {
	default: async (event) => {
		const { user, session, secondFactor } = event.locals;
		if (!user || !session) redirect(303, '/login');
		if (secondFactor !== 'verify') redirect(303, '/');
		const { code = '' } = await readFields(event);
		const { db, appKey } = await getApp();
		const meta = requestMeta(event);
		const result = await verifyUserTotp(db, appKey, user, code, meta);
		if (!result.ok) {
			const status = result.error.key === 'error.totpLocked' ? 429 : 400;
			return refuseForm('default', result.error, {}, status);
		}
		await renewSession(db, event, session.id, user.id, { twoFactorVerified: true, meta });
		redirect(303, '/');
	}
};
