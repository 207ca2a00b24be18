// `npx tsx tests/bench/delivery.ts`: issue + queue 100,000 personal invitations in one call (links,
// sealed bodies, one delivery batch), then the worker's throughput against a local SMTP server.
// Prints figures; no targets, no exit code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';
import { readDeliveryConfig } from '$lib/server/config';
import { migrateToLatest, openSqlite, type Db } from '$lib/server/db/open';
import { createEmailNotifier } from '$lib/server/delivery/email';
import { batchProgress } from '$lib/server/delivery/queue';
import { createWorker } from '$lib/server/delivery/worker';
import { loadAppKey, type AppKey } from '$lib/server/crypto/keyring';
import { upsertPeople, type PersonInput } from '$lib/server/roster/people';
import { issueInvitations } from '$lib/server/outreach/invitations';
import { senderFor } from '$lib/server/outreach/outbox';
import { seedDemo } from '$lib/server/seed/demo';

const PEOPLE = 100_000;
const SEND = 3_000;
const MAIL_FROM = '"Ban Tổ chức khảo sát" <khaosat@sonoivu.example.vn>';
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const GIVEN = ['Ánh', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hương', 'Khánh', 'Lộc', 'Nguyệt', 'Phúc', 'Quỳnh'];

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
	const start = process.hrtime.bigint();
	const result = await fn();
	return [result, Number(process.hrtime.bigint() - start) / 1e6];
}

async function startSmtp() {
	let received = 0;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, _session, callback) {
			stream.on('data', () => {});
			stream.on('end', () => {
				received++;
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const port = (server.server.address() as AddressInfo).port;
	return {
		url: `smtp://127.0.0.1:${port}`,
		received: () => received,
		close: () => new Promise<void>((r) => server.close(() => r()))
	};
}

/** The demo campaign plus 100,000 people spread over its units and groups. */
async function bigCampaign(db: Db, appKey: AppKey) {
	await seedDemo(db, appKey);
	const campaign = await db.selectFrom('campaign').selectAll().executeTakeFirstOrThrow();
	const units = await db
		.selectFrom('person')
		.select('unit_id')
		.distinct()
		.where('campaign_id', '=', campaign.id)
		.execute();
	const groups = await db.selectFrom('respondent_group').select('id').where('campaign_id', '=', campaign.id).execute();
	const people: PersonInput[] = Array.from({ length: PEOPLE }, (_, i) => ({
		personalCode: `CB${String(i).padStart(6, '0')}`,
		fullName: `${FAMILY[i % FAMILY.length]} Văn ${GIVEN[i % GIVEN.length]} ${i}`,
		unitId: units[i % units.length].unit_id,
		groupId: groups[i % groups.length].id,
		position: 'Chuyên viên',
		email: i % 10 === 9 ? null : `cb${i}@quangngai.gov.vn`,
		phone: `09${String(i).padStart(8, '0')}`
	}));
	await db.transaction().execute((trx) => upsertPeople(trx, campaign.id, people, Math.floor(Date.now() / 1000)));
	const organiser = await db
		.selectFrom('staff_user')
		.select(['id', 'username'])
		.where('username', '=', 'organiser')
		.executeTakeFirstOrThrow();
	return { campaign, staff: { ...organiser, role: 'organiser' as const, unitId: null } };
}

async function throughput(db: Db, appKey: AppKey, concurrency: number) {
	const smtp = await startSmtp();
	const worker = createWorker({
		db,
		appKey,
		notifiers: { email: createEmailNotifier({ smtpUrl: smtp.url, mailFrom: MAIL_FROM }) },
		rates: { email: 100_000 },
		concurrency,
		pollMs: 600_000
	});
	const start = process.hrtime.bigint();
	await worker.start();
	while (smtp.received() < SEND) await new Promise((r) => setTimeout(r, 20));
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	await worker.stop();
	await smtp.close();
	return { perSecond: (SEND / ms) * 1000, ms };
}

async function main() {
	const dir = mkdtempSync(path.join(tmpdir(), 'par-survey-bench-delivery-'));
	const file = path.join(dir, 'bench.sqlite');
	const { db, sqlite } = openSqlite(file);
	try {
		await migrateToLatest(db);
		const appKey = loadAppKey({ database: file, keysSecret: null, keysFile: null, origin: null }, () => {});
		const [{ campaign, staff }, seedMs] = await timed(() => bigCampaign(db, appKey));
		const smtp = await startSmtp();
		const sender = senderFor({ demo: false, appKey }, readDeliveryConfig({ SMTP_URL: smtp.url, MAIL_FROM }));
		const rssBefore = process.memoryUsage().rss;
		// better-sqlite3 is synchronous: while a part runs, this process serves nothing else.
		const lag = monitorEventLoopDelay({ resolution: 10 });
		lag.enable();
		const [issued, issueMs] = await timed(() =>
			issueInvitations(
				db,
				campaign,
				'missing',
				staff,
				{ ip: null, userAgent: 'bench' },
				{ sender, origin: 'https://khaosat.example.vn', demo: false, deliver: true }
			)
		);
		await new Promise((r) => setTimeout(r, 50));
		lag.disable();
		const worstWait = lag.max / 1e6;
		if (!issued.ok) throw new Error(issued.error.key);
		const rssGrowth = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
		const [progress, progressMs] = await timed(() => batchProgress(db, issued.batchId!));
		await smtp.close();
		const one = await throughput(db, appKey, 1);
		const four = await throughput(db, appKey, 4);
		const fileMiB =
			((sqlite.pragma('page_count', { simple: true }) as number) *
				(sqlite.pragma('page_size', { simple: true }) as number)) /
			2 ** 20;
		console.log(
			`Node ${process.version}; campaign seeded with ${PEOPLE.toLocaleString('en')} people in ${(seedMs / 1000).toFixed(1)} s\n`
		);
		console.log('| what | figure |\n|---|---|');
		console.log(
			`| issue + queue ${PEOPLE.toLocaleString('en')} invitations (parts of 2,000, each one transaction: links, sealed bodies, audit) | ${(issueMs / 1000).toFixed(1)} s (${Math.round(PEOPLE / (issueMs / 1000)).toLocaleString('en')} /s), RSS +${Math.round(rssGrowth)} MiB |`
		);
		console.log(
			`| longest event-loop stall meanwhile (one part; other requests wait this long) | ${Math.round(worstWait)} ms |`
		);
		console.log(
			`| queued by e-mail / left for printed letters (10 % have no e-mail, SMS not configured) | ${issued.queued.toLocaleString('en')} / ${issued.notReached.length.toLocaleString('en')} |`
		);
		console.log(`| batchProgress at ${progress!.total.toLocaleString('en')} rows | ${progressMs.toFixed(1)} ms |`);
		console.log(
			`| worker → local SMTP, ${SEND.toLocaleString('en')} messages, 1 in flight | ${Math.round(one.perSecond)} msg/s |`
		);
		console.log(
			`| worker → local SMTP, ${SEND.toLocaleString('en')} messages, 4 in flight | ${Math.round(four.perSecond)} msg/s |`
		);
		console.log(`| database file after queuing | ${fileMiB.toFixed(0)} MiB |`);
	} finally {
		await db.destroy();
		rmSync(dir, { recursive: true, force: true });
	}
}

await main();
