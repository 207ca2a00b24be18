// A person's own sessions on /account (ASVS 7.5.2): the list, ending one, ending all others, and a
// forged handle for someone else's session, through the page's real load and actions on a real file.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isActionFailure, type RequestEvent } from '@sveltejs/kit';
import { Migrator } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrations } from '../../migrations';
import { translator } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { migrateToLatest, openDatabase } from '$lib/server/db/open';
import { createSession, validateSessionToken, type SessionValidation } from '$lib/server/auth/session';
import { nowSeconds } from '$lib/server/time';
import { actions, load } from '../../src/routes/(staff)/account/+page.server';
import { freshDb, makeUser, useAppDatabase, type TestDb } from './support';

const CHROME_WINDOWS =
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const IDLE = 30 * 60;

type Listed = { handle: string | null; current: boolean; ip: string | null; userAgent: string | null };
type Page = { sessions: Listed[] };

describe('own sessions on /account', () => {
	let t: TestDb;
	let lan: number;
	let minh: number;
	beforeAll(async () => {
		t = await freshDb();
		useAppDatabase(t);
		await getApp();
		lan = (await makeUser(t, 'lan', 'analyst')).id;
		minh = (await makeUser(t, 'minh', 'analyst')).id;
	});
	afterAll(() => t.close());
	beforeEach(async () => {
		await t.db.deleteFrom('staff_session').execute();
	});

	async function signIn(userId: number, ip: string, userAgent: string, at = nowSeconds()) {
		const { token } = await createSession(t.db, userId, { twoFactorVerified: false, meta: { ip, userAgent } }, at);
		return token;
	}

	async function signedIn(token: string): Promise<SessionValidation & { session: object }> {
		const v = await validateSessionToken(t.db, token, IDLE);
		if (!v.session) throw new Error('session expected');
		return v;
	}

	function accountEvent(v: SessionValidation, fields?: Record<string, string>): RequestEvent {
		const url = new URL('http://localhost/account');
		let init: RequestInit = {};
		if (fields) {
			const body = new FormData();
			for (const [k, value] of Object.entries(fields)) body.set(k, value);
			init = { method: 'POST', body };
		}
		return {
			url,
			params: {},
			locals: { user: v.user, session: v.session, secondFactor: 'none', locale: 'vi', demo: false },
			request: new Request(url, init),
			getClientAddress: () => '203.0.113.50',
			route: { id: '/(staff)/account' },
			cookies: { get: () => undefined, set: () => {}, delete: () => {} }
		} as unknown as RequestEvent;
	}

	const pageOf = async (v: SessionValidation) => (await load(accountEvent(v) as never)) as unknown as Page;
	const sessionIds = async () =>
		(await t.db.selectFrom('staff_session').select('id').orderBy('id').execute()).map((r) => r.id);
	const auditRows = () => t.db.selectFrom('audit_event').selectAll().orderBy('seq').execute();

	it('lists only the person’s live sessions, the current one first, by handle with IP, device and times', async () => {
		const current = await signIn(lan, '203.0.113.7', CHROME_WINDOWS);
		const phone = await signIn(lan, '198.51.100.20', SAFARI_IPHONE, nowSeconds() - 600);
		await signIn(lan, '192.0.2.1', CHROME_WINDOWS, nowSeconds() - 2 * IDLE); // idle: over
		const other = await signIn(minh, '192.0.2.99', SAFARI_IPHONE);
		const page = await pageOf(await signedIn(current));

		expect(page.sessions.map((s) => [s.current, s.ip, s.userAgent])).toEqual([
			[true, '203.0.113.7', CHROME_WINDOWS],
			[false, '198.51.100.20', SAFARI_IPHONE]
		]);
		const phoneRow = await t.db
			.selectFrom('staff_session')
			.selectAll()
			.where('id', '=', phone.split('.')[0])
			.executeTakeFirstOrThrow();
		expect(page.sessions[1]).toMatchObject({ signedInAt: phoneRow.created_at, lastSeenAt: phoneRow.last_seen_at });
		for (const s of page.sessions) expect(s.handle).toMatch(/^[0-9a-f]{32}$/);
		// Nothing in the page names a session the way the cookie does, nor shows anyone else's.
		const shown = JSON.stringify(page);
		for (const token of [current, phone, other]) for (const part of token.split('.')) expect(shown).not.toContain(part);
		expect(shown).not.toContain('192.0.2.99');
	});

	it('records the last use when a session is validated, at most once a minute', async () => {
		const at = nowSeconds() - 600;
		const token = await signIn(lan, '203.0.113.7', CHROME_WINDOWS, at);
		const lastSeen = async () =>
			(await t.db.selectFrom('staff_session').select('last_seen_at').executeTakeFirstOrThrow()).last_seen_at;
		await validateSessionToken(t.db, token, IDLE, at + 30);
		expect(await lastSeen()).toBe(at);
		await validateSessionToken(t.db, token, IDLE, at + 120);
		expect(await lastSeen()).toBe(at + 120);
	});

	it('ends one other session, audited without any token, and keeps the current one', async () => {
		const current = await signIn(lan, '203.0.113.7', CHROME_WINDOWS);
		const phone = await signIn(lan, '198.51.100.20', SAFARI_IPHONE);
		const v = await signedIn(current);
		const target = (await pageOf(v)).sessions.find((s) => !s.current)!;
		const before = (await auditRows()).length;

		const result = await actions.endSession(accountEvent(v, { handle: target.handle! }) as never);
		expect(result).toEqual({ action: 'endSession', saved: { key: 'account.sessionEnded' } });
		expect((await validateSessionToken(t.db, phone, IDLE)).session).toBeNull();
		expect((await validateSessionToken(t.db, current, IDLE)).session).not.toBeNull();
		const [event, ...more] = (await auditRows()).slice(before);
		expect(more).toEqual([]);
		expect(event).toMatchObject({
			action: 'auth.session_ended',
			actor_label: 'lan',
			subject_type: 'staff_user',
			subject_id: String(lan),
			ip: '203.0.113.50'
		});
		expect(JSON.parse(event.payload)).toEqual({ count: 1 });
		for (const part of [...phone.split('.'), target.handle!]) expect(JSON.stringify(event)).not.toContain(part);
	});

	it('ends all other sessions at once, not the current one nor anyone else’s', async () => {
		const current = await signIn(lan, '203.0.113.7', CHROME_WINDOWS);
		await signIn(lan, '198.51.100.20', SAFARI_IPHONE);
		await signIn(lan, '198.51.100.21', CHROME_WINDOWS);
		const other = await signIn(minh, '192.0.2.99', SAFARI_IPHONE);
		const v = await signedIn(current);
		const before = (await auditRows()).length;

		const result = await actions.endOthers(accountEvent(v, {}) as never);
		expect(result).toEqual({ action: 'endOthers', saved: { key: 'account.othersEnded', params: { count: 2 } } });
		expect(await sessionIds()).toEqual([current.split('.')[0], other.split('.')[0]].sort());
		const events = (await auditRows()).slice(before);
		expect(events.map((e) => [e.action, e.subject_id, JSON.parse(e.payload)])).toEqual([
			['auth.sessions_ended_others', String(lan), { count: 2 }]
		]);

		// Nothing left to end: a refusal, and nothing written.
		const again = await actions.endOthers(accountEvent(v, {}) as never);
		expect(isActionFailure(again) && again.data).toMatchObject({
			errors: { form: { key: 'account.noOtherSessions' } }
		});
		expect((await auditRows()).length).toBe(before + 1);
	});

	it('refuses a forged handle (someone else’s session, its own, an id, garbage) in Vietnamese, changing nothing', async () => {
		const current = await signIn(lan, '203.0.113.7', CHROME_WINDOWS);
		const mine = await signIn(lan, '198.51.100.20', SAFARI_IPHONE);
		const others = await signIn(minh, '192.0.2.99', SAFARI_IPHONE);
		const v = await signedIn(current);
		const minhsHandle = (await pageOf(await signedIn(others))).sessions[0].handle!;
		const ownHandle = (await pageOf(v)).sessions.find((s) => s.current)!.handle!;
		const ids = await sessionIds();
		const audited = (await auditRows()).length;

		for (const handle of [minhsHandle, ownHandle, others.split('.')[0], minhsHandle.toUpperCase(), "' or 1=1 --", '']) {
			const result = await actions.endSession(accountEvent(v, { handle }) as never);
			expect(isActionFailure(result), handle).toBe(true);
			if (!isActionFailure(result)) continue;
			expect(result.status).toBe(400);
			expect(result.data).toMatchObject({ action: 'endSession', errors: { form: { key: 'account.sessionNotFound' } } });
		}
		expect(translator('vi')('account.sessionNotFound')).toMatch(/^Không thể kết thúc phiên này/);
		expect(await sessionIds()).toEqual(ids);
		expect((await auditRows()).length).toBe(audited);
		expect((await validateSessionToken(t.db, mine, IDLE)).session).not.toBeNull();
		expect((await validateSessionToken(t.db, others, IDLE)).session).not.toBeNull();
	});
});

describe('migration 0009', () => {
	it('gives every session open during the upgrade its own handle', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'par-survey-0009-'));
		const { db } = openDatabase(path.join(dir, 'old.sqlite'));
		try {
			const provider = { getMigrations: async () => migrations };
			expect((await new Migrator({ db, provider }).migrateTo('0007_flag_reviews')).error).toBeUndefined();
			const at = nowSeconds();
			await db
				.insertInto('staff_user')
				.values({
					username: 'lan',
					display_name: 'Lan',
					role: 'analyst',
					password_hash: 'x',
					password_changed_at: at,
					created_at: at,
					updated_at: at
				} as never)
				.execute();
			for (const id of ['a'.repeat(32), 'b'.repeat(32)])
				await db
					.insertInto('staff_session')
					.values({ id, secret_hash: '0', user_id: 1, created_at: at, last_seen_at: at, expires_at: at + 60 } as never)
					.execute();
			await migrateToLatest(db);
			const handles = (await db.selectFrom('staff_session').select('handle').execute()).map((r) => r.handle);
			expect(handles).toHaveLength(2);
			for (const h of handles) expect(h).toMatch(/^[0-9a-f]{32}$/);
			expect(handles[0]).not.toBe(handles[1]);
		} finally {
			await db.destroy();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
