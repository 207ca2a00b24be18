import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_POLICY, IP_POLICY, retryClock } from '$lib/domain/throttle';
import { readKnownDevices, rememberDevice } from '$lib/server/auth/known-device';
import { loginWithPassword } from '$lib/server/auth/login';
import { countFailure } from '$lib/server/auth/throttle';
import { auditActions, freshDb, makeUser, META, testKey, type TestDb } from './support';

const NOW = 1_790_000_000;
const WRONG = 'sai mật khẩu rồi';

describe('password sign-in', () => {
	let t: TestDb;
	beforeEach(async () => (t = await freshDb()));
	afterEach(() => t.close());

	const login = (username: string, password: string, now: number, meta = META, knownDevices?: Map<string, string>) =>
		loginWithPassword(t.db, { username, password, knownDevices }, meta, now);
	const lockouts = async () => (await auditActions(t)).filter((a) => a === 'auth.lockout').length;
	/** A browser that signed in as `username` before: its verified known-device entries. */
	const knownBrowser = (username: string) => {
		const key = testKey(t.dir);
		return readKnownDevices(key, rememberDevice(key, new Map(), username));
	};

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
		const wrong = await login('lan', 'không phải mật khẩu', NOW);
		const unknown = await login('ai-do', 'không phải mật khẩu', NOW);
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

	it('slows one client with growing waits (HH:MM in Vietnam), one event per trip, and forgets on success', async () => {
		const u = await makeUser(t, 'lan', 'organiser');
		for (let i = 0; i < 4; i++) expect(await login('lan', WRONG, NOW + i)).toMatchObject({ ok: false });
		const fifth = await login('lan', WRONG, NOW + 4);
		expect(fifth).toEqual({ ok: false, error: { key: 'error.accountLocked', params: { time: retryClock(NOW + 64) } } });
		// Waiting: even the right password is refused, with the same time, and nothing more is written.
		const before = await auditActions(t);
		expect(await login('lan', u.password, NOW + 30)).toEqual(fifth);
		expect(await auditActions(t)).toEqual(before);
		// The next failure after the wait doubles it: 2 minutes.
		expect(await login('lan', WRONG, NOW + 64)).toEqual({
			ok: false,
			error: { key: 'error.accountLocked', params: { time: retryClock(NOW + 64 + 120) } }
		});
		expect(await lockouts()).toBe(2);
		expect((await login('lan', u.password, NOW + 184)).ok).toBe(true);
		// A success empties this client's count: four free tries again.
		for (let i = 0; i < 4; i++)
			expect(await login('lan', WRONG, NOW + 200 + i)).toEqual({
				ok: false,
				error: { key: 'error.invalidCredentials' }
			});
	});

	it('an attacker cannot lock the owner out: another address, or the known browser, still signs in', async () => {
		const u = await makeUser(t, 'lan', 'organiser');
		const attacker = { ...META, ip: '198.51.100.66' };
		// 20 failures from one address, each as soon as its wait allows.
		let now = NOW;
		for (let i = 0; i < 20; i++) {
			const r = await login('lan', WRONG, now, attacker);
			now = r.ok || r.error.key !== 'error.accountLocked' ? now + 1 : now + 30 * 60;
		}
		expect((await login('lan', WRONG, now - 1, attacker)).ok).toBe(false);
		expect(await login('lan', u.password, now - 1, { ...META, ip: '192.0.2.10' })).toMatchObject({ ok: true });
		// Then a distributed guess from many addresses: the account-wide limit (30 free) holds strangers back...
		for (let i = 0; i < 30; i++) await countFailure(t.db, 'account:lan', ACCOUNT_POLICY, now);
		await login('lan', WRONG, now + 40, { ...META, ip: '10.0.0.1' });
		const stranger = await login('lan', u.password, now + 41, { ...META, ip: '192.0.2.99' });
		expect(stranger.ok ? '' : stranger.error.key).toBe('error.accountLocked');
		// ...but not the owner's known browser, from anywhere.
		expect(await login('lan', u.password, now + 42, { ...META, ip: '192.0.2.99' }, knownBrowser('lan'))).toMatchObject({
			ok: true
		});
		// A known-device entry cannot be moved to another account: a forged one counts for nothing.
		const key = testKey(t.dir);
		const [, id, mac] = rememberDevice(key, new Map(), 'mai').split('.');
		expect(readKnownDevices(key, [Buffer.from('lan').toString('base64url'), id, mac].join('.')).size).toBe(0);
	});

	it('a shared office address: 30 failures on other accounts do not stop a colleague; a flood spares known browsers', async () => {
		const u = await makeUser(t, 'lan', 'analyst');
		for (let i = 0; i < 30; i++) await login(`user${i}`, WRONG, NOW + i);
		expect(await login('lan', u.password, NOW + 31)).toMatchObject({ ok: true });
		// Past the address's allowance (60 free, the rest counted directly to spare the hashing) it is held
		// back: "too many from this network, at HH:MM"...
		for (let i = 0; i < 31; i++) await countFailure(t.db, `ip:${META.ip}`, IP_POLICY, NOW + 32);
		await login('other', WRONG, NOW + 33);
		const held = await login('lan', u.password, NOW + 64);
		expect(held.ok ? '' : held.error.key).toBe('error.tooManyFromIp');
		expect(held.ok ? {} : held.error.params).toHaveProperty('time');
		// ...except for a browser that has signed in to its account before.
		expect(await login('lan', u.password, NOW + 64, META, knownBrowser('lan'))).toMatchObject({ ok: true });
		expect(await lockouts()).toBe(1);
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
