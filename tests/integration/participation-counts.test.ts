// The dashboard's kept counters (monitoring/counts.ts) against a recount from the raw tables, after a
// mixed sequence of what moves people: links issued, opened, verified, attested, a credential, links
// revoked and issued again, people moved to another unit and group or added by a roster import, the
// roster cleared. The recount here is written independently of counts.ts: people and their links only.
import { sql } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_SECONDS, VN_OFFSET_SECONDS } from '$lib/domain/vietnam-time';
import type { Staff } from '$lib/server/auth/staff';
import { clearRoster } from '$lib/server/campaigns/campaigns';
import { readDeliveryConfig } from '$lib/server/config';
import { issueInvitations, revokeInvitation, type IssuedLink } from '$lib/server/outreach/invitations';
import { senderFor } from '$lib/server/outreach/outbox';
import { openLink } from '$lib/server/respondent/links';
import { sendCode } from '$lib/server/respondent/otp';
import { upsertPeople } from '$lib/server/roster/people';
import { refreshParticipation } from '$lib/server/monitoring/counts';
import type { AppKey } from '$lib/server/crypto/keyring';
import { META, type TestDb } from './support';
import { contextOf, deps, removeTemplate, seededCopy, submitAnswers, verifiedRespondent } from './respondent-support';

const STAFF: Staff = { id: 1, username: 'admin', role: 'admin', unitId: null };

type Row = Record<string, number>;
const key = (r: Row, cols: string[]) => cols.map((c) => r[c]).join(':');
const sorted = (rows: Row[], cols: string[]) => [...rows].sort((a, b) => (key(a, cols) < key(b, cols) ? -1 : 1));

/** Each person's progress from their links, as the dashboard defined it before counters existed. */
async function recount(t: TestDb, campaignId: number) {
	const { rows: people } = await sql<{ id: number; unit_id: number; group_id: number; progress: number | null }>`
		select p.id, p.unit_id, p.group_id, (
			select coalesce((min(i.credential_at) + ${sql.lit(VN_OFFSET_SECONDS)}) / ${sql.lit(DAY_SECONDS)} + 10,
				max(case when i.verified_at is not null then 3 when i.opened_at is not null then 2 else 1 end))
			from invitation i where i.person_id = p.id and (i.status = 'active' or i.credential_at is not null)
		) as progress
		from person p where p.campaign_id = ${campaignId}`.execute(t.db);
	const counts = new Map<string, Row>();
	const days = new Map<string, Row>();
	for (const p of people) {
		const progress = p.progress ?? 0;
		const k = `${p.unit_id}:${p.group_id}`;
		const c = counts.get(k) ?? {
			unit_id: p.unit_id,
			group_id: p.group_id,
			people: 0,
			invited: 0,
			opened: 0,
			verified: 0,
			submitted: 0
		};
		counts.set(k, c);
		c.people += 1;
		c.invited += progress >= 1 ? 1 : 0;
		c.opened += progress >= 2 ? 1 : 0;
		c.verified += progress >= 3 ? 1 : 0;
		c.submitted += progress >= 10 ? 1 : 0;
		if (progress >= 10) {
			const d = `${p.unit_id}:${progress - 10}`;
			const day = days.get(d) ?? { unit_id: p.unit_id, day: progress - 10, submitted: 0 };
			days.set(d, day);
			day.submitted += 1;
		}
	}
	return {
		people: people.map((p) => ({ id: p.id, progress: p.progress ?? 0 })),
		counts: [...counts.values()],
		days: [...days.values()]
	};
}

/** The kept counters equal the recount: every person's progress, every (unit, group) and (unit, day) row. */
async function expectCountersMatch(t: TestDb, campaignId: number) {
	const expected = await recount(t, campaignId);
	const progress = await t.db
		.selectFrom('person')
		.select(['id', 'progress'])
		.where('campaign_id', '=', campaignId)
		.execute();
	expect(sorted(progress, ['id'])).toEqual(sorted(expected.people, ['id']));
	const counts = await t.db
		.selectFrom('participation_count')
		.select(['unit_id', 'group_id', 'people', 'invited', 'opened', 'verified', 'submitted'])
		.where('campaign_id', '=', campaignId)
		.where('people', '>', 0)
		.execute();
	expect(sorted(counts, ['unit_id', 'group_id'])).toEqual(sorted(expected.counts, ['unit_id', 'group_id']));
	const days = await t.db
		.selectFrom('participation_day')
		.select(['unit_id', 'day', 'submitted'])
		.where('campaign_id', '=', campaignId)
		.where('submitted', '>', 0)
		.execute();
	expect(sorted(days, ['unit_id', 'day'])).toEqual(sorted(expected.days, ['unit_id', 'day']));
	return expected;
}

describe('participation counters', () => {
	let t: TestDb;
	let appKey: AppKey;
	let links: IssuedLink[];
	let campaignId: number;
	beforeEach(async () => {
		({ t, key: appKey, links, campaignId } = await seededCopy());
	});
	afterEach(() => t.close());
	afterAll(removeTemplate);

	const campaign = () => t.db.selectFrom('campaign').selectAll().where('id', '=', campaignId).executeTakeFirstOrThrow();

	it('equal a recount from people and links after every kind of change', async () => {
		const start = await expectCountersMatch(t, campaignId);
		expect(start.counts.reduce((n, c) => n + c.invited, 0)).toBe(64);

		// Opened only (a code asked for), verified and attested, submitted.
		const opened = await openLink(t.db, links[2].token, 'device-o', META);
		if (!opened.ok) throw new Error(opened.error.key);
		expect((await sendCode(t.db, deps(appKey), await contextOf(t.db, opened.token), META)).ok).toBe(true);
		await verifiedRespondent(t.db, appKey, links[1].token);
		const { ctx } = await verifiedRespondent(t.db, appKey, links[0].token, 'device-s');
		await submitAnswers(t.db, appKey, ctx);
		const moved = await expectCountersMatch(t, campaignId);
		const total = (k: string) => moved.counts.reduce((n, c) => n + c[k], 0);
		expect([total('opened'), total('verified'), total('submitted')]).toEqual([3, 2, 1]);

		// Revoked: an unused link and a verified one drop out of the funnel; one is issued again.
		expect((await revokeInvitation(t.db, { id: campaignId }, links[3].personId, STAFF, META)).ok).toBe(true);
		expect((await revokeInvitation(t.db, { id: campaignId }, links[1].personId, STAFF, META)).ok).toBe(true);
		await expectCountersMatch(t, campaignId);
		const sender = senderFor({ demo: true, appKey }, readDeliveryConfig({}));
		const options = { sender, origin: 'https://ks.example.vn', demo: false };
		expect((await issueInvitations(t.db, await campaign(), [links[3].personId], STAFF, META, options)).ok).toBe(true);
		const reissued = await expectCountersMatch(t, campaignId);
		expect(reissued.counts.reduce((n, c) => n + c.invited, 0)).toBe(63);

		// The roster: the person who submitted moves to another unit and group, someone new arrives.
		const [person, other] = await Promise.all(
			[links[0].personId, links[40].personId].map((id) =>
				t.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
			)
		);
		expect([person.unit_id, person.group_id]).not.toEqual([other.unit_id, other.group_id]);
		const input = (p: typeof person, unitId: number, groupId: number) => ({
			personalCode: p.personal_code,
			fullName: p.full_name,
			unitId,
			groupId,
			position: p.position,
			email: p.email,
			phone: p.phone
		});
		await t.db
			.transaction()
			.execute((trx) =>
				upsertPeople(
					trx,
					campaignId,
					[
						input(person, other.unit_id, other.group_id),
						{ ...input(other, other.unit_id, other.group_id), personalCode: 'MOI-1', fullName: 'Ân Thị Mới' }
					],
					Math.floor(Date.now() / 1000)
				)
			);
		const roster = await expectCountersMatch(t, campaignId);
		expect(roster.counts.reduce((n, c) => n + c.people, 0)).toBe(65);
		expect(roster.counts.find((c) => c.unit_id === other.unit_id && c.group_id === other.group_id)!.submitted).toBe(1);

		// Everyone removed (a draft's roster cleared): nothing left to count.
		await t.db.updateTable('campaign').set({ state: 'draft' }).where('id', '=', campaignId).execute();
		await t.db.deleteFrom('invitation_link').execute();
		await t.db.deleteFrom('respondent_session').execute();
		await t.db.deleteFrom('invitation_device').execute();
		await t.db.deleteFrom('otp_code').execute();
		await t.db.deleteFrom('delivery').execute();
		await t.db.deleteFrom('invitation').execute();
		expect((await clearRoster(t.db, campaignId, STAFF, META)).ok).toBe(true);
		const cleared = await expectCountersMatch(t, campaignId);
		expect(cleared.counts).toEqual([]);
	});

	it('equal a recount when one refresh moves several people, their credential days included', async () => {
		// Written around the services, as a bulk change would: six people's credentials land on one day, then
		// four of them move to the next day, each time refreshed in one call (the grouped path).
		const people = links.slice(10, 16).map((l) => l.personId);
		const credit = async (ids: number[], at: number) => {
			await t.db
				.updateTable('invitation')
				.set({ credential_at: at })
				.where('person_id', 'in', ids)
				.where('status', '=', 'active')
				.execute();
			await refreshParticipation(t.db, ids);
		};
		const day = Date.parse('2026-11-20T02:00:00Z') / 1000;
		await credit(people, day);
		const once = await expectCountersMatch(t, campaignId);
		expect(once.days.reduce((n, d) => n + d.submitted, 0)).toBe(6);
		await credit(people.slice(0, 4), day + DAY_SECONDS);
		const twice = await expectCountersMatch(t, campaignId);
		expect(twice.days.reduce((n, d) => n + d.submitted, 0)).toBe(6);
		expect(new Set(twice.days.map((d) => d.day)).size).toBe(2);
	});
});
