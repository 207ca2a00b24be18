// Several app processes on one PostgreSQL database (issue 17), with a real SMTP server: two delivery workers
// claim from one queue and each message goes out once; a dead process's in-flight messages are sent by a live
// one, a live one's are left alone; one process leads the periodic jobs and another takes over when it goes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEmailNotifier } from '$lib/server/delivery/email';
import { enqueueMany, type NewDelivery } from '$lib/server/delivery/queue';
import { createWorker, type DeliveryWorker } from '$lib/server/delivery/worker';
import { beat, liveProcessIds, PROCESS_STALE_SECONDS } from '$lib/server/cluster/processes';
import { leadershipFor } from '$lib/server/cluster/leader';
import { openDatabase, type DbHandle } from '$lib/server/db/open';
import { nowSeconds } from '$lib/server/time';
import { freshDb, testKey, type TestDb } from './support';
import { startSmtp, statusCounts } from './delivery-support';

const MAIL_FROM = 'khaosat@example.vn';
let t: TestDb;
const closers: (() => Promise<void>)[] = [];

beforeEach(async () => {
	t = await freshDb();
	expect(t.engine).toBe('postgres');
});
afterEach(async () => {
	for (const close of closers.splice(0).reverse()) await close();
	await t.close();
});

const letter = (i: number): NewDelivery => ({
	campaignId: null,
	personId: null,
	kind: 'invitation',
	channel: 'email',
	recipient: `canbo${i}@example.vn`,
	content: { subject: `Thư ${i}`, text: `Thư số ${i}` }
});

/** The processes that claimed letters so far. */
async function claimers(): Promise<(string | null)[]> {
	const rows = await t.db
		.selectFrom('delivery')
		.select('claimed_by')
		.distinct()
		.where('claimed_by', 'is not', null)
		.execute();
	return rows.map((r) => r.claimed_by).sort();
}

async function queueLetters(n: number) {
	const letters = Array.from({ length: n }, (_, i) => letter(i));
	await t.db.transaction().execute((trx) => enqueueMany(trx, testKey(t.dir), letters, nowSeconds()));
}

/** A worker as one process runs it: its own connection pool, its own process id, registered and beating. */
async function processWorker(url: string, smtpUrl: string, processId: string): Promise<DeliveryWorker> {
	const handle: DbHandle = openDatabase(url);
	await beat(handle.db, processId);
	const worker = createWorker({
		db: handle.db,
		appKey: testKey(t.dir),
		notifiers: { email: createEmailNotifier({ smtpUrl, mailFrom: MAIL_FROM }) },
		rates: { email: 1000 },
		concurrency: 3,
		processId,
		log: () => {}
	});
	closers.push(async () => {
		await worker.stop();
		await handle.db.destroy();
	});
	return worker;
}

describe('delivery with two processes', () => {
	it('sends each of 60 queued letters exactly once when two processes drain one queue at once', async () => {
		// The first letter is held at the SMTP server until both processes have claimed letters: both take part.
		const smtp = await startSmtp({
			beforeAccept: async (_mail, count) => {
				while (count === 1 && (await claimers()).length < 2) await new Promise((r) => setTimeout(r, 20));
			}
		});
		closers.push(smtp.close);
		await queueLetters(60);
		const [a, b] = await Promise.all([
			processWorker(t.file, smtp.url, 'process-a'),
			processWorker(t.file, smtp.url, 'process-b')
		]);
		await Promise.all([a.start(), b.start()]);
		await Promise.all([a.drain(), b.drain()]);
		const recipients = smtp.received.map((m) => m.to[0]).sort();
		expect(recipients).toHaveLength(60);
		expect(new Set(recipients).size).toBe(60);
		expect(await statusCounts(t.db)).toEqual({ sent: 60 });
		expect(await claimers()).toEqual(['process-a', 'process-b']);
	});

	it("queues again a dead process's in-flight message, and leaves a live process's alone", async () => {
		const smtp = await startSmtp();
		closers.push(smtp.close);
		await queueLetters(2);
		const now = nowSeconds();
		const [first, second] = await t.db.selectFrom('delivery').select('id').orderBy('id').execute();
		// "dead" was last seen long ago, "alive" just now; each left one message in 'sending'.
		await beat(t.db, 'dead', now - PROCESS_STALE_SECONDS - 60);
		await beat(t.db, 'alive', now);
		for (const [row, owner] of [
			[first, 'dead'],
			[second, 'alive']
		] as const)
			await t.db
				.updateTable('delivery')
				.set({ status: 'sending', claimed_by: owner, claimed_at: now })
				.where('id', '=', row.id)
				.execute();
		expect(await liveProcessIds(t.db, now)).toEqual(['alive']);

		const worker = await processWorker(t.file, smtp.url, 'survivor');
		await worker.start();
		await worker.drain();
		expect(smtp.received.map((m) => m.to[0])).toEqual(['canbo0@example.vn']);
		const rows = await t.db.selectFrom('delivery').select(['id', 'status', 'claimed_by']).orderBy('id').execute();
		expect(rows).toEqual([
			{ id: first.id, status: 'sent', claimed_by: 'survivor' },
			{ id: second.id, status: 'sending', claimed_by: 'alive' }
		]);
	});
});

describe('the leader', () => {
	it('is one process at a time; another leads once it is gone', async () => {
		const handles = [openDatabase(t.file), openDatabase(t.file)];
		const [one, two] = handles.map((h) => leadershipFor(h));
		try {
			expect(await one.isLeader()).toBe(true);
			expect(await two.isLeader()).toBe(false);
			expect(await one.isLeader()).toBe(true);
			await one.release();
			expect(await two.isLeader()).toBe(true);
			expect(await one.isLeader()).toBe(false);
		} finally {
			await one.release();
			await two.release();
			for (const h of handles) await h.db.destroy();
		}
	});
});
