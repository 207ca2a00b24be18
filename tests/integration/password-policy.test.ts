// Issue 14 item 1: every place a password is set refuses a guessable one, explains why, and writes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { completeSetup, issueSetupTokenIfNeeded, isSetupTokenValid } from '$lib/server/admin/setup';
import { changeOwnPassword, listStaffUsers, resetStaffPassword } from '$lib/server/admin/staff-users';
import { staffActor } from '$lib/server/audit';
import { translator } from '$lib/i18n';
import { auditActions, freshDb, makeUser, META, type TestDb } from './support';

const vi = translator('vi');

async function passwordHash(t: TestDb, id: number) {
	const row = await t.db
		.selectFrom('staff_user')
		.select('password_hash')
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
	return row.password_hash;
}

describe('guessable passwords are refused wherever a password is set', () => {
	let t: TestDb;
	beforeEach(async () => (t = await freshDb()));
	afterEach(() => t.close());

	it('setup: the first administrator cannot use the province name, and the link stays usable', async () => {
		const token = (await issueSetupTokenIfNeeded(t.db))!;
		const input = { username: 'chief', displayName: 'Nguyễn Thị Hồng Nhung' };
		const weak = await completeSetup(t.db, token, { ...input, password: 'quangngai2026!' }, META);
		expect(weak).toEqual({ ok: false, errors: { password: { key: 'error.passwordContextual' } } });
		expect(vi('error.passwordContextual')).toContain('tên tỉnh');
		const own = await completeSetup(t.db, token, { ...input, password: 'Hồng Nhung 1990!' }, META);
		expect(own).toEqual({ ok: false, errors: { password: { key: 'error.passwordContextual' } } });
		expect(await listStaffUsers(t.db)).toEqual([]);
		expect(await auditActions(t)).toEqual(['setup.token_issued']);
		expect(await isSetupTokenValid(t.db, token)).toBe(true);

		expect((await completeSetup(t.db, token, { ...input, password: 'mây trắng bay qua đồi chè xanh' }, META)).ok).toBe(
			true
		);
	});

	it('admin reset: a breached password is refused, the hash and sessions stay, no event', async () => {
		const admin = await makeUser(t, 'root', 'admin');
		const u = await makeUser(t, 'minh', 'analyst');
		const before = await passwordHash(t, u.id);
		const eventsBefore = await auditActions(t);
		for (const password of ['password1234', 'Password123!', 'qwertyuiop123'])
			expect(await resetStaffPassword(t.db, u.id, password, staffActor(admin), META)).toEqual({
				ok: false,
				errors: { password: { key: 'error.passwordCommon' } }
			});
		expect(vi('error.passwordCommon')).toContain('rò rỉ');
		expect(await passwordHash(t, u.id)).toBe(before);
		expect(await auditActions(t)).toEqual(eventsBefore);

		expect(await resetStaffPassword(t.db, u.id, 'Tr4m-Hoa-Sen-Nuoc-Ngot', staffActor(admin), META)).toEqual({
			ok: true
		});
		expect(await passwordHash(t, u.id)).not.toBe(before);
	});

	it('own change: the app name plus a year is refused after the current password checks out', async () => {
		const u = await makeUser(t, 'minh', 'analyst');
		const before = await passwordHash(t, u.id);
		const eventsBefore = await auditActions(t);
		for (const password of ['parsurvey2026', 'khaosatpar2026', 'minh-2026-minh'])
			expect(await changeOwnPassword(t.db, u, u.password, password, META)).toEqual({
				ok: false,
				errors: { newPassword: { key: 'error.passwordContextual' } }
			});
		expect(await changeOwnPassword(t.db, u, u.password, '123456789012', META)).toEqual({
			ok: false,
			errors: { newPassword: { key: 'error.passwordCommon' } }
		});
		expect(await passwordHash(t, u.id)).toBe(before);
		expect(await auditActions(t)).toEqual(eventsBefore);
	});
});
