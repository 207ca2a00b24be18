import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	ABSOLUTE_LIFETIME,
	createSession,
	invalidateUserSessions,
	validateSessionToken
} from '$lib/server/auth/session';
import type { Cookies } from '@sveltejs/kit';
import { renewSession, signOut } from '$lib/server/auth/sign-in';
import { auditActions, freshDb, makeUser, META, type TestDb } from './support';

/** Just enough of SvelteKit's cookies to see what a sign-in step leaves in the browser. */
function cookieJar() {
	const jar = new Map<string, string>();
	const cookies = {
		set: (name: string, value: string) => void jar.set(name, value),
		delete: (name: string) => void jar.delete(name)
	} as unknown as Cookies;
	return { jar, browser: { cookies, url: new URL('http://localhost/login') } };
}

const NOW = 1_790_000_000;
const IDLE = 30 * 60;

describe('staff sessions', () => {
	let t: TestDb;
	let userId: number;
	beforeEach(async () => {
		t = await freshDb();
		userId = (await makeUser(t, 'lan', 'analyst')).id;
	});
	afterEach(() => t.close());

	it('issues id.secret tokens of 160-bit parts and stores only the secret hash', async () => {
		const { token, session } = await createSession(t.db, userId, { twoFactorVerified: false, meta: META }, NOW);
		expect(token).toMatch(/^[a-z2-7]{32}\.[a-z2-7]{32}$/);
		const [id, secret] = token.split('.');
		expect(session.id).toBe(id);
		const row = await t.db.selectFrom('staff_session').selectAll().executeTakeFirstOrThrow();
		expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(row)).not.toContain(secret);
		const v = await validateSessionToken(t.db, token, IDLE, NOW + 5);
		expect(v.user?.username).toBe('lan');
	});

	it('rejects forged, malformed and wrong-secret tokens', async () => {
		const { token } = await createSession(t.db, userId, { twoFactorVerified: false, meta: META }, NOW);
		const [id] = token.split('.');
		for (const forged of [
			`${id}.${'a'.repeat(32)}`,
			id,
			'',
			'x.y',
			`${id}.${token.split('.')[1]}.extra`,
			`'; drop table staff_session; --`
		]) {
			expect((await validateSessionToken(t.db, forged, IDLE, NOW)).session, forged).toBeNull();
		}
		expect((await validateSessionToken(t.db, token, IDLE, NOW)).session).not.toBeNull();
	});

	it('ends after the idle timeout, and touching keeps it alive', async () => {
		const { token } = await createSession(t.db, userId, { twoFactorVerified: false, meta: META }, NOW);
		expect((await validateSessionToken(t.db, token, IDLE, NOW + IDLE - 10)).session?.lastSeenAt).toBe(NOW + IDLE - 10);
		expect((await validateSessionToken(t.db, token, IDLE, NOW + 2 * IDLE - 20)).session).not.toBeNull();
		expect((await validateSessionToken(t.db, token, IDLE, NOW + 3 * IDLE)).session).toBeNull();
		expect(await t.db.selectFrom('staff_session').selectAll().execute()).toEqual([]);
	});

	it('ends after the absolute lifetime however active it is', async () => {
		const { token } = await createSession(t.db, userId, { twoFactorVerified: false, meta: META }, NOW);
		for (let at = NOW; at < NOW + ABSOLUTE_LIFETIME; at += IDLE - 60) {
			expect((await validateSessionToken(t.db, token, IDLE, at)).session).not.toBeNull();
		}
		expect((await validateSessionToken(t.db, token, IDLE, NOW + ABSOLUTE_LIFETIME)).session).toBeNull();
	});

	it('ends every session of a person at once, and a disabled person has none', async () => {
		const a = await createSession(t.db, userId, { twoFactorVerified: false, meta: META }, NOW);
		const b = await createSession(t.db, userId, { twoFactorVerified: true, meta: META }, NOW);
		await invalidateUserSessions(t.db, userId);
		expect((await validateSessionToken(t.db, a.token, IDLE, NOW)).session).toBeNull();
		expect((await validateSessionToken(t.db, b.token, IDLE, NOW)).session).toBeNull();
		const c = await createSession(t.db, userId, { twoFactorVerified: false, meta: META }, NOW);
		await t.db.updateTable('staff_user').set({ disabled_at: NOW }).execute();
		expect((await validateSessionToken(t.db, c.token, IDLE, NOW)).session).toBeNull();
	});
	it('swaps the session at each sign-in step and ends it, audited, on sign-out', async () => {
		const { jar, browser } = cookieJar();
		await renewSession(t.db, browser, null, userId, { twoFactorVerified: false, meta: META });
		const first = jar.get('par_session')!;
		const v1 = await validateSessionToken(t.db, first, IDLE);
		await renewSession(t.db, browser, v1.session!.id, userId, { twoFactorVerified: true, meta: META });
		const second = jar.get('par_session')!;
		expect(second).not.toBe(first);
		expect((await validateSessionToken(t.db, first, IDLE)).session).toBeNull();
		const v2 = await validateSessionToken(t.db, second, IDLE);
		expect(v2.session?.twoFactorVerified).toBe(true);

		await signOut(t.db, browser, { user: v2.user!, sessionId: v2.session!.id }, META);
		expect(jar.has('par_session')).toBe(false);
		expect((await validateSessionToken(t.db, second, IDLE)).session).toBeNull();
		expect(await auditActions(t)).toContain('auth.logout');
	});
});

describe('maintenance', () => {
	it('removes dead sessions and stale throttle rows, and empties the WAL', async () => {
		const { runMaintenance } = await import('$lib/server/db/maintenance');
		const { statSync } = await import('node:fs');
		const t = await freshDb();
		try {
			const userId = (await makeUser(t, 'lan', 'analyst')).id;
			const live = await createSession(t.db, userId, { twoFactorVerified: false, meta: META }, NOW);
			await createSession(t.db, userId, { twoFactorVerified: false, meta: META }, NOW - 2 * IDLE);
			await t.db
				.insertInto('login_throttle')
				.values([
					{ key: 'ip:old', failures: 1, window_start: NOW - 2 * 86400, locked_until: null },
					{ key: 'ip:new', failures: 1, window_start: NOW - 60, locked_until: null }
				])
				.execute();
			await runMaintenance(t.db, t.sqlite, NOW);
			expect((await t.db.selectFrom('staff_session').select('id').execute()).map((r) => r.id)).toEqual([
				live.session.id
			]);
			expect((await t.db.selectFrom('login_throttle').select('key').execute()).map((r) => r.key)).toEqual(['ip:new']);
			// SQLite's WAL is truncated with it; PostgreSQL's WAL is the server's own.
			if (t.sqlite) expect(statSync(`${t.file}-wal`).size).toBe(0);
		} finally {
			await t.close();
		}
	});
});
