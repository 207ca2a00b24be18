// Reminders: only people without a credential, within the interval and the cap, each with a fresh
// link and an audit event; the scheduled run goes out once, on its day, in Vietnam time.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type IssuedLink } from '$lib/server/outreach/invitations';
import { openLink } from '$lib/server/respondent/links';
import { demoOutbox } from '$lib/server/outreach/outbox';
import {
	planReminders,
	readPolicy,
	runScheduledReminders,
	savePolicy,
	sendReminders
} from '$lib/server/outreach/reminders';
import type { AppKey } from '$lib/server/crypto/keyring';
import { META, type TestDb } from './support';
import { removeTemplate, seededCopy, submitAnswers, verifiedRespondent } from './respondent-support';

let t: TestDb;
let key: AppKey;
let links: IssuedLink[];
const staff = { id: 2, username: 'organiser', role: 'organiser' as const, unitId: null };
const app = () => ({ demo: true, appKey: key, config: { origin: 'https://khaosat.example.vn' } });
const sender = () => demoOutbox({ quiet: true });
const T0 = Date.parse('2027-01-05T03:00:00Z') / 1000;

beforeEach(async () => ({ t, key, links } = await seededCopy()));
afterEach(() => t.close());
afterAll(removeTemplate);

async function campaign() {
	return t.db
		.selectFrom('campaign')
		.select(['id', 'state', 'title', 'closes_on'])
		.where('slug', '=', 'dtxh-2026')
		.executeTakeFirstOrThrow();
}

async function unitOfFirst() {
	return (
		await t.db.selectFrom('person').select('unit_id').where('id', '=', links[0].personId).executeTakeFirstOrThrow()
	).unit_id;
}

describe('reminders', () => {
	it('go only to people without a credential, each with a fresh link and an audit event', async () => {
		const { ctx } = await verifiedRespondent(t.db, key, links[0].token);
		await submitAnswers(t.db, key, ctx);
		const c = await campaign();
		const unitId = await unitOfFirst();
		const selection = { unitId, groupId: null, scopeUnitId: null };
		const plan = await planReminders(t.db, c.id, selection, await readPolicy(t.db, c.id), T0);
		expect(plan.skipped.submitted).toBe(1);
		expect(plan.send).not.toContain(links[0].personId);
		const outboxBefore = (await t.db.selectFrom('demo_outbox').select('id').execute()).length;
		const sent = await sendReminders(t.db, app(), c, selection, staff, META, 'https://khaosat.example.vn', {
			sender: sender(),
			now: T0
		});
		if (!sent.ok) throw new Error(sent.error.key);
		expect(sent.sent).toBe(plan.send.length);
		const mails = await t.db.selectFrom('demo_outbox').select(['recipient', 'body']).orderBy('id').execute();
		expect(mails.length - outboxBefore).toBe(plan.send.length);
		// The one in the reminder works, and the old link still does (issue 15 item 2).
		const reminded = links.find((l) => l.personId === plan.send[0])!;
		expect((await openLink(t.db, reminded.token, 'd', META)).ok).toBe(true);
		const fresh = mails
			.slice(outboxBefore)
			.map((m) => /\/s\/([a-z2-7]{32})/.exec(m.body)?.[1])
			.filter(Boolean);
		expect(fresh).toHaveLength(plan.send.length);
		expect((await openLink(t.db, fresh[0]!, 'd', META)).ok).toBe(true);
		const events = await t.db
			.selectFrom('audit_event')
			.select(['subject_id'])
			.where('action', '=', 'reminder.sent')
			.execute();
		expect(events.map((e) => Number(e.subject_id)).sort()).toEqual([...plan.send].sort());

		// Within the minimum interval nobody is reminded again.
		const again = await sendReminders(t.db, app(), c, selection, staff, META, 'https://x', {
			sender: sender(),
			now: T0 + 3600
		});
		expect(again).toEqual({ ok: false, error: { key: 'reminder.error.nobody' } });
	});

	it('the scheduled reminder runs once on its day (7 days before the close), never twice', async () => {
		const c = await campaign();
		expect(c.closes_on).toBe('2027-01-15');
		await savePolicy(
			t.db,
			c.id,
			{ autoEnabled: true, daysBefore: [7, 3], minIntervalHours: 48, maxPerPerson: 3 },
			{ type: 'system' },
			META,
			T0
		);
		const eightDaysBefore = Date.parse('2027-01-07T03:00:00Z') / 1000;
		expect(await runScheduledReminders(t.db, app(), eightDaysBefore, sender())).toBe(0);
		const sevenDaysBefore = Date.parse('2027-01-08T03:00:00Z') / 1000;
		expect(await runScheduledReminders(t.db, app(), sevenDaysBefore, sender())).toBe(links.length);
		expect(await runScheduledReminders(t.db, app(), sevenDaysBefore + 600, sender())).toBe(0);
		const runs = await t.db.selectFrom('reminder_run').select(['days_before']).execute();
		expect(runs.map((r) => r.days_before)).toEqual([7]);
		const scheduled = await t.db
			.selectFrom('audit_event')
			.select(['actor_type', 'payload'])
			.where('action', '=', 'reminder.scheduled_run')
			.execute();
		expect(scheduled).toHaveLength(1);
		expect(scheduled[0].actor_type).toBe('system');
	});
});
