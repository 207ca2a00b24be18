// Several live links per person (issue 15 item 2): re-issuing adds a link, each tracked by channel; only
// "Thu hồi" (all links or one) or the per-person cap kills one; a dead link says why; refusals write nothing.
import { Migrator } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '$lib/i18n';
import { migrations } from '../../migrations';
import { migrateToLatest } from '$lib/server/db/open';
import type { AppKey } from '$lib/server/crypto/keyring';
import { issueCredential } from '$lib/server/respondent/credential';
import {
	MAX_LIVE_LINKS,
	countLiveLinks,
	issueInvitations,
	listPersonLinks,
	revokeInvitation,
	revokeLink,
	type IssuedLink
} from '$lib/server/outreach/invitations';
import { printLetters } from '$lib/server/outreach/letters';
import { recountParticipation } from '$lib/server/monitoring/counts';
import { sendReminders } from '$lib/server/outreach/reminders';
import { demoOutbox } from '$lib/server/outreach/outbox';
import { openLink } from '$lib/server/respondent/links';
import { sha256Hex } from '$lib/server/respondent/cookies';
import { explainDeadLinkPage } from '$lib/server/respondent/dead-link';
import { loadRespondentStep } from '$lib/server/respondent/step';
import { META, type TestDb } from './support';
import { SLUG, blindFor, contextOf, removeTemplate, seededCopy, verifiedRespondent } from './respondent-support';

let t: TestDb;
let key: AppKey;
let links: IssuedLink[];
const staff = { id: 2, username: 'organiser', role: 'organiser' as const, unitId: null };
const T = Date.parse('2027-01-05T03:00:00Z') / 1000;
const vi = translator('vi');

beforeEach(async () => ({ t, key, links } = await seededCopy()));
afterEach(() => t.close());
afterAll(removeTemplate);

async function campaign() {
	return t.db
		.selectFrom('campaign')
		.select(['id', 'state', 'title', 'closes_on'])
		.where('slug', '=', SLUG)
		.executeTakeFirstOrThrow();
}

/** Prints a fresh link for one person on screen (no delivery), as "Cấp lại" does outside the demo. */
async function reissue(personId: number, now: number) {
	const r = await issueInvitations(
		t.db,
		await campaign(),
		[personId],
		staff,
		META,
		{ sender: demoOutbox({ quiet: true }), origin: 'https://x', demo: false },
		now
	);
	if (!r.ok) throw new Error(r.error.key);
	return r.links[0].token;
}

const opens = async (token: string, now = T) => (await openLink(t.db, token, 'device-z', META, now)).ok;

/** Every row the link model writes, to show a refusal changed nothing. */
async function snapshot() {
	return {
		links: await t.db.selectFrom('invitation_link').selectAll().orderBy('id').execute(),
		invitations: await t.db.selectFrom('invitation').selectAll().orderBy('id').execute(),
		sessions: (await t.db.selectFrom('respondent_session').select('id').execute()).length,
		audit: (await t.db.selectFrom('audit_event').select('seq').execute()).length
	};
}

describe('several live links per person', () => {
	it('re-issuing, a letter and a reminder each add a link with its channel; the old links keep working', async () => {
		const person = links[3];
		const c = await campaign();
		const screen = await reissue(person.personId, T);
		const letters = await printLetters(t.db, c, [person.personId], staff, META, {
			sender: demoOutbox({ quiet: true }),
			origin: 'https://x',
			demo: false
		});
		if (!letters.ok) throw new Error(letters.error.key);
		const person2 = await t.db
			.selectFrom('person')
			.select('unit_id')
			.where('id', '=', person.personId)
			.executeTakeFirstOrThrow();
		const reminded = await sendReminders(
			t.db,
			{ demo: true, appKey: key },
			c,
			{ unitId: person2.unit_id, groupId: null, scopeUnitId: null },
			staff,
			META,
			'https://x',
			{ sender: demoOutbox({ quiet: true }), now: T + 10 }
		);
		if (!reminded.ok) throw new Error(reminded.error.key);
		const history = await listPersonLinks(t.db, c.id, person.personId);
		// The reminder (demo outbox, newest), a letter, a link shown on screen, the seed's demo-outbox link.
		expect(history[0].channel).toBe('demo');
		expect(history.map((l) => l.channel).sort()).toEqual(['demo', 'demo', 'letter', 'screen']);
		expect(history.every((l) => l.revokedAt === null)).toBe(true);
		for (const token of [person.token, screen, letters.letters[0].url.split('/s/')[1]])
			expect(await opens(token)).toBe(true);
		// Still one participation record: the same invitation behind every link.
		const invitations = await t.db
			.selectFrom('invitation')
			.select('id')
			.where('person_id', '=', person.personId)
			.execute();
		expect(invitations).toHaveLength(1);
		const other = (await listPersonLinks(t.db, c.id, links[4].personId)).length;
		expect(await countLiveLinks(t.db, c.id, [person.personId, links[4].personId])).toEqual({
			people: 2,
			links: 4 + other
		});
	});

	it(`keeps at most ${MAX_LIVE_LINKS} live links: the next one revokes the oldest (reason 'limit')`, async () => {
		const person = links[5];
		const tokens = [person.token];
		for (let i = 1; i < MAX_LIVE_LINKS; i++) tokens.push(await reissue(person.personId, T + i));
		expect(await opens(tokens[0])).toBe(true);
		const newest = await reissue(person.personId, T + MAX_LIVE_LINKS);
		const history = await listPersonLinks(t.db, (await campaign()).id, person.personId);
		expect(history.filter((l) => l.revokedAt === null)).toHaveLength(MAX_LIVE_LINKS);
		expect(history.at(-1)).toMatchObject({ revokedReason: 'limit', revokedAt: T + MAX_LIVE_LINKS });
		const dead = await openLink(t.db, tokens[0], 'device-z', META, T + 20);
		expect(dead.ok).toBe(false);
		if (!dead.ok)
			expect(dead.dead).toMatchObject({ reason: 'replaced', newer: { via: 'screen', at: T + MAX_LIVE_LINKS } });
		// The session the oldest link opened ended with it.
		const sessions = await t.db
			.selectFrom('respondent_session as s')
			.innerJoin('invitation_link as l', 'l.id', 's.link_id')
			.select('l.revoked_at')
			.execute();
		expect(sessions.every((s) => s.revoked_at === null)).toBe(true);
		expect(await opens(tokens[1], T + 20)).toBe(true);
		expect(await opens(newest, T + 20)).toBe(true);
	});
});

describe('a province-sized list of people', () => {
	// More people than SQLite takes bound values in one statement (32,766), as a reminder to every non-respondent
	// of a large round or a letter run for a province's root unit passes them (PostgreSQL takes 65,535).
	const MANY = 32_800;

	it(`issues links to ${MANY} people named one by one, in one go`, async () => {
		const round = await campaign();
		const model = await t.db
			.selectFrom('person')
			.selectAll()
			.where('campaign_id', '=', round.id)
			.executeTakeFirstOrThrow();
		const rows = Array.from({ length: MANY }, (_, i) => ({ ...model, id: undefined, personal_code: `MANY-${i}` }));
		for (let i = 0; i < rows.length; i += 500)
			await t.db
				.insertInto('person')
				.values(rows.slice(i, i + 500))
				.execute();
		await recountParticipation(t.db, round.id);
		const ids = (
			await t.db.selectFrom('person').select('id').where('personal_code', 'like', 'MANY-%').orderBy('id').execute()
		).map((r) => r.id);
		expect(ids).toHaveLength(MANY);

		const issued = await issueInvitations(t.db, round, ids, staff, META, {
			sender: demoOutbox({ quiet: true }),
			origin: 'https://x',
			demo: false
		});
		if (!issued.ok) throw new Error(issued.error.key);
		expect(issued.links).toHaveLength(MANY);
		expect(new Set(issued.links.map((l) => l.personId))).toEqual(new Set(ids));
		expect(await countLiveLinks(t.db, round.id, ids)).toEqual({ people: MANY, links: MANY });
	});
});

describe('revoking on purpose', () => {
	it('one link: only that link dies, with its sessions; the page says when', async () => {
		const person = links[2];
		const c = await campaign();
		const fresh = await reissue(person.personId, T);
		const first = await openLink(t.db, person.token, 'device-a', META, T + 1);
		const second = await openLink(t.db, fresh, 'device-b', META, T + 1);
		if (!first.ok || !second.ok) throw new Error('links should open');
		const [newest, oldest] = await listPersonLinks(t.db, c.id, person.personId);
		const r = await revokeLink(t.db, c, oldest.id, staff, META, T + 2);
		expect(r).toEqual({ ok: true, invitationClosed: false });
		expect(await t.db.selectFrom('respondent_session').select('link_id').execute()).toEqual([{ link_id: newest.id }]);
		const dead = await openLink(t.db, person.token, 'device-a', META, T + 3);
		if (dead.ok) throw new Error('revoked link opened');
		expect(dead.dead).toEqual({ reason: 'revoked', at: T + 2, newer: { via: 'screen', at: T }, campaign: SLUG });
		const page = await explainDeadLinkPage(t.db, dead.dead!);
		expect(page).toMatchObject({ reason: 'revoked', date: '05/01/2027', newer: { via: 'screen', date: '05/01/2027' } });
		expect(vi('respondent.deadLink.revoked', { date: page.date! })).toBe(
			'Liên kết này đã bị Ban Tổ chức thu hồi ngày 05/01/2027.'
		);
		expect(await opens(fresh, T + 3)).toBe(true);
		const event = await t.db
			.selectFrom('audit_event')
			.select(['action', 'payload'])
			.orderBy('seq', 'desc')
			.where('action', '=', 'invitation.revoked')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(event.payload)).toMatchObject({ links: [oldest.id], last: false });
		// Revoking the last live link ends the invitation, as "Thu hồi" does.
		expect(await revokeLink(t.db, c, newest.id, staff, META, T + 4)).toEqual({ ok: true, invitationClosed: true });
		expect(
			await t.db.selectFrom('invitation').select('status').where('person_id', '=', person.personId).execute()
		).toEqual([{ status: 'revoked' }]);
	});

	it('"Thu hồi" revokes every live link of the person and ends their sessions', async () => {
		const person = links[6];
		const c = await campaign();
		const fresh = await reissue(person.personId, T);
		await openLink(t.db, fresh, 'device-a', META, T + 1);
		expect(await countLiveLinks(t.db, c.id, [person.personId])).toEqual({ people: 1, links: 2 });
		expect(await revokeInvitation(t.db, c, person.personId, staff, META, T + 2)).toEqual({ ok: true, links: 2 });
		expect(await countLiveLinks(t.db, c.id, [person.personId])).toEqual({ people: 0, links: 0 });
		expect(await opens(person.token, T + 3)).toBe(false);
		expect(await opens(fresh, T + 3)).toBe(false);
		expect(await t.db.selectFrom('respondent_session').select('id').execute()).toEqual([]);
		const history = await listPersonLinks(t.db, c.id, person.personId);
		expect(history.map((l) => [l.revokedReason, l.revokedAt])).toEqual([
			['organiser', T + 2],
			['organiser', T + 2]
		]);
	});

	it('refuses in Vietnamese, writing nothing: an unknown link, a dead link, a person without live links', async () => {
		const c = await campaign();
		const person = links[7];
		const [only] = await listPersonLinks(t.db, c.id, person.personId);
		expect((await revokeInvitation(t.db, c, person.personId, staff, META, T)).ok).toBe(true);
		const before = await snapshot();
		const unknown = await revokeLink(t.db, c, 999_999, staff, META, T + 1);
		const dead = await revokeLink(t.db, c, only.id, staff, META, T + 1);
		const none = await revokeInvitation(t.db, c, person.personId, staff, META, T + 1);
		expect([unknown, dead, none].map((r) => (r.ok ? 'ok' : r.error.key))).toEqual([
			'invitation.error.unknownLink',
			'invitation.error.linkDead',
			'invitation.error.noActiveLink'
		]);
		expect(vi('invitation.error.linkDead')).toMatch(/hết hiệu lực/);
		expect(vi('invitation.error.unknownLink')).toMatch(/Không tìm thấy/);
		expect(await snapshot()).toEqual(before);
	});
});

describe('after answering', () => {
	it('every live link leads to "already answered"; a dead one says the person answered with another link', async () => {
		const person = links[8];
		const c = await campaign();
		const fresh = await reissue(person.personId, T);
		const spare = await reissue(person.personId, T + 1);
		const [, , oldest] = await listPersonLinks(t.db, c.id, person.personId);
		expect((await revokeLink(t.db, c, oldest.id, staff, META, T + 2)).ok).toBe(true);
		const { ctx } = await verifiedRespondent(t.db, key, fresh, 'device-a', META);
		const b = await blindFor(t.db, ctx.person.cellId!);
		expect((await issueCredential(t.db, key, ctx, b.blinded, META)).ok).toBe(true);
		const again = await openLink(t.db, spare, 'device-b', META);
		if (!again.ok) throw new Error('a live link of someone who answered must still open');
		const step = await loadRespondentStep(t.db, await contextOf(t.db, again.token));
		expect(step.step).toBe('submitted');
		const dead = await openLink(t.db, person.token, 'device-b', META);
		expect(dead.ok).toBe(false);
		if (!dead.ok) expect(dead.dead).toEqual({ reason: 'answered', at: null, newer: null, campaign: SLUG });
		// Re-issuing to them is refused, nothing written.
		const before = await snapshot();
		const refused = await issueInvitations(t.db, c, [person.personId], staff, META, {
			sender: demoOutbox({ quiet: true }),
			origin: 'https://x',
			demo: false
		});
		expect(refused.ok ? 'ok' : refused.error.key).toBe('invitation.error.alreadyCredentialed');
		expect(await snapshot()).toEqual(before);
	});
});

describe('migration 0012', () => {
	it('moves every existing link over: live ones live, revoked ones revoked on their date', async () => {
		// Back to the 0011 schema with the demo's invitations, one of them revoked the old way.
		const provider = { getMigrations: async () => migrations };
		expect((await new Migrator({ db: t.db, provider }).migrateTo('0011_campaign_messages')).error).toBeUndefined();
		await t.db
			.updateTable('invitation')
			.set({ status: 'revoked', revoked_at: T })
			.where('person_id', '=', links[1].personId)
			.execute();
		const invitations = await t.db.selectFrom('invitation').select(['id', 'token_hash', 'status']).execute();
		await migrateToLatest(t.db);
		const moved = await t.db.selectFrom('invitation_link').selectAll().orderBy('invitation_id').execute();
		expect(moved).toHaveLength(invitations.length);
		for (const inv of invitations) {
			const link = moved.find((l) => l.invitation_id === inv.id)!;
			expect(link.token_hash).toBe(inv.token_hash);
			expect(link.channel).toBe('unknown');
			expect([link.revoked_at, link.revoked_reason]).toEqual(inv.status === 'revoked' ? [T, 'legacy'] : [null, null]);
		}
		expect(moved.find((l) => l.token_hash === sha256Hex(links[2].token))?.revoked_at).toBeNull();
		expect(await opens(links[2].token)).toBe(true);
		const dead = await openLink(t.db, links[1].token, 'device-z', META);
		expect(dead.ok ? null : dead.dead).toEqual({ reason: 'expired', at: T, newer: null, campaign: SLUG });
	});
});
