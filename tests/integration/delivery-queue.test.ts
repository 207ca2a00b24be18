// The queue's rules with real parts: codes overtake a bulk batch, the demo outbox is written by the
// worker, superseded messages are cancelled, a stop mid-send is recovered, stale codes expire.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRIORITY } from '$lib/domain/delivery';
import { readDeliveryConfig } from '$lib/server/config';
import { createNotifiers } from '$lib/server/delivery/channels';
import { createDemoNotifier } from '$lib/server/delivery/demo';
import { createEmailNotifier } from '$lib/server/delivery/email';
import {
	batchProgress,
	createBatch,
	enqueue,
	enqueueMany,
	expireStaleCodes,
	type NewDelivery
} from '$lib/server/delivery/queue';
import { createWorker } from '$lib/server/delivery/worker';
import type { AppKey } from '$lib/server/crypto/keyring';
import { issueInvitations, revokeInvitation, type IssuedLink } from '$lib/server/outreach/invitations';
import { openLink } from '$lib/server/respondent/links';
import { sendCode } from '$lib/server/respondent/otp';
import { senderFor } from '$lib/server/outreach/outbox';
import { validateRespondentSession } from '$lib/server/respondent/sessions';
import { META, type TestDb } from './support';
import { SLUG, removeTemplate, seededCopy } from './respondent-support';
import { startSmtp, testClock } from './delivery-support';

const STAFF = { id: 2, username: 'organiser', role: 'organiser' as const, unitId: null };
const MAIL_FROM = 'khaosat@example.vn';
let t: TestDb;
let key: AppKey;
let links: IssuedLink[];
const closers: (() => Promise<void>)[] = [];

beforeEach(async () => ({ t, key, links } = await seededCopy()));
afterEach(async () => {
	for (const close of closers.splice(0).reverse()) await close();
	await t.close();
});
afterAll(removeTemplate);

const campaign = () => t.db.selectFrom('campaign').selectAll().where('slug', '=', SLUG).executeTakeFirstOrThrow();
const bulk = (i: number, batchId: number): NewDelivery => ({
	campaignId: null,
	personId: null,
	batchId,
	kind: 'invitation',
	channel: 'email',
	recipient: `bulk${i}@example.vn`,
	content: { subject: `Thư ${i}`, text: `Thư số ${i}` }
});
// A bound that catches a hang (a lost wake-up: see the test of a code queued in a transaction), below the test's 60 s.
const until = async (check: () => boolean, ms = 50_000) => {
	for (const end = Date.now() + ms; !check();) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 5));
	}
};

const CODE: NewDelivery = {
	campaignId: null,
	personId: null,
	kind: 'code',
	channel: 'email',
	recipient: 'nguoi-tra-loi@example.vn',
	content: { subject: 'Mã xác minh phiếu khảo sát', text: 'Mã: 000000' },
	priority: PRIORITY.code
};

/** A started worker sending e-mail to a real SMTP server, polling only every 10 minutes: it must be woken. */
async function startEmailWorker(rates?: { email: number }) {
	const smtp = await startSmtp();
	closers.push(smtp.close);
	const clock = testClock();
	const worker = createWorker({
		db: t.db,
		appKey: key,
		notifiers: { email: createEmailNotifier({ smtpUrl: smtp.url, mailFrom: MAIL_FROM }) },
		now: clock.now,
		rates,
		pollMs: 600_000
	});
	closers.push(() => worker.stop());
	await worker.start();
	return { smtp, clock, worker };
}

describe('delivery queue', () => {
	it('sends a one-time code ahead of a 500-message bulk batch, woken in-process without polling', async () => {
		const { smtp, clock, worker } = await startEmailWorker({ email: 5000 });
		const campaignId = (await campaign()).id;
		const batchId = await t.db.transaction().execute(async (trx) => {
			const id = await createBatch(
				trx,
				{ campaignId, kind: 'invitation', total: 500, createdBy: STAFF.id },
				clock.value
			);
			await enqueueMany(
				trx,
				key,
				Array.from({ length: 500 }, (_, i) => bulk(i, id)),
				clock.value
			);
			return id;
		});
		await until(() => smtp.received.length >= 20);
		await t.db.transaction().execute((trx) => enqueue(trx, key, CODE, clock.value));
		const queuedAt = smtp.received.length;
		await until(() => smtp.received.length === 501);
		const position = smtp.received.findIndex((r) => r.to[0] === 'nguoi-tra-loi@example.vn');
		// At most the one message already in flight goes before it.
		expect(queuedAt).toBeLessThan(450);
		expect(position).toBeGreaterThanOrEqual(queuedAt - 1);
		expect(position).toBeLessThanOrEqual(queuedAt + 1);
		await worker.drain();
		expect(await batchProgress(t.db, batchId)).toEqual({
			total: 500,
			queued: 0,
			sending: 0,
			sent: 500,
			failed: 0,
			cancelled: 0
		});
	});

	it('sends a code queued in a transaction once that transaction commits, woken without polling', async () => {
		const { smtp, clock } = await startEmailWorker();
		// The worker is woken at the enqueue, while the transaction is still open: its claim must see the commit.
		await t.db.transaction().execute(async (trx) => {
			await enqueue(trx, key, CODE, clock.value);
			await new Promise((r) => setTimeout(r, 300));
		});
		await until(() => smtp.received.length === 1, 20_000);
		expect(smtp.received[0].to).toEqual(['nguoi-tra-loi@example.vn']);
	});

	it('in demo mode the worker writes the demo outbox a moment after the code is queued', async () => {
		const clock = testClock();
		const sender = senderFor({ demo: true, appKey: key }, readDeliveryConfig({}));
		const worker = createWorker({
			db: t.db,
			appKey: key,
			notifiers: createNotifiers(readDeliveryConfig({}), { db: t.db, demo: true, quietDemo: true }),
			now: clock.now
		});
		closers.push(() => worker.stop());
		const opened = await openLink(t.db, links[0].token, 'device-demo', META, clock.value);
		if (!opened.ok) throw new Error(opened.error.key);
		const ctx = (await validateRespondentSession(t.db, opened.token, clock.value))!;
		const before = (await t.db.selectFrom('demo_outbox').select('id').execute()).length;
		expect((await sendCode(t.db, { appKey: key, sender }, ctx, META, clock.value)).ok).toBe(true);
		expect(await t.db.selectFrom('demo_outbox').select('id').execute()).toHaveLength(before);
		await worker.drain();
		const last = await t.db
			.selectFrom('demo_outbox')
			.selectAll()
			.orderBy('id', 'desc')
			.limit(1)
			.executeTakeFirstOrThrow();
		expect([last.recipient, last.channel, last.subject]).toEqual([
			ctx.person.email,
			'email',
			'Mã xác minh phiếu khảo sát'
		]);
		expect(last.body).toMatch(/là \d{6}\./);
		expect(
			await t.db
				.selectFrom('delivery')
				.select(['kind', 'status', 'body_enc'])
				.where('channel', '=', 'demo')
				.where('kind', '=', 'code')
				.execute()
		).toEqual([{ kind: 'code', status: 'sent', body_enc: null }]);
	});

	it('keeps a waiting invitation when a link is re-issued, cancels it when revoked, and a waiting code when a new one is asked for', async () => {
		const clock = testClock();
		const sender = senderFor({ demo: true, appKey: key }, readDeliveryConfig({}));
		const options = { sender, origin: 'https://ks.example.vn', demo: false, deliver: true };
		const [a, b] = [links[5].personId, links[6].personId];
		const seeded =
			(
				await t.db
					.selectFrom('delivery')
					.select((eb) => eb.fn.max('id').as('id'))
					.executeTakeFirstOrThrow()
			).id ?? 0;
		expect((await issueInvitations(t.db, await campaign(), [a, b], STAFF, META, options, clock.value)).ok).toBe(true);
		const again = await issueInvitations(t.db, await campaign(), [a], STAFF, META, options, clock.advance(5));
		expect(again).toMatchObject({ ok: true, queued: 1 });
		expect((await revokeInvitation(t.db, await campaign(), b, STAFF, META, clock.value)).ok).toBe(true);
		const rows = await t.db
			.selectFrom('delivery')
			.select(['person_id', 'status', 'body_enc', 'last_error'])
			.where('kind', '=', 'invitation')
			.where('channel', '=', 'demo')
			.where('id', '>', seeded)
			.orderBy('id')
			.execute();
		// Re-issuing adds a link (issue 15 item 2): the first message carries a link that still works.
		expect(rows.map((r) => [r.person_id, r.status, r.body_enc])).toEqual([
			[a, 'queued', expect.any(String)],
			[b, 'cancelled', null],
			[a, 'queued', expect.any(String)]
		]);
		expect(rows[1].last_error).toMatch(/đã bị thu hồi/);

		const opened = await openLink(t.db, links[7].token, 'device-c', META, clock.value);
		if (!opened.ok) throw new Error(opened.error.key);
		const ctx = (await validateRespondentSession(t.db, opened.token, clock.value))!;
		expect((await sendCode(t.db, { appKey: key, sender }, ctx, META, clock.value)).ok).toBe(true);
		expect((await sendCode(t.db, { appKey: key, sender }, ctx, META, clock.advance(61))).ok).toBe(true);
		const codes = await t.db
			.selectFrom('delivery')
			.select('status')
			.where('kind', '=', 'code')
			.where('person_id', '=', ctx.person.id)
			.orderBy('id')
			.execute();
		expect(codes.map((c) => c.status)).toEqual(['cancelled', 'queued']);
	});

	it('queues again what a stop left in "sending", and expires codes that could not go out in time', async () => {
		const clock = testClock();
		const demoMessage = (kind: 'code' | 'reminder'): NewDelivery => ({
			campaignId: null,
			personId: null,
			kind,
			channel: 'demo',
			recipient: `${kind}@example.vn`,
			content: { subject: kind, text: kind }
		});
		const [stuck] = await t.db
			.transaction()
			.execute((trx) => enqueueMany(trx, key, [demoMessage('reminder')], clock.value));
		await t.db
			.updateTable('delivery')
			.set({ status: 'sending', claimed_at: clock.value })
			.where('id', '=', stuck)
			.execute();
		const logs: string[] = [];
		const worker = createWorker({
			db: t.db,
			appKey: key,
			notifiers: { demo: createDemoNotifier(t.db, { quiet: true }) },
			now: clock.now,
			log: (l) => logs.push(l),
			pollMs: 600_000
		});
		closers.push(() => worker.stop());
		await worker.start();
		await worker.drain();
		expect(
			await t.db.selectFrom('delivery').select(['status', 'attempts']).where('id', '=', stuck).executeTakeFirst()
		).toEqual({ status: 'sent', attempts: 1 });
		expect(logs).toEqual(['[par-survey] delivery: 1 message(s) interrupted by a stop are queued again']);

		// A code for a channel with no worker (SMS not configured here) is dropped once its 10 minutes are over.
		await t.db
			.transaction()
			.execute((trx) => enqueueMany(trx, key, [{ ...demoMessage('code'), channel: 'sms' }], clock.value));
		expect(await expireStaleCodes(t.db, clock.advance(599))).toBe(0);
		expect(await expireStaleCodes(t.db, clock.advance(2))).toBe(1);
		expect(
			await t.db
				.selectFrom('delivery')
				.select(['status', 'body_enc', 'last_error'])
				.where('channel', '=', 'sms')
				.executeTakeFirst()
		).toEqual({
			status: 'failed',
			body_enc: null,
			last_error: 'Bỏ qua: mã xác minh đã hết hạn trước khi gửi được.'
		});
	});
});
