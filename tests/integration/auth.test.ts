import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loginWithPassword } from '$lib/server/auth/login';
import { auditActions, freshDb, makeUser, META, type TestDb } from './support';

const NOW = 1_790_000_000;

describe('password sign-in', () => {
	let t: TestDb;
	beforeEach(async () => (t = await freshDb()));
	afterEach(() => t.close());

	it('signs in with the right password and records it', async () => {
		const u = await makeUser(t, 'lan', 'analyst');
		const r = await loginWithPassword(t.db, { username: ' LAN ', password: u.password }, META, NOW);
		expect(r).toEqual({ ok: true, userId: u.id, username: 'lan' });
		const ev = await t.db
			.selectFrom('audit_event')
			.selectAll()
			.where('action', '=', 'auth.login')
			.executeTakeFirstOrThrow();
		expect(ev).toMatchObject({ actor_type: 'staff', actor_id: String(u.id), ip: META.ip, user_agent: META.userAgent });
	});

	it('answers a wrong password and an unknown user alike, and records both', async () => {
		await makeUser(t, 'lan', 'analyst');
		const wrong = await loginWithPassword(t.db, { username: 'lan', password: 'không phải mật khẩu' }, META, NOW);
		const unknown = await loginWithPassword(t.db, { username: 'ai-do', password: 'không phải mật khẩu' }, META, NOW);
		expect(wrong).toEqual({ ok: false, error: { key: 'error.invalidCredentials' } });
		expect(unknown).toEqual(wrong);
		const rows = await t.db
			.selectFrom('audit_event')
			.select(['action', 'actor_label', 'payload'])
			.where('action', '=', 'auth.login_failed')
			.execute();
		expect(rows.map((r) => [r.actor_label, JSON.parse(r.payload).reason])).toEqual([
			['lan', 'wrong_password'],
			['ai-do', 'unknown_user']
		]);
	});

	it('locks the account after five failures, even for the right password, then lets it in later', async () => {
		const u = await makeUser(t, 'lan', 'organiser');
		for (let i = 0; i < 4; i++) {
			expect((await loginWithPassword(t.db, { username: 'lan', password: 'sai mật khẩu rồi' }, META, NOW + i)).ok).toBe(
				false
			);
		}
		const fifth = await loginWithPassword(t.db, { username: 'lan', password: 'sai mật khẩu rồi' }, META, NOW + 4);
		expect(fifth).toEqual({ ok: false, error: { key: 'error.accountLocked', params: { minutes: 15 } } });
		expect(await auditActions(t)).toContain('auth.lockout');
		const locked = await loginWithPassword(t.db, { username: 'lan', password: u.password }, META, NOW + 4 + 300);
		expect(locked).toEqual({ ok: false, error: { key: 'error.accountLocked', params: { minutes: 10 } } });
		expect((await loginWithPassword(t.db, { username: 'lan', password: u.password }, META, NOW + 4 + 15 * 60)).ok).toBe(
			true
		);
	});

	it('throttles one IP address across many accounts', async () => {
		let last;
		for (let i = 0; i < 30; i++)
			last = await loginWithPassword(t.db, { username: `user${i}`, password: 'đoán mò mật khẩu' }, META, NOW + i);
		expect(last).toEqual({ ok: false, error: { key: 'error.tooManyFromIp', params: { minutes: 15 } } });
		const other = await loginWithPassword(
			t.db,
			{ username: 'khac', password: 'đoán mò mật khẩu' },
			{ ...META, ip: '198.51.100.1' },
			NOW + 40
		);
		expect(other.ok ? '' : other.error.key).toBe('error.invalidCredentials');
	});

	it('refuses empty fields and a 10 kB password cleanly, writing nothing', async () => {
		await makeUser(t, 'lan', 'analyst');
		const before = await auditActions(t);
		expect(await loginWithPassword(t.db, { username: '', password: 'x' }, META, NOW)).toEqual({
			ok: false,
			error: { key: 'error.usernameRequired' }
		});
		expect(await loginWithPassword(t.db, { username: 'lan', password: '' }, META, NOW)).toEqual({
			ok: false,
			error: { key: 'error.passwordRequired' }
		});
		expect(await loginWithPassword(t.db, { username: 'lan', password: 'x'.repeat(10_240) }, META, NOW)).toEqual({
			ok: false,
			error: { key: 'error.passwordTooLong' }
		});
		expect(await loginWithPassword(t.db, { username: null, password: 42 }, META, NOW)).toEqual({
			ok: false,
			error: { key: 'error.usernameRequired' }
		});
		expect(await auditActions(t)).toEqual(before);
		expect(await t.db.selectFrom('login_throttle').selectAll().execute()).toEqual([]);
	});

	it('refuses a disabled account with the same answer as a wrong password', async () => {
		const u = await makeUser(t, 'lan', 'analyst');
		await t.db.updateTable('staff_user').set({ disabled_at: NOW }).where('id', '=', u.id).execute();
		expect(await loginWithPassword(t.db, { username: 'lan', password: u.password }, META, NOW)).toEqual({
			ok: false,
			error: { key: 'error.invalidCredentials' }
		});
	});
});
