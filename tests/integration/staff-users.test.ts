import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession, validateSessionToken } from '$lib/server/auth/session';
import { loginWithPassword } from '$lib/server/auth/login';
import { insertUnits } from '$lib/server/units/units';
import {
	changeOwnPassword,
	createStaffUser,
	listStaffUsers,
	resetStaffPassword,
	setStaffDisabled,
	updateStaffProfile
} from '$lib/server/admin/staff-users';
import { auditActions, freshDb, makeUser, META, type TestDb } from './support';

describe('staff account management', () => {
	let t: TestDb;
	let admin: { id: number; username: string };
	const actor = () => ({ type: 'staff' as const, id: admin.id, label: admin.username });
	beforeEach(async () => {
		t = await freshDb();
		await insertUnits(t.db, [
			{ code: '51', parentCode: null, name: 'Quảng Ngãi', fullName: 'Tỉnh Quảng Ngãi', kind: 'tỉnh', nameEn: null },
			{ code: '21025', parentCode: '51', name: 'Cẩm Thành', fullName: 'Phường Cẩm Thành', kind: 'phường', nameEn: null }
		]);
		admin = await makeUser(t, 'root', 'admin');
	});
	afterEach(() => t.close());

	it('creates an organiser scoped to a unit, with its audit event', async () => {
		const r = await createStaffUser(
			t.db,
			{
				username: 'hoa',
				displayName: 'Võ Thị Hoa',
				role: 'organiser',
				unitCode: '21025',
				password: 'mật khẩu của Hoa'
			},
			actor(),
			META
		);
		expect(r.ok).toBe(true);
		const users = await listStaffUsers(t.db);
		expect(users.find((u) => u.username === 'hoa')).toMatchObject({
			role: 'organiser',
			unitCode: '21025',
			unitName: 'Phường Cẩm Thành',
			totpEnabled: false
		});
		const ev = await t.db
			.selectFrom('audit_event')
			.selectAll()
			.where('action', '=', 'user.created')
			.orderBy('seq', 'desc')
			.executeTakeFirstOrThrow();
		expect(ev.actor_label).toBe('root');
		expect(JSON.parse(ev.payload)).toEqual({ username: 'hoa', role: 'organiser', unit: '21025' });
		expect(ev.payload).not.toContain('mật khẩu');
	});

	it('refuses a taken username or an unknown unit, changing nothing', async () => {
		const before = [await listStaffUsers(t.db), await auditActions(t)];
		const dup = await createStaffUser(
			t.db,
			{ username: 'root', displayName: 'X', role: 'analyst', unitCode: null, password: 'một mật khẩu đủ dài' },
			actor(),
			META
		);
		expect(dup).toEqual({ ok: false, errors: { username: { key: 'error.usernameTaken' } } });
		const unit = await createStaffUser(
			t.db,
			{ username: 'moi', displayName: 'X', role: 'organiser', unitCode: '99999', password: 'một mật khẩu đủ dài' },
			actor(),
			META
		);
		expect(unit).toEqual({ ok: false, errors: { unitCode: { key: 'error.unitUnknown' } } });
		expect([await listStaffUsers(t.db), await auditActions(t)]).toEqual(before);
	});

	it('records a role change as its own event', async () => {
		const u = await makeUser(t, 'minh', 'analyst');
		const r = await updateStaffProfile(
			t.db,
			u.id,
			{ displayName: 'Lê Minh', role: 'auditor', unitCode: null },
			actor(),
			META
		);
		expect(r).toEqual({ ok: true, changed: ['displayName', 'role'] });
		const events = await t.db
			.selectFrom('audit_event')
			.select(['action', 'payload'])
			.where('subject_id', '=', String(u.id))
			.orderBy('seq')
			.execute();
		expect(events.map((e) => e.action)).toEqual(['user.created', 'user.role_changed', 'user.updated']);
		expect(JSON.parse(events[1].payload)).toEqual({ from: 'analyst', to: 'auditor' });
	});

	it('keeps at least one active admin', async () => {
		expect(
			await updateStaffProfile(t.db, admin.id, { displayName: 'Root', role: 'analyst', unitCode: null }, actor(), META)
		).toEqual({ ok: false, errors: { role: { key: 'error.lastAdmin' } } });
		const other = await makeUser(t, 'root2', 'admin');
		expect(await setStaffDisabled(t.db, admin.id, true, actor(), META)).toEqual({
			ok: false,
			errors: { form: { key: 'error.cannotDisableSelf' } }
		});
		expect(await setStaffDisabled(t.db, other.id, true, actor(), META)).toEqual({ ok: true });
		expect(await setStaffDisabled(t.db, admin.id, true, { type: 'staff', id: other.id, label: 'root2' }, META)).toEqual(
			{ ok: false, errors: { form: { key: 'error.lastAdmin' } } }
		);
	});

	it('ends the sessions of a disabled person or a reset password', async () => {
		const u = await makeUser(t, 'minh', 'analyst');
		const s1 = await createSession(t.db, u.id, { twoFactorVerified: false, meta: META });
		await setStaffDisabled(t.db, u.id, true, actor(), META);
		expect((await validateSessionToken(t.db, s1.token)).session).toBeNull();
		await setStaffDisabled(t.db, u.id, false, actor(), META);
		const s2 = await createSession(t.db, u.id, { twoFactorVerified: false, meta: META });
		await resetStaffPassword(t.db, u.id, 'mật khẩu mới toanh', actor(), META);
		expect((await validateSessionToken(t.db, s2.token)).session).toBeNull();
		expect((await loginWithPassword(t.db, { username: 'minh', password: 'mật khẩu mới toanh' }, META)).ok).toBe(true);
		expect(await auditActions(t)).toEqual(
			expect.arrayContaining(['user.disabled', 'user.enabled', 'user.password_reset'])
		);
	});

	it('changes one’s own password only with the current one', async () => {
		const u = await makeUser(t, 'minh', 'analyst');
		expect(await changeOwnPassword(t.db, u, 'đoán sai mật khẩu', 'mật khẩu mới toanh', META)).toEqual({
			ok: false,
			errors: { currentPassword: { key: 'error.currentPasswordWrong' } }
		});
		expect(await changeOwnPassword(t.db, u, u.password, u.password, META)).toEqual({
			ok: false,
			errors: { newPassword: { key: 'error.passwordUnchanged' } }
		});
		expect(await changeOwnPassword(t.db, u, u.password, 'mật khẩu mới toanh', META)).toEqual({ ok: true });
		expect(await auditActions(t)).toContain('auth.password_changed');
	});
});
