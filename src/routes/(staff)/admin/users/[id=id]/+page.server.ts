import { staffActor } from '$lib/server/audit';
import { error, fail } from '@sveltejs/kit';
import { newPasswordSchema, parseWith, staffProfileSchema } from '$lib/domain/staff';
import { getApp } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { requestMeta } from '$lib/server/http/request';
import {
	getStaffUser,
	resetStaffPassword,
	resetStaffTotp,
	setStaffDisabled,
	updateStaffProfile
} from '$lib/server/admin/staff-users';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function parseId(raw: string): number {
	if (!/^\d{1,9}$/.test(raw)) error(404, { message: 'error.userNotFound' });
	return Number(raw);
}

async function context(event: RequestEvent) {
	const admin = await requireStaff(event, 'users');
	const id = parseId(event.params.id);
	const { db } = await getApp();
	const actor = staffActor(admin);
	return { db, id, actor, meta: requestMeta(event) };
}

export const load: PageServerLoad = async (event) => {
	const { db, id } = await context(event);
	const user = await getStaffUser(db, id);
	if (!user) error(404, { message: 'error.userNotFound' });
	return { account: user, created: event.url.searchParams.has('created') };
};

export const actions: Actions = {
	profile: async (event) => {
		const { db, id, actor, meta } = await context(event);
		const form = Object.fromEntries(await event.request.formData());
		const parsed = parseWith(staffProfileSchema, form);
		if (!parsed.ok) return fail(400, { action: 'profile', errors: parsed.errors });
		const result = await updateStaffProfile(db, id, parsed.value, actor, meta);
		if (!result.ok) return fail(400, { action: 'profile', errors: result.errors });
		return { action: 'profile', saved: result.changed.length > 0 ? 'users.saved' : 'users.nothingChanged' };
	},
	disable: async (event) => {
		const { db, id, actor, meta } = await context(event);
		const result = await setStaffDisabled(db, id, true, actor, meta);
		if (!result.ok) return fail(400, { action: 'status', errors: result.errors });
		return { action: 'status', saved: 'users.disabledDone' };
	},
	enable: async (event) => {
		const { db, id, actor, meta } = await context(event);
		const result = await setStaffDisabled(db, id, false, actor, meta);
		if (!result.ok) return fail(400, { action: 'status', errors: result.errors });
		return { action: 'status', saved: 'users.enabledDone' };
	},
	resetPassword: async (event) => {
		const { db, id, actor, meta } = await context(event);
		const form = await event.request.formData();
		const parsed = parseWith(newPasswordSchema, form.get('password'));
		if (!parsed.ok) return fail(400, { action: 'password', errors: { password: parsed.errors.form } });
		const result = await resetStaffPassword(db, id, parsed.value, actor, meta);
		if (!result.ok) return fail(400, { action: 'password', errors: result.errors });
		return { action: 'password', saved: 'users.passwordResetDone' };
	},
	resetTotp: async (event) => {
		const { db, id, actor, meta } = await context(event);
		const result = await resetStaffTotp(db, id, actor, meta);
		if (!result.ok) return fail(400, { action: 'totp', errors: result.errors });
		return { action: 'totp', saved: 'users.totpResetDone' };
	}
};
