import { fail, redirect } from '@sveltejs/kit';
import { decodeBase64, encodeBase64 } from '@oslojs/encoding';
import { getApp } from '$lib/server/app';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { requireSignedIn } from '$lib/server/auth/guard';
import { createSession, invalidateSession } from '$lib/server/auth/session';
import { describeTotpKey, enableTotp, generateTotpKey } from '$lib/server/auth/totp';
import { requestMeta } from '$lib/server/http/request';
import type { Actions, PageServerLoad } from './$types';

export interface Enrolment {
	encodedKey: string;
	uri: string;
	manualKey: string;
	qrDataUrl: string;
}

async function describeEnrolment(key: Uint8Array, username: string): Promise<Enrolment> {
	return { encodedKey: encodeBase64(key), ...(await describeTotpKey(key, username)) };
}

// Enrolment comes before any data is shown, so this page only needs a password-verified session.
export const load: PageServerLoad = async (event) => {
	const user = requireSignedIn(event);
	if (event.locals.secondFactor === 'verify') redirect(303, '/login/two-factor');
	if (user.totpEnabled) return { enabled: true, required: false, enrolment: null as Enrolment | null };
	const key = generateTotpKey();
	return {
		enabled: false,
		required: event.locals.secondFactor === 'enrol',
		enrolment: (await describeEnrolment(key, user.username)) as Enrolment | null
	};
};

function decodeKey(raw: FormDataEntryValue | null): Uint8Array | null {
	if (typeof raw !== 'string' || raw.length > 64) return null;
	try {
		const key = decodeBase64(raw);
		return key.byteLength === 20 ? key : null;
	} catch {
		return null;
	}
}

export const actions: Actions = {
	default: async (event) => {
		const user = requireSignedIn(event);
		if (user.totpEnabled) redirect(303, '/account');
		const form = await event.request.formData();
		const key = decodeKey(form.get('key'));
		const code = String(form.get('code') ?? '')
			.replace(/\s/g, '')
			.slice(0, 12);
		if (!key) return fail(400, { error: 'error.totpKeyInvalid' });
		const { db, appKey } = await getApp();
		const meta = requestMeta(event);
		const result = await enableTotp(db, appKey, user, key, code, meta);
		if (!result.ok) return fail(400, { error: result.error, enrolment: await describeEnrolment(key, user.username) });
		// Enrolment proves the second factor: a new session token marks it verified.
		if (event.locals.session) await invalidateSession(db, event.locals.session.id);
		const fresh = await createSession(db, user.id, { twoFactorVerified: true, meta });
		setSessionCookie(event.cookies, event.url, fresh.token, fresh.session.expiresAt);
		redirect(303, '/?totp=1');
	}
};
