import { fail, redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { requireSignedIn } from '$lib/server/auth/guard';
import { renewSession } from '$lib/server/auth/sign-in';
import {
	decodeEnrolmentKey,
	describeEnrolment,
	enableTotp,
	generateTotpKey,
	type Enrolment
} from '$lib/server/auth/totp';
import { readFields, refuseForm } from '$lib/server/http/form';
import { requestMeta } from '$lib/server/http/request';
import type { Actions, PageServerLoad } from './$types';

// Enrolment comes before any data is shown, so this page only needs a password-verified session.
export const load: PageServerLoad = async (event) => {
	const user = requireSignedIn(event);
	if (event.locals.secondFactor === 'verify') redirect(303, '/login/two-factor');
	if (user.totpEnabled) return { enabled: true, required: false, enrolment: null as Enrolment | null };
	return {
		enabled: false,
		required: event.locals.secondFactor === 'enrol',
		enrolment: (await describeEnrolment(generateTotpKey(), user.username)) as Enrolment | null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireSignedIn(event);
		if (user.totpEnabled) redirect(303, '/account');
		const fields = await readFields(event);
		const key = decodeEnrolmentKey(fields.key);
		if (!key) return refuseForm('default', { key: 'error.totpKeyInvalid' });
		const { db, appKey } = await getApp();
		const meta = requestMeta(event);
		const result = await enableTotp(db, appKey, user, key, (fields.code ?? '').slice(0, 12), meta);
		if (!result.ok) {
			// The same key is shown again, so the entry already made in the app keeps working.
			const { data } = refuseForm('default', result.error);
			return fail(400, { ...data, enrolment: await describeEnrolment(key, user.username) });
		}
		// Enrolment proves the second factor: a new session token marks it verified.
		await renewSession(db, event, event.locals.session?.id ?? null, user.id, { twoFactorVerified: true, meta });
		redirect(303, '/?totp=1');
	}
};
