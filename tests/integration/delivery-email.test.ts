// E-mail delivery against a real SMTP server started by the test: invitations and codes arrive in
// Vietnamese with a working link, nothing secret is left behind, and a dead server or a refused
// mailbox is handled per recipient.
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '$lib/server/audit';
import { readDeliveryConfig, type DeliveryConfig } from '$lib/server/config';
import { createNotifiers } from '$lib/server/delivery/channels';
import { createDemoNotifier } from '$lib/server/delivery/demo';
import { createEmailNotifier } from '$lib/server/delivery/email';
import { domainOf } from '$lib/server/delivery/notifier';
import { batchProgress, enqueueMany, type NewDelivery } from '$lib/server/delivery/queue';
import { createWorker } from '$lib/server/delivery/worker';
import type { AppKey } from '$lib/server/crypto/keyring';
import { issueInvitations, type IssuedLink } from '$lib/server/outreach/invitations';
import { openLink } from '$lib/server/respondent/links';
import { sendCode, verifyCode } from '$lib/server/respondent/otp';
import { senderFor } from '$lib/server/outreach/outbox';
import { validateRespondentSession } from '$lib/server/respondent/sessions';
import { META, storedBytes, type TestDb } from './support';
import { SLUG, removeTemplate, seededCopy } from './respondent-support';
import { allTextValues, closedPort, startSmtp, statusCounts, testClock } from './delivery-support';

const MAIL_FROM = '"Ban Tổ chức khảo sát" <khaosat@sonoivu.example.vn>';
const ORIGIN = 'https://ks.example.vn';
const STAFF = { id: 2, username: 'organiser', role: 'organiser' as const, unitId: null };

let t: TestDb;
let key: AppKey;
let links: IssuedLink[];
const closers: (() => Promise<void>)[] = [];

beforeEach(async () => ({ t, key, links } = await seededCopy()));
afterEach(async () => {
	vi.restoreAllMocks();
	// Workers first (they close their SMTP pools), then the servers.
	for (const close of closers.splice(0).reverse()) await close();
	await t.close();
});
afterAll(removeTemplate);

const config = (smtpUrl: string): DeliveryConfig => readDeliveryConfig({ SMTP_URL: smtpUrl, MAIL_FROM });
const campaign = () => t.db.selectFrom('campaign').selectAll().where('slug', '=', SLUG).executeTakeFirstOrThrow();

function captureConsole(): string[] {
	const out: string[] = [];
	for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const)
		vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void out.push(args.map(String).join(' ')));
	return out;
}

function testMessage(recipient: string, i = 0): NewDelivery {
	return {
		campaignId: null,
		personId: null,
		kind: 'invitation',
		channel: 'email',
		recipient,
		content: { subject: `Thư thử ${i}`, text: `Nội dung thử số ${i}`, html: `<p>Nội dung thử số ${i}</p>` }
	};
}

describe('e-mail through SMTP', () => {
	it('delivers a queued invitation whose personal link works, then a one-time code, and leaves no secret behind', async () => {
		const smtp = await startSmtp();
		closers.push(smtp.close);
		const out = captureConsole();
		const clock = testClock();
		const cfg = config(smtp.url);
		const sender = senderFor({ demo: false, appKey: key }, cfg);
		const worker = createWorker({
			db: t.db,
			appKey: key,
			notifiers: createNotifiers(cfg, { db: t.db, demo: false }),
			now: clock.now,
			mailDomain: domainOf(cfg.mailFrom)
		});
		closers.push(() => worker.stop());

		const people = [links[0], links[1]];
		const issued = await issueInvitations(
			t.db,
			await campaign(),
			people.map((l) => l.personId),
			STAFF,
			META,
			{ sender, origin: ORIGIN, demo: false, deliver: true },
			clock.value
		);
		if (!issued.ok) throw new Error(issued.error.key);
		expect(issued).toMatchObject({ queued: 2, links: [], notReached: [] });
		expect(await batchProgress(t.db, issued.batchId!)).toEqual({
			total: 2,
			queued: 2,
			sending: 0,
			sent: 0,
			failed: 0,
			cancelled: 0
		});
		await worker.drain();
		expect(await batchProgress(t.db, issued.batchId!)).toMatchObject({ total: 2, sent: 2, queued: 0 });

		expect(smtp.received).toHaveLength(2);
		const emails = await t.db
			.selectFrom('person')
			.select(['id', 'email', 'full_name'])
			.where(
				'id',
				'in',
				people.map((l) => l.personId)
			)
			.execute();
		const tokens: string[] = [];
		for (const p of emails) {
			const mail = smtp.received.find((r) => r.to[0] === p.email)!;
			expect(mail.mail.subject).toBe(`Thư mời tham gia khảo sát: ${(await campaign()).title}`);
			const text = mail.mail.text!;
			const html = String(mail.mail.html);
			for (const part of [mail.mail.subject!, text, html]) expect(part).toBe(part.normalize('NFC'));
			expect(text).toContain(`Kính gửi ông/bà ${p.full_name},`);
			expect(html).toContain(`Kính gửi ông/bà ${p.full_name},`);
			expect(text).toContain('tự mình trả lời');
			expect(mail.mail.from?.text).toContain('Ban Tổ chức khảo sát');
			expect(mail.mail.messageId).toMatch(/^<delivery-\d+-[0-9a-f]{16}@sonoivu\.example\.vn>$/);
			const token = new RegExp(`${ORIGIN}/s/([a-z2-7]{32})`).exec(text)![1];
			expect(html).toContain(`href="${ORIGIN}/s/${token}"`);
			tokens.push(token);
		}
		// The link from the mail opens the questionnaire; the one-time code then comes by mail too.
		const opened = await openLink(t.db, tokens[0], 'device-mail', META, clock.value);
		if (!opened.ok) throw new Error(opened.error.key);
		const ctx = (await validateRespondentSession(t.db, opened.token, clock.value))!;
		const sent = await sendCode(t.db, { appKey: key, sender }, ctx, META, clock.value);
		expect(sent).toEqual({ ok: true, channel: 'email' });
		await worker.drain();
		const codeMail = smtp.received[2];
		expect(codeMail.mail.subject).toBe('Mã xác minh phiếu khảo sát');
		const code = /là (\d{6})\./.exec(codeMail.mail.text!)![1];
		expect((await verifyCode(t.db, { appKey: key, sender }, ctx, code, META, clock.value)).ok).toBe(true);

		// Bodies are erased once sent; nothing readable holds the links or the code.
		const rows = await t.db.selectFrom('delivery').selectAll().where('channel', '=', 'email').execute();
		expect(rows.map((r) => [r.status, r.body_enc, r.attempts])).toEqual([
			['sent', null, 1],
			['sent', null, 1],
			['sent', null, 1]
		]);
		const texts = await allTextValues(t.db);
		const files = await storedBytes(t);
		for (const token of tokens) {
			expect(texts.some((v) => v.includes(token))).toBe(false);
			expect(files.some((f) => f.includes(token))).toBe(false);
			expect(out.some((line) => line.includes(token))).toBe(false);
		}
		const codeWord = new RegExp(`\\b${code}\\b`);
		expect(texts.some((v) => codeWord.test(v))).toBe(false);
		expect(out.some((line) => codeWord.test(line))).toBe(false);
	});

	it('retries an unreachable SMTP server with growing back-off, leaving other channels alone, and recovers', async () => {
		const clock = testClock();
		const dead = `smtp://127.0.0.1:${await closedPort()}`;
		const notifiers = {
			email: createEmailNotifier({ smtpUrl: dead, mailFrom: MAIL_FROM }),
			demo: createDemoNotifier(t.db, { quiet: true })
		};
		const worker = createWorker({ db: t.db, appKey: key, notifiers, now: clock.now, random: () => 0.5, log: () => {} });
		await t.db
			.transaction()
			.execute((trx) =>
				enqueueMany(
					trx,
					key,
					[
						testMessage('a@example.com', 1),
						testMessage('b@example.com', 2),
						{ ...testMessage('demo@example.com', 3), channel: 'demo' }
					],
					clock.value
				)
			);
		await worker.drain();
		const first = await t.db
			.selectFrom('delivery')
			.selectAll()
			.where('channel', '=', 'email')
			.where('status', '=', 'queued')
			.execute();
		expect(first).toHaveLength(2);
		for (const r of first) {
			expect(r.attempts).toBe(1);
			expect(r.next_attempt_at).toBe(clock.value + 30);
			expect(r.last_error).toMatch(/^Không kết nối được máy chủ thư \(SMTP\), sẽ thử lại: .*ECONNREFUSED/);
			expect(r.body_enc).not.toBeNull();
		}
		expect(
			await t.db
				.selectFrom('delivery')
				.select('status')
				.where('channel', '=', 'demo')
				.where('recipient', '=', 'demo@example.com')
				.executeTakeFirst()
		).toEqual({ status: 'sent' });

		// Not due yet: nothing is tried. Due: the second attempt waits twice as long.
		await worker.drain();
		expect(
			(
				await t.db
					.selectFrom('delivery')
					.select('attempts')
					.where('recipient', '=', 'a@example.com')
					.executeTakeFirstOrThrow()
			).attempts
		).toBe(1);
		clock.advance(30);
		await worker.drain();
		const second = await t.db
			.selectFrom('delivery')
			.selectAll()
			.where('recipient', '=', 'a@example.com')
			.executeTakeFirstOrThrow();
		expect([second.status, second.attempts, second.next_attempt_at - clock.value]).toEqual(['queued', 2, 60]);
		await worker.stop();

		// The server comes back: the waiting messages go out once each.
		const smtp = await startSmtp();
		closers.push(smtp.close);
		const healed = createWorker({
			db: t.db,
			appKey: key,
			notifiers: { email: createEmailNotifier({ smtpUrl: smtp.url, mailFrom: MAIL_FROM }) },
			now: clock.now
		});
		closers.push(() => healed.stop());
		clock.advance(60);
		await healed.drain();
		expect(smtp.received.map((r) => r.to[0]).sort()).toEqual(['a@example.com', 'b@example.com']);
		expect((await statusCounts(t.db)).queued ?? 0).toBe(0);
		const done = await t.db
			.selectFrom('delivery')
			.select(['status', 'attempts', 'body_enc', 'last_error'])
			.where('recipient', 'in', ['a@example.com', 'b@example.com'])
			.execute();
		expect(done).toEqual([
			{ status: 'sent', attempts: 3, body_enc: null, last_error: null },
			{ status: 'sent', attempts: 3, body_enc: null, last_error: null }
		]);
	});

	it('fails a refused mailbox (550) for that recipient only, logged once in the audit chain', async () => {
		const smtp = await startSmtp({ rejectRecipient: (a) => (a === 'khong-ton-tai@example.com' ? 550 : null) });
		closers.push(smtp.close);
		const clock = testClock();
		const logs: string[] = [];
		const worker = createWorker({
			db: t.db,
			appKey: key,
			notifiers: { email: createEmailNotifier({ smtpUrl: smtp.url, mailFrom: MAIL_FROM }) },
			now: clock.now,
			log: (l) => logs.push(l)
		});
		closers.push(() => worker.stop());
		const auditBefore = (await t.db.selectFrom('audit_event').select('seq').execute()).length;
		await t.db.transaction().execute((trx) =>
			enqueueMany(
				trx,
				key,
				['truoc@example.com', 'khong-ton-tai@example.com', 'sau@example.com'].map((r, i) => testMessage(r, i)),
				clock.value
			)
		);
		await worker.drain();
		const rows = await t.db
			.selectFrom('delivery')
			.select(['recipient', 'status', 'attempts', 'body_enc', 'last_error'])
			.where('channel', '=', 'email')
			.orderBy('id')
			.execute();
		expect(rows.map((r) => [r.recipient, r.status, r.attempts, r.body_enc])).toEqual([
			['truoc@example.com', 'sent', 1, null],
			['khong-ton-tai@example.com', 'failed', 1, null],
			['sau@example.com', 'sent', 1, null]
		]);
		expect(rows[1].last_error).toMatch(/^Máy chủ thư từ chối địa chỉ hoặc nội dung \(lỗi vĩnh viễn\): 550/);
		expect(smtp.received.map((r) => r.to[0])).toEqual(['truoc@example.com', 'sau@example.com']);
		const events = await t.db.selectFrom('audit_event').selectAll().where('seq', '>', auditBefore).execute();
		expect(events.map((e) => e.action)).toEqual(['delivery.failed']);
		expect(JSON.parse(events[0].payload)).toMatchObject({
			kind: 'invitation',
			channel: 'email',
			attempts: 1,
			reason: 'permanent'
		});
		expect(events[0].payload).not.toContain('khong-ton-tai');
		expect((await verifyAuditChain(t.db)).ok).toBe(true);
		expect(logs.join('\n')).not.toContain('khong-ton-tai');
	});
});
