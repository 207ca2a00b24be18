// Staff account management. Each change and its audit event commit in one transaction.
import { message, type FieldErrors } from '$lib/domain/message';
import { findPasswordWeakness } from '$lib/domain/password-strength';
import type { Role } from '$lib/domain/roles';
import type { StaffProfileInput, StaffUserInput } from '$lib/domain/staff';
import type { Db } from '../db/open';
import { appendAuditEvent, type Actor, type RequestMeta, staffActor } from '../audit';
import { hashPassword, verifyPasswordHash } from '../auth/password';
import { invalidateUserSessions } from '../auth/session';
import { nowSeconds } from '../time';
import { inTransaction } from '../db/transaction';

export interface StaffUserView {
	id: number;
	username: string;
	displayName: string;
	role: Role;
	unitCode: string | null;
	unitName: string | null;
	totpEnabled: boolean;
	disabled: boolean;
	createdAt: number;
}

/** A refusal names the field at fault (`form` for the whole form). */
type Result<T = object> = ({ ok: true } & T) | { ok: false; errors: FieldErrors };

function userQuery(db: Db) {
	return db
		.selectFrom('staff_user')
		.leftJoin('unit', 'unit.id', 'staff_user.unit_id')
		.select([
			'staff_user.id',
			'staff_user.username',
			'staff_user.display_name',
			'staff_user.role',
			'staff_user.totp_key_enc',
			'staff_user.disabled_at',
			'staff_user.created_at',
			'unit.code as unit_code',
			'unit.full_name as unit_name'
		]);
}

function toView(row: Awaited<ReturnType<ReturnType<typeof userQuery>['executeTakeFirstOrThrow']>>): StaffUserView {
	return {
		id: row.id,
		username: row.username,
		displayName: row.display_name,
		role: row.role,
		unitCode: row.unit_code,
		unitName: row.unit_name,
		totpEnabled: row.totp_key_enc !== null,
		disabled: row.disabled_at !== null,
		createdAt: row.created_at
	};
}

export async function listStaffUsers(db: Db): Promise<StaffUserView[]> {
	return (await userQuery(db).orderBy('staff_user.username').execute()).map(toView);
}

export async function getStaffUser(db: Db, id: number): Promise<StaffUserView | null> {
	const row = await userQuery(db).where('staff_user.id', '=', id).executeTakeFirst();
	return row ? toView(row) : null;
}

async function resolveUnitId(db: Db, code: string | null): Promise<number | null | undefined> {
	if (!code) return null;
	const unit = await db
		.selectFrom('unit')
		.select('id')
		.where('code', '=', code)
		.where('retired_at', 'is', null)
		.executeTakeFirst();
	return unit?.id;
}

export async function countActiveAdmins(db: Db): Promise<number> {
	const { n } = await db
		.selectFrom('staff_user')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('role', '=', 'admin')
		.where('disabled_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(n);
}

export async function createStaffUser(
	db: Db,
	input: StaffUserInput,
	actor: Actor,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<Result<{ id: number }>> {
	const unitId = await resolveUnitId(db, input.unitCode);
	if (unitId === undefined) return { ok: false, errors: { unitCode: message('error.unitUnknown') } };
	const passwordHash = await hashPassword(input.password);
	return inTransaction(db, async (trx) => {
		const taken = await trx
			.selectFrom('staff_user')
			.select('id')
			.where('username', '=', input.username)
			.executeTakeFirst();
		if (taken) return { ok: false, errors: { username: message('error.usernameTaken') } };
		const { id } = await trx
			.insertInto('staff_user')
			.values({
				username: input.username,
				display_name: input.displayName,
				role: input.role,
				unit_id: unitId,
				password_hash: passwordHash,
				password_changed_at: now,
				created_at: now,
				updated_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await appendAuditEvent(
			trx,
			{
				actor,
				action: 'user.created',
				subject: { type: 'staff_user', id },
				meta,
				payload: { username: input.username, role: input.role, unit: input.unitCode }
			},
			now
		);
		return { ok: true, id };
	});
}

export async function updateStaffProfile(
	db: Db,
	userId: number,
	input: StaffProfileInput,
	actor: Actor,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<Result<{ changed: string[] }>> {
	const unitId = await resolveUnitId(db, input.unitCode);
	if (unitId === undefined) return { ok: false, errors: { unitCode: message('error.unitUnknown') } };
	return inTransaction(db, async (trx): Promise<Result<{ changed: string[] }>> => {
		const before = await trx.selectFrom('staff_user').selectAll().where('id', '=', userId).executeTakeFirst();
		if (!before) return { ok: false, errors: { form: message('error.userNotFound') } };
		if (
			before.role === 'admin' &&
			input.role !== 'admin' &&
			before.disabled_at === null &&
			(await countActiveAdmins(trx)) <= 1
		) {
			return { ok: false, errors: { role: message('error.lastAdmin') } };
		}
		const changed: string[] = [];
		if (before.display_name !== input.displayName) changed.push('displayName');
		if (before.unit_id !== unitId) changed.push('unit');
		if (before.role !== input.role) changed.push('role');
		if (!changed.length) return { ok: true, changed };
		await trx
			.updateTable('staff_user')
			.set({ display_name: input.displayName, role: input.role, unit_id: unitId, updated_at: now })
			.where('id', '=', userId)
			.execute();
		const subject = { type: 'staff_user', id: userId };
		if (before.role !== input.role) {
			await appendAuditEvent(
				trx,
				{ actor, action: 'user.role_changed', subject, meta, payload: { from: before.role, to: input.role } },
				now
			);
		}
		const other = changed.filter((c) => c !== 'role');
		if (other.length) {
			await appendAuditEvent(
				trx,
				{ actor, action: 'user.updated', subject, meta, payload: { fields: other, unit: input.unitCode } },
				now
			);
		}
		return { ok: true, changed };
	});
}

export async function setStaffDisabled(
	db: Db,
	userId: number,
	disabled: boolean,
	actor: Actor,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<Result> {
	return inTransaction(db, async (trx) => {
		const before = await trx
			.selectFrom('staff_user')
			.select(['role', 'disabled_at'])
			.where('id', '=', userId)
			.executeTakeFirst();
		if (!before) return { ok: false, errors: { form: message('error.userNotFound') } };
		if ((before.disabled_at !== null) === disabled) return { ok: true };
		if (disabled && actor.type === 'staff' && actor.id === userId)
			return { ok: false, errors: { form: message('error.cannotDisableSelf') } };
		if (disabled && before.role === 'admin' && (await countActiveAdmins(trx)) <= 1)
			return { ok: false, errors: { form: message('error.lastAdmin') } };
		await trx
			.updateTable('staff_user')
			.set({ disabled_at: disabled ? now : null, updated_at: now })
			.where('id', '=', userId)
			.execute();
		if (disabled) await invalidateUserSessions(trx, userId);
		await appendAuditEvent(
			trx,
			{ actor, action: disabled ? 'user.disabled' : 'user.enabled', subject: { type: 'staff_user', id: userId }, meta },
			now
		);
		return { ok: true };
	});
}

/** An admin sets a new password for someone who lost theirs; their sessions end. */
export async function resetStaffPassword(
	db: Db,
	userId: number,
	newPassword: string,
	actor: Actor,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<Result> {
	const account = await db
		.selectFrom('staff_user')
		.select(['username', 'display_name'])
		.where('id', '=', userId)
		.executeTakeFirst();
	if (!account) return { ok: false, errors: { form: message('error.userNotFound') } };
	const weakness = findPasswordWeakness(newPassword, [account.username, account.display_name]);
	if (weakness) return { ok: false, errors: { password: weakness } };
	const passwordHash = await hashPassword(newPassword);
	return inTransaction(db, async (trx) => {
		const res = await trx
			.updateTable('staff_user')
			.set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
			.where('id', '=', userId)
			.executeTakeFirst();
		if (Number(res.numUpdatedRows) === 0) return { ok: false, errors: { form: message('error.userNotFound') } };
		await invalidateUserSessions(trx, userId);
		await appendAuditEvent(
			trx,
			{ actor, action: 'user.password_reset', subject: { type: 'staff_user', id: userId }, meta },
			now
		);
		return { ok: true };
	});
}

/** Removes a lost authenticator; the person enrols a new one at the next sign-in. */
export async function resetStaffTotp(
	db: Db,
	userId: number,
	actor: Actor,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<Result> {
	return inTransaction(db, async (trx) => {
		const res = await trx
			.updateTable('staff_user')
			.set({ totp_key_enc: null, totp_last_step: null, updated_at: now })
			.where('id', '=', userId)
			.executeTakeFirst();
		if (Number(res.numUpdatedRows) === 0) return { ok: false, errors: { form: message('error.userNotFound') } };
		// The recovery codes belonged to the removed authenticator: a new set comes with the next enrolment.
		await trx.deleteFrom('staff_recovery_code').where('user_id', '=', userId).execute();
		await invalidateUserSessions(trx, userId);
		await appendAuditEvent(
			trx,
			{ actor, action: 'user.totp_reset', subject: { type: 'staff_user', id: userId }, meta },
			now
		);
		return { ok: true };
	});
}

export async function changeOwnPassword(
	db: Db,
	user: { id: number; username: string },
	currentPassword: string,
	newPassword: string,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<Result> {
	const row = await db
		.selectFrom('staff_user')
		.select(['password_hash', 'display_name'])
		.where('id', '=', user.id)
		.executeTakeFirstOrThrow();
	if (!(await verifyPasswordHash(row.password_hash, currentPassword)))
		return { ok: false, errors: { currentPassword: message('error.currentPasswordWrong') } };
	if (currentPassword === newPassword)
		return { ok: false, errors: { newPassword: message('error.passwordUnchanged') } };
	const weakness = findPasswordWeakness(newPassword, [user.username, row.display_name]);
	if (weakness) return { ok: false, errors: { newPassword: weakness } };
	const passwordHash = await hashPassword(newPassword);
	await inTransaction(db, async (trx) => {
		await trx
			.updateTable('staff_user')
			.set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
			.where('id', '=', user.id)
			.execute();
		await invalidateUserSessions(trx, user.id);
		await appendAuditEvent(
			trx,
			{ actor: staffActor(user), action: 'auth.password_changed', subject: { type: 'staff_user', id: user.id }, meta },
			now
		);
	});
	return { ok: true };
}
