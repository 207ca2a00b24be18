// Lockouts that cannot be turned against users (issue 14, items 4, 9 and 10), through the real server and
// plain HTTP: a guesser slows only its own client, a flood of bad links never makes a valid link look
// invalid, a mail scanner's fetch is not "opened", and the service-wide cap on code sends answers 503.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '$lib/i18n';
import { readSettings, updateSettings } from '$lib/server/admin/settings';
import { openDatabase } from '$lib/server/db/open';
import { DEMO_PASSWORD } from '$lib/server/seed/demo';
import { readAudit } from './support/app';
import { startDemoWithLinks, type DemoLink, type DemoWithLinks } from './support/proxy';

const vi = messages.vi;
let demo: DemoWithLinks;
let unused: DemoLink[];

beforeAll(async () => {
	demo = await startDemoWithLinks();
	unused = [...demo.links];
}, 180_000);

afterAll(async () => {
	await demo?.dispose();
});

/** "name=value" of every cookie a response sets, ready for a Cookie header. */
function cookiesOf(res: Response): string[] {
	return res.headers.getSetCookie().map((c) => c.split(';')[0]);
}

function post(path: string, body: Record<string, string>, cookies: string[] = []) {
	return fetch(`${demo.server.url}${path}`, {
		method: 'POST',
		headers: {
			origin: demo.server.url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			cookie: cookies.join('; ')
		},
		body: new URLSearchParams(body).toString(),
		redirect: 'manual'
	});
}

/** What a reader sees: the page without its scripts (page data carries the route's whole catalog). */
const visible = (html: string) => html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');

const get = (path: string, cookies: string[] = []) =>
	fetch(`${demo.server.url}${path}`, { headers: { cookie: cookies.join('; ') }, redirect: 'manual' });

/** A message with `{time}` as a pattern: "… thử lại lúc 14:05." */
function withClockTime(text: string): RegExp {
	const [before, after] = text.split('{time}').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	return new RegExp(`${before}\\d{2}:\\d{2}${after}`);
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const forgedToken = () => Array.from({ length: 32 }, () => BASE32[Math.floor(Math.random() * 32)]).join('');

describe('a guesser cannot lock the owner out', () => {
	it("holds the guessing client back while the owner's known browser still signs in", async () => {
		const owner = await post('/login', { username: 'organiser', password: DEMO_PASSWORD });
		expect(owner.status).toBe(303);
		const knownDevice = cookiesOf(owner).filter((c) => c.startsWith('par_known_device='));
		expect(knownDevice).toHaveLength(1);

		// Someone on the same office network guesses the owner's password, without that cookie.
		const statuses: number[] = [];
		let lastPage = '';
		for (let i = 0; i < 12; i++) {
			const r = await post('/login', { username: 'organiser', password: `doan-mat-khau-${i}` });
			statuses.push(r.status);
			lastPage = await r.text();
		}
		expect(statuses.slice(0, 4)).toEqual([400, 400, 400, 400]);
		expect(statuses.slice(4)).toEqual(Array(8).fill(429));
		expect(lastPage).toMatch(withClockTime(vi['error.accountLocked']));

		// The owner's browser is not that client: it signs in at once.
		const again = await post('/login', { username: 'organiser', password: DEMO_PASSWORD }, knownDevice);
		expect(again.status).toBe(303);
		expect(cookiesOf(again).some((c) => c.startsWith('par_session='))).toBe(true);

		const audit = await readAudit(demo.dbPath);
		expect(audit.filter((e) => e.action === 'auth.login' && e.actor_label === 'organiser')).toHaveLength(2);
		// One event for the trip, not one per refused guess.
		expect(audit.filter((e) => e.action === 'auth.lockout')).toHaveLength(1);
		expect(audit.filter((e) => e.action === 'auth.login_failed' && e.actor_label === 'organiser')).toHaveLength(5);
	});
});

describe('personal links behind a network that sent many bad ones', () => {
	it('answers bad links with the time to come back, and still opens a valid link', async () => {
		// Bad links until the network is held back (100 are free; more if some leak away on a slow machine).
		let busyAt: string | null = null;
		for (let i = 0; i < 300 && !busyAt; i++) {
			const r = await get(`/s/${forgedToken()}`);
			expect(r.status).toBe(303);
			const location = r.headers.get('location') ?? '';
			if (location.startsWith('/s?link=busy')) busyAt = location;
			else expect(location).toBe('/s?link=invalid');
		}
		expect(busyAt).not.toBeNull();
		const busyPage = visible(await (await get(busyAt!)).text());
		expect(busyPage).toMatch(withClockTime(vi['respondent.error.tooManyFromIp']));
		expect(busyPage).not.toContain(vi['respondent.error.badLink']);

		// A person on that network opens their own link: it works, and is not yet "opened" (a scanner does this too).
		const link = unused.shift()!;
		const opened = await get(link.path);
		expect(opened.status).toBe(303);
		expect(opened.headers.get('location')).toBe('/s');
		const cookies = cookiesOf(opened);
		const page = visible(await (await get('/s', cookies)).text());
		expect(page).toContain(vi['respondent.verify.send']);
		expect(page).not.toContain(vi['respondent.error.tooManyFromIp'].split('{time}')[0]);

		let audit = await readAudit(demo.dbPath);
		expect(audit.filter((e) => e.action === 'link.throttled')).toHaveLength(1);
		const fetched = audit.filter((e) => e.action === 'link.fetched');
		expect(fetched).toHaveLength(1);
		const invitation = fetched[0].subject_id;
		expect(audit.filter((e) => e.action === 'link.opened' && e.subject_id === invitation)).toEqual([]);

		// The first human action, the code request, is what counts as opened.
		const sent = await post('/s?/send', {}, cookies);
		expect(sent.status).toBe(200);
		audit = await readAudit(demo.dbPath);
		expect(audit.filter((e) => e.action === 'link.opened' && e.subject_id === invitation)).toHaveLength(1);
	});
});

describe('the service-wide cap on code sends', () => {
	it('answers 503 in Vietnamese once the minute is full, and audits the trip once', async () => {
		const h = openDatabase(demo.dbPath);
		try {
			const current = await readSettings(h.db);
			const form: Record<string, string | null> = {};
			for (const [key, value] of Object.entries(current))
				form[key] = typeof value === 'boolean' ? (value ? 'on' : null) : String(value);
			const changed = await updateSettings(
				h.db,
				{ ...form, code_sends_per_minute: '10' },
				{ type: 'staff', id: 1, label: 'admin' },
				{ ip: '127.0.0.1', userAgent: 'e2e' }
			);
			expect(changed).toEqual({ ok: true, changed: ['code_sends_per_minute'] });
		} finally {
			await h.db.destroy();
		}
		// Code requests from fresh links until the minute's ceiling is reached (at most 10 fit in a clock minute).
		let refused: Response | null = null;
		for (let i = 0; i < 30 && !refused; i++) {
			const cookies = cookiesOf(await get(unused.shift()!.path));
			const r = await post('/s?/send', {}, cookies);
			if (r.status === 503) refused = r;
			else expect(r.status).toBe(200);
		}
		expect(refused).not.toBeNull();
		expect(await refused!.text()).toContain(vi['respondent.error.serviceBusy']);
		const trips = (await readAudit(demo.dbPath)).filter((e) => e.action === 'code.service_busy');
		expect(trips).toHaveLength(1);
	});
});
