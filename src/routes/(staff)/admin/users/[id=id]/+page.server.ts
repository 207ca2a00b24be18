import { error } from '@sveltejs/kit';
import { message, type MessageKey } from '$lib/domain/message';
import { passwordResetSchema, staffProfileSchema } from '$lib/domain/staff';
import { getApp } from '$lib/server/app';
import { staffActor } from '$lib/server/audit';
import { requireStaff } from '$lib/server/auth/guard';
import { readForm, refuseForm } from '$lib/server/http/form';
import { requestMeta } from '$lib/server/http/request';
import {
	getStaffUser,
	resetStaffPassword,
	resetStaffTotp,
	setStaffDisabled,
	updateStaffProfile
} from '$lib/server/admin/staff-users';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function context(event: RequestEvent) {
	const admin = await requireStaff(event, 'users');
	const { db } = await getApp();
	return { db, id: Number(event.params.id), actor: staffActor(admin), meta: requestMeta(event) };
}

const saved = (action: string, key: MessageKey) => ({ action, saved: message(key) });

export const load: PageServerLoad = async (event) => {
	const { db, id } = await context(event);
	const user = await getStaffUser(db, id);
	if (!user) error(404, { message: 'error.userNotFound' });
	return { account: user, created: event.url.searchParams.has('created') };
};

export const actions: Actions = {
	profile: async (event) => {
		const { db, id, actor, meta } = await context(event);
		const form = await readForm(event, staffProfileSchema);
		if (!form.ok) return refuseForm('profile', form.errors, form.values);
		const result = await updateStaffProfile(db, id, form.value, actor, meta);
		if (!result.ok) return refuseForm('profile', result.errors, form.values);
		return saved('profile', result.changed.length > 0 ? 'users.saved' : 'users.nothingChanged');
	},
	disable: async (event) => {
		const { db, id, actor, meta } = await context(event);
		const result = await setStaffDisabled(db, id, true, actor, meta);
		if (!result.ok) return refuseForm('status', result.errors);
		return saved('status', 'users.disabledDone');
	},
	enable: async (event) => {
		const { db, id, actor, meta } = await context(event);
		const result = await setStaffDisabled(db, id, false, actor, meta);
		if (!result.ok) return refuseForm('status', result.errors);
		return saved('status', 'users.enabledDone');
	},
	resetPassword: async (event) => {
		const { db, id, actor, meta } = await context(event);
		const form = await readForm(event, passwordResetSchema);
		if (!form.ok) return refuseForm('password', form.errors);
		const result = await resetStaffPassword(db, id, form.value.password, actor, meta);
		if (!result.ok) return refuseForm('password', result.errors);
		return saved('password', 'users.passwordResetDone');
	},
	resetTotp: async (event) => {
		const { db, id, actor, meta } = await context(event);
		const result = await resetStaffTotp(db, id, actor, meta);
		if (!result.ok) return refuseForm('totp', result.errors);
		return saved('totp', 'users.totpResetDone');
	}
};
