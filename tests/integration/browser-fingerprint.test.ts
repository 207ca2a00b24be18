// The browser fingerprint on the participation side: the code and credential events of a real
// respondent flow carry the keyed hash of the page's traits (never the traits), and the flag loader reads it.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { traitsOf, type TraitSource } from '$lib/respondent/fingerprint';
import type { AppKey } from '$lib/server/crypto/keyring';
import { loadProxyFlagInput } from '$lib/server/monitoring/proxy-flags';
import { issueCredential } from '$lib/server/respondent/credential';
import { fingerprintOf } from '$lib/server/respondent/fingerprint';
import type { IssuedLink } from '$lib/server/outreach/invitations';
import { META, type TestDb } from './support';
import { blindFor, removeTemplate, seededCopy, verifiedRespondent } from './respondent-support';

let t: TestDb;
let key: AppKey;
let links: IssuedLink[];
let campaignId: number;

beforeEach(async () => {
	({ t, key, links, campaignId } = await seededCopy());
});
afterEach(() => t.close());
afterAll(removeTemplate);

const pc = (width: number): TraitSource => ({
	navigator: {
		userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0.0.0',
		language: 'vi-VN',
		languages: ['vi-VN', 'en-US'],
		platform: 'Win32',
		hardwareConcurrency: 8,
		maxTouchPoints: 0
	},
	screen: { width, height: 1080, colorDepth: 24 },
	devicePixelRatio: 1,
	timeZone: 'Asia/Ho_Chi_Minh'
});

const ACTIONS = ['code.sent', 'code.verified', 'credential.issued'];

/** Verifies and gets a credential on a fresh device (a new private window) sending `traits`. */
async function complete(linkIndex: number, device: string, traits: string) {
	const meta = { ...META, fingerprint: fingerprintOf(key, traits) };
	const { ctx } = await verifiedRespondent(t.db, key, links[linkIndex].token, device, meta);
	const b = await blindFor(t.db, ctx.person.cellId!);
	const issued = await issueCredential(t.db, key, ctx, b.blinded, meta);
	expect(issued.ok).toBe(true);
	return ctx.invitation.id;
}

async function eventsOf(invitationId: number) {
	const rows = await t.db
		.selectFrom('audit_event')
		.select(['action', 'payload'])
		.where('actor_type', '=', 'invitation')
		.where('actor_id', '=', String(invitationId))
		.where('action', 'in', ACTIONS)
		.orderBy('seq')
		.execute();
	return rows.map((r) => ({ action: r.action, payload: r.payload, parsed: JSON.parse(r.payload) }));
}

describe('browser fingerprint', () => {
	it('is the same for two links completed with the same traits, and differs for other traits', async () => {
		const same = traitsOf(pc(1920));
		const other = traitsOf(pc(1366));
		const first = await complete(0, 'private-window-1', same);
		const second = await complete(1, 'private-window-2', same);
		const third = await complete(2, 'private-window-3', other);

		const [a, b, c] = await Promise.all([first, second, third].map(eventsOf));
		for (const events of [a, b, c]) expect(events.map((e) => e.action)).toEqual(ACTIONS);
		const fp = a[0].parsed.fingerprint;
		expect(fp).toBe(fingerprintOf(key, same));
		for (const e of [...a, ...b]) expect(e.parsed.fingerprint).toBe(fp);
		for (const e of c) expect(e.parsed.fingerprint).toBe(fingerprintOf(key, other));
		expect(fingerprintOf(key, other)).not.toBe(fp);

		// Never the traits in clear: no trait value appears in any stored payload.
		for (const e of [...a, ...b, ...c]) {
			for (const piece of ['Chrome', 'vi-VN', 'Asia/Ho_Chi_Minh', 'Win32', '1920', '1366'])
				expect(e.payload).not.toContain(piece);
		}
		// The rest of each payload is what it was.
		expect(Object.keys(a[0].parsed).sort()).toEqual(['channel', 'device', 'fingerprint']);
		expect(Object.keys(a[1].parsed).sort()).toEqual(['device', 'fingerprint', 'otherDevice', 'requestedOnDevice']);
		expect(Object.keys(a[2].parsed).sort()).toEqual(['cell', 'device', 'fingerprint']);

		// The flag loader hands the rules the fingerprint of each verification and credential.
		const input = await loadProxyFlagInput(t.db, campaignId);
		const loaded = input.events.filter((e) => e.action === 'code.verified' || e.action === 'credential.issued');
		expect(loaded.filter((e) => e.invitationId === first).map((e) => e.fingerprint)).toEqual([fp, fp]);
		expect(loaded.filter((e) => e.invitationId === second).map((e) => e.fingerprint)).toEqual([fp, fp]);
		expect(
			loaded.filter((e) => e.invitationId === third).every((e) => e.fingerprint === fingerprintOf(key, other))
		).toBe(true);
	});

	it('records no fingerprint without traits (no JavaScript) and none for oversized ones', async () => {
		const plain = await complete(0, 'no-script', '');
		const huge = await complete(1, 'huge', 'x'.repeat(5000));
		for (const id of [plain, huge]) {
			const events = await eventsOf(id);
			expect(events.map((e) => e.action)).toEqual(ACTIONS);
			for (const e of events) expect(e.parsed).not.toHaveProperty('fingerprint');
		}
		const input = await loadProxyFlagInput(t.db, campaignId);
		expect(input.events.filter((e) => e.invitationId === plain).every((e) => e.fingerprint === null)).toBe(true);
	});
});
