// ASVS 6.3.1: a stolen session must not guess the current password without limit when changing it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { retryClock } from '$lib/domain/throttle';
import { verifyPasswordHash } from '$lib/server/auth/password';
import { changeOwnPasswordThrottled } from '$lib/server/auth/current-password';
import { auditActions, freshDb, makeUser, META, type TestDb } from './support';

const NOW = 1_790_000_000;
const NEW_PASSWORD = 'ngựa-vằn-tím-ăn-bánh-xèo-9137';

describe('changing one’s own password', () => {
	let t: TestDb;
	beforeEach(async () => (t = await freshDb()));
	afterEach(() => t.close());

	it('slows a session guessing the current password, audits each failure and trip, changes nothing meanwhile', async () => {
		const u = await makeUser(t, 'minh', 'analyst');
		const change = (current: string, now: number, session = 'stolen') =>
			changeOwnPasswordThrottled(t.db, u, session, { current, next: NEW_PASSWORD }, META, now);
		for (let i = 0; i < 4; i++)
			expect(await change(`đoán sai ${i}`, NOW + i)).toEqual({
				ok: false,
				errors: { currentPassword: { key: 'error.currentPasswordWrong' } }
			});
		const waiting = {
			ok: false,
			errors: { currentPassword: { key: 'error.currentPasswordLocked', params: { time: retryClock(NOW + 4 + 60) } } }
		};
		expect(await change('đoán sai 4', NOW + 4)).toEqual(waiting);
		const actions = await auditActions(t);
		expect(actions.filter((a) => a === 'auth.current_password_failed')).toHaveLength(5);
		expect(actions.filter((a) => a === 'auth.lockout')).toHaveLength(1);
		// While it waits even the right password changes nothing and writes nothing.
		expect(await change(u.password, NOW + 30)).toEqual(waiting);
		expect(await auditActions(t)).toEqual(actions);
		const row = await t.db
			.selectFrom('staff_user')
			.select('password_hash')
			.where('id', '=', u.id)
			.executeTakeFirstOrThrow();
		expect(await verifyPasswordHash(row.password_hash, u.password)).toBe(true);
		// The owner's own session is not held back by the stolen one.
		expect(await change(u.password, NOW + 31, 'owner')).toEqual({ ok: true });
		expect(await auditActions(t)).toContain('auth.password_changed');
	});

	it('a refusal that is not a wrong current password counts nothing', async () => {
		const u = await makeUser(t, 'minh', 'analyst');
		const r = await changeOwnPasswordThrottled(t.db, u, 's', { current: u.password, next: u.password }, META, NOW);
		expect(r.ok).toBe(false);
		expect(await t.db.selectFrom('login_throttle').selectAll().execute()).toEqual([]);
		expect(await auditActions(t)).not.toContain('auth.current_password_failed');
	});
});
