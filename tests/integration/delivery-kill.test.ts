// Killing the sender mid-batch loses nothing and repeats at most the one message in flight: a worker
// process sends a 300-message batch to a real SMTP server; when the 120th message has reached the
// server but before the server says "250 OK", the process gets SIGKILL. A fresh process on the same
// database file finishes the batch.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { domainOf, messageIdFor } from '$lib/server/delivery/notifier';
import { enqueueMany, type NewDelivery } from '$lib/server/delivery/queue';
import type { AppKey } from '$lib/server/crypto/keyring';
import { freshDb, testKey, type TestDb } from './support';
import { startSmtp, statusCounts } from './delivery-support';

const TOTAL = 300;
const KILL_AT = 120;
const MAIL_FROM = 'khaosat@sonoivu.example.vn';

function runWorker(job: object) {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', 'tests/integration/fixtures/delivery-worker.ts', JSON.stringify(job)],
		{ cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] }
	);
	let output = '';
	child.stdout.on('data', (d) => (output += String(d)));
	child.stderr.on('data', (d) => (output += String(d)));
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.on('exit', (code, signal) => resolve({ code, signal }))
	);
	return { child, exited, output: () => output };
}

let t: TestDb;
let key: AppKey;
beforeEach(async () => {
	t = await freshDb();
	key = testKey(t.dir);
});
afterEach(() => t.close());

describe('a worker killed in the middle of a bulk send', () => {
	it(
		'delivers every message, and repeats only the one in flight, with the same Message-ID',
		{ timeout: 120_000 },
		async () => {
			const secrets = Array.from({ length: TOTAL }, () => randomBytes(20).toString('hex'));
			const items: NewDelivery[] = secrets.map((secret, i) => ({
				campaignId: null,
				personId: null,
				kind: 'invitation',
				channel: 'email',
				recipient: `nguoi${String(i).padStart(3, '0')}@example.vn`,
				content: { subject: `Thư mời số ${i}`, text: `Liên kết cá nhân: https://ks.example.vn/s/${secret}` }
			}));
			const ids = await t.db
				.transaction()
				.execute((trx) => enqueueMany(trx, key, items, Math.floor(Date.now() / 1000)));

			let first: ReturnType<typeof runWorker> | null = null;
			let reportKill!: (counts: Awaited<ReturnType<typeof statusCounts>>) => void;
			const atKill = new Promise<Awaited<ReturnType<typeof statusCounts>>>((resolve) => (reportKill = resolve));
			const smtp = await startSmtp({
				// The message is in the mailbox, the sender has not heard "250 OK": kill it now.
				async beforeAccept(_mail, count) {
					if (count !== KILL_AT || !first) return;
					first.child.kill('SIGKILL');
					await first.exited;
					reportKill(await statusCounts(t.db));
				}
			});
			try {
				const job = { dir: t.dir, file: t.file, smtpUrl: smtp.url, mailFrom: MAIL_FROM };
				first = runWorker(job);
				expect(await atKill).toEqual({ sent: KILL_AT - 1, sending: 1, queued: TOTAL - KILL_AT });

				expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
				const second = runWorker(job);
				expect((await second.exited).code, second.output()).toBe(0);
				expect(second.output()).toContain('1 message(s) interrupted by a stop are queued again');

				// Every recipient got the message; exactly one got it twice: the one in flight at the kill.
				const byRecipient = new Map<string, typeof smtp.received>();
				for (const r of smtp.received) byRecipient.set(r.to[0], [...(byRecipient.get(r.to[0]) ?? []), r]);
				expect([...byRecipient.keys()].sort()).toEqual(items.map((i) => i.recipient));
				expect(smtp.received).toHaveLength(TOTAL + 1);
				const repeated = [...byRecipient.entries()].filter(([, copies]) => copies.length > 1);
				expect(repeated.map(([to]) => to)).toEqual([items[KILL_AT - 1].recipient]);
				const [copyA, copyB] = repeated[0][1];
				expect(copyB.mail.messageId).toBe(copyA.mail.messageId);
				expect(copyB.mail.text).toBe(copyA.mail.text);

				// Each Message-ID is the stable one of its delivery row.
				const rows = await t.db.selectFrom('delivery').selectAll().orderBy('id').execute();
				expect(rows.map((r) => r.id)).toEqual(ids);
				for (const [i, row] of rows.entries()) {
					const got = byRecipient.get(row.recipient)!;
					expect(got[0].mail.messageId).toBe(messageIdFor(key, row, domainOf(MAIL_FROM)));
					expect(got[0].mail.text).toContain(secrets[i]);
				}
				expect(rows.every((r) => r.status === 'sent' && r.body_enc === null && r.attempts === 1)).toBe(true);

				// Neither process wrote a link to its output.
				const output = first.output() + second.output();
				expect(secrets.some((s) => output.includes(s))).toBe(false);
			} finally {
				await smtp.close();
			}
		}
	);
});
