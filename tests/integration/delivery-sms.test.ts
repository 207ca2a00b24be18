// SMS/Zalo through an HTTP gateway started by the test (node:http on 127.0.0.1): retries on 5xx and
// timeouts, final on 4xx and redirects, the URL policy after DNS, and the channel's rate limit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkGatewayUrl, type GatewayPolicy } from '$lib/server/delivery/gateway-url';
import type { Notifier } from '$lib/server/delivery/notifier';
import { enqueueMany, type NewDelivery } from '$lib/server/delivery/queue';
import { createSmsNotifier, type SmsOptions } from '$lib/server/delivery/sms';
import { createWorker, type WorkerOptions } from '$lib/server/delivery/worker';
import type { AppKey } from '$lib/server/crypto/keyring';
import { freshDb, testKey, type TestDb } from './support';
import { startGateway, testClock } from './delivery-support';

const TEST_POLICY: GatewayPolicy = { allowHttp: true, allowPrivateNetworks: true };
const PRODUCTION: GatewayPolicy = { allowHttp: false, allowPrivateNetworks: false };
const BODY = '{"phone":"{{to}}","message":"{{text}}","ref":"{{messageId}}"}';
const TEXT = 'Mã xác minh khảo sát “Chỉ số PAR”: 123456 (hiệu lực 10 phút).';

let t: TestDb;
let key: AppKey;
const closers: (() => Promise<void>)[] = [];
beforeEach(async () => {
	t = await freshDb();
	key = testKey(t.dir);
});
afterEach(async () => {
	for (const close of closers.splice(0).reverse()) await close();
	await t.close();
});

const sms = (o: Partial<SmsOptions> & { url: string }) =>
	createSmsNotifier({ keyHeader: 'X-Api-Key', key: 'khoa-bi-mat', bodyTemplate: BODY, policy: TEST_POLICY, ...o });
const message = (to: string, i = 0): NewDelivery => ({
	campaignId: null,
	personId: null,
	kind: 'reminder',
	channel: 'sms',
	recipient: to,
	content: { subject: 's', text: `${TEXT} #${i}` }
});

async function queue(items: NewDelivery[], now: number) {
	await t.db.transaction().execute((trx) => enqueueMany(trx, key, items, now));
}
const row = (to: string) =>
	t.db.selectFrom('delivery').selectAll().where('recipient', '=', to).executeTakeFirstOrThrow();

function worker(notifier: Notifier, clock = testClock(), extra: Partial<WorkerOptions> = {}) {
	const w = createWorker({
		db: t.db,
		appKey: key,
		notifiers: { sms: notifier },
		now: clock.now,
		random: () => 0.5,
		log: () => {},
		rates: { sms: 1000 },
		...extra
	});
	closers.push(() => w.stop());
	return w;
}

describe('SMS/Zalo gateway', () => {
	it('retries a gateway answering 500, with the same idempotency key, until it accepts', async () => {
		const gw = await startGateway((_, n) => (n <= 2 ? 500 : 200));
		closers.push(gw.close);
		const clock = testClock();
		const w = worker(sms({ url: gw.url }), clock);
		await queue([message('+84901234567')], clock.value);
		await w.drain();
		expect(await row('+84901234567')).toMatchObject({
			status: 'queued',
			attempts: 1,
			last_error: 'Cổng SMS/Zalo trả lời HTTP 500.'
		});
		clock.advance(30);
		await w.drain();
		expect(await row('+84901234567')).toMatchObject({
			status: 'queued',
			attempts: 2,
			next_attempt_at: clock.value + 60
		});
		clock.advance(60);
		await w.drain();
		expect(await row('+84901234567')).toMatchObject({ status: 'sent', attempts: 3, body_enc: null, last_error: null });
		expect(gw.requests).toHaveLength(3);
		const [first] = gw.requests;
		expect(first.headers['x-api-key']).toBe('khoa-bi-mat');
		expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
		expect(first.body).toMatchObject({ phone: '+84901234567', message: `${TEXT} #0` });
		expect(new Set(gw.requests.map((r) => r.headers['idempotency-key']))).toEqual(new Set([first.body.ref]));
	});

	it('gives up waiting for a hanging gateway after the timeout and retries', async () => {
		const gw = await startGateway((_, n) => (n === 1 ? 'hang' : 200));
		closers.push(gw.close);
		const clock = testClock();
		const w = worker(sms({ url: gw.url, timeoutMs: 300 }), clock);
		await queue([message('+84900000001')], clock.value);
		await w.drain();
		expect(await row('+84900000001')).toMatchObject({
			status: 'queued',
			attempts: 1,
			last_error: 'Cổng SMS/Zalo không trả lời sau 0.3 giây, sẽ thử lại.'
		});
		clock.advance(30);
		await w.drain();
		expect(await row('+84900000001')).toMatchObject({ status: 'sent', attempts: 2 });
	});

	it('fails at once on 400 and on a redirect, which is never followed', async () => {
		const gw = await startGateway((req) =>
			req.body.phone === '+84900000400' ? 400 : { status: 302, location: '/elsewhere' }
		);
		closers.push(gw.close);
		const w = worker(sms({ url: gw.url }));
		await queue([message('+84900000400'), message('+84900000302')], testClock().value);
		await w.drain();
		expect(await row('+84900000400')).toMatchObject({
			status: 'failed',
			attempts: 1,
			body_enc: null,
			last_error: 'Cổng SMS/Zalo trả lời HTTP 400.'
		});
		expect(await row('+84900000302')).toMatchObject({ status: 'failed', attempts: 1, body_enc: null });
		expect((await row('+84900000302')).last_error).toMatch(/chuyển hướng \(HTTP 302\)/);
		expect(gw.requests.map((r) => r.path)).toEqual(['/send', '/send']);
		expect(await t.db.selectFrom('audit_event').select('action').execute()).toEqual([
			{ action: 'delivery.failed' },
			{ action: 'delivery.failed' }
		]);
	});

	it('refuses gateway URLs that are not https or reach internal addresses, after DNS resolution', async () => {
		const fakeDns = async (host: string) =>
			({
				'sms.example.vn': ['113.160.92.10'],
				'mixed.example.vn': ['113.160.92.10', '10.0.0.5'],
				'v6.example.vn': ['fd00:ec2::254']
			})[host]?.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })) ??
			Promise.reject(new Error('ENOTFOUND'));
		const cases: [string, string | null][] = [
			['https://sms.example.vn/api', null],
			['https://127.0.0.1/send', 'loopback'],
			['https://10.1.2.3/send', 'private'],
			['https://172.16.5.4/send', 'private'],
			['https://192.168.1.10/send', 'private'],
			['https://100.64.1.1/send', 'cgnat'],
			['https://169.254.169.254/latest/meta-data', 'metadata'],
			['https://[::1]/send', 'loopback'],
			['https://[fc00::1]/send', 'unique-local'],
			['https://[fe80::1]/send', 'link-local'],
			['https://0.0.0.0/send', 'unspecified'],
			['https://mixed.example.vn/send', 'private'],
			['https://v6.example.vn/send', 'metadata']
		];
		for (const [url, range] of cases) {
			const r = await checkGatewayUrl(url, PRODUCTION, fakeDns);
			expect(r.ok ? null : r.problem.params?.range, url).toBe(range);
		}
		// The real resolver: localhost is loopback whatever the name says.
		const local = await checkGatewayUrl('https://localhost:8443/send', PRODUCTION);
		expect(local.ok ? null : [local.problem.key, local.problem.params?.range]).toEqual([
			'delivery.error.gatewayBlocked',
			'loopback'
		]);
		const plain = await checkGatewayUrl('http://sms.example.vn/api', PRODUCTION, fakeDns);
		expect(plain.ok ? null : plain.problem.key).toBe('delivery.error.gatewayHttps');
		const creds = await checkGatewayUrl('https://u:p@sms.example.vn/api', PRODUCTION, fakeDns);
		expect(creds.ok ? null : creds.problem.key).toBe('delivery.error.gatewayCredentials');
		const unknown = await checkGatewayUrl('https://khong-co.example.vn/api', PRODUCTION, fakeDns);
		expect(unknown.ok ? null : [unknown.problem.key, unknown.retryable]).toEqual(['delivery.error.gatewayDns', true]);
		// Demo mode allows a local http gateway.
		expect((await checkGatewayUrl('http://127.0.0.1:9/send', { allowHttp: true, allowPrivateNetworks: true })).ok).toBe(
			true
		);
	});

	it('checks the policy again before each send and at connect time (no DNS rebinding)', async () => {
		const gw = await startGateway(() => 200);
		closers.push(gw.close);
		const policy = { allowHttp: true, allowPrivateNetworks: false };
		// The pre-check is told the name is public; the connection itself resolves it to 127.0.0.1.
		const rebinding = sms({
			url: `http://localhost:${gw.port}/send`,
			policy,
			resolve: async () => [{ address: '113.160.92.10', family: 4 }]
		});
		expect(await rebinding.send({ to: '+84900000009', subject: 's', text: TEXT, messageId: '<x@y>' })).toEqual({
			ok: false,
			retryable: false,
			error: expect.stringMatching(/localhost .*\(loopback\)/)
		});
		const literal = sms({ url: `http://127.0.0.1:${gw.port}/send`, policy });
		const refused = await literal.send({ to: '+84900000009', subject: 's', text: TEXT, messageId: '<x@y>' });
		expect(refused).toEqual({ ok: false, retryable: false, error: expect.stringMatching(/127\.0\.0\.1 \(loopback\)/) });
		expect(gw.requests).toEqual([]);
	});

	it('keeps to the channel rate however many messages wait', async () => {
		const gw = await startGateway(() => 200);
		closers.push(gw.close);
		const inner = sms({ url: gw.url });
		const starts: number[] = [];
		const recording: Notifier = { channel: 'sms', send: (m) => (starts.push(Date.now()), inner.send(m)) };
		const RATE = 20;
		const w = worker(recording, testClock(), { rates: { sms: RATE } });
		await queue(
			Array.from({ length: 30 }, (_, i) => message(`+8490000${String(i).padStart(4, '0')}`, i)),
			testClock().value
		);
		await w.drain();
		expect(gw.requests).toHaveLength(30);
		// In any one-second window at most RATE sends start (one more allowed for timer rounding).
		const busiest = Math.max(...starts.map((s) => starts.filter((x) => x >= s && x < s + 1000).length));
		expect(busiest).toBeLessThanOrEqual(RATE + 1);
		expect(busiest).toBeGreaterThan(RATE / 2);
	});
});
