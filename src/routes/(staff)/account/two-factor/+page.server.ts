import { fail, redirect } from '@sveltejs/kit';
import { RECOVERY_CODES_LOW, recoveryCodesText } from '$lib/domain/recovery-code';
import { vietnamDayText } from '$lib/domain/vietnam-time';
import { getApp } from '$lib/server/app';
import { requireSignedIn } from '$lib/server/auth/guard';
import { countUnusedRecoveryCodes } from '$lib/server/auth/recovery-codes';
import { regenerateRecoveryCodes } from '$lib/server/auth/recovery-regenerate';
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
import { nowSeconds } from '$lib/server/time';
import type { Actions, PageServerLoad } from './$types';

/** What the page shows once, right after codes are made: the codes and the same as a .txt download. */
function shownOnce(codes: string[], username: string) {
	return { recoveryCodes: codes, recoveryText: recoveryCodesText(codes, username, vietnamDayText(nowSeconds())) };
}

// Enrolment comes before any data is shown, so this page only needs a password-verified session.
export const load: PageServerLoad = async (event) => {
	const user = requireSignedIn(event);
	if (event.locals.secondFactor === 'verify') redirect(303, '/login/two-factor');
	if (user.totpEnabled) {
		const { db } = await getApp();
		const left = await countUnusedRecoveryCodes(db, user.id);
		const recovered = event.url.searchParams.has('recovered');
		return {
			enabled: true,
			required: false,
			enrolment: null as Enrolment | null,
			left,
			low: RECOVERY_CODES_LOW,
			recovered
		};
	}
	return {
		enabled: false,
		required: event.locals.secondFactor === 'enrol',
		enrolment: (await describeEnrolment(generateTotpKey(), user.username)) as Enrolment | null,
		left: 0,
		low: RECOVERY_CODES_LOW,
		recovered: false
	};
};

export const actions: Actions = {
	enrol: async (event) => {
		const user = requireSignedIn(event);
		if (user.totpEnabled) redirect(303, '/account');
		const fields = await readFields(event);
		const key = decodeEnrolmentKey(fields.key);
		if (!key) return refuseForm('enrol', { key: 'error.totpKeyInvalid' });
		const { db, appKey } = await getApp();
		const meta = requestMeta(event);
		const result = await enableTotp(db, appKey, user, key, (fields.code ?? '').slice(0, 12), meta);
		if (!result.ok) {
			// The same key is shown again, so the entry already made in the app keeps working.
			const { data } = refuseForm('enrol', result.error);
			return fail(400, { ...data, enrolment: await describeEnrolment(key, user.username) });
		}
		// Enrolment proves the second factor: a new session token marks it verified.
		await renewSession(db, event, event.locals.session?.id ?? null, user.id, { twoFactorVerified: true, meta });
		return { enabledNow: true, ...shownOnce(result.recoveryCodes, user.username) };
	},
	regenerate: async (event) => {
		const user = requireSignedIn(event);
		const session = event.locals.session;
		if (!user.totpEnabled || !session || event.locals.secondFactor !== 'none') redirect(303, '/account/two-factor');
		const { proof = '' } = await readFields(event);
		const { db, appKey } = await getApp();
		const result = await regenerateRecoveryCodes(db, appKey, user, session.id, proof, requestMeta(event));
		if (!result.ok) {
			const status = result.error.key.endsWith('Locked') ? 429 : 400;
			return refuseForm('regenerate', result.error, {}, status);
		}
		return { regenerated: true, ...shownOnce(result.codes, user.username) };
	}
};
