// The delivery worker: claims due messages (lowest priority first) by flipping them to 'sending' in
// one short statement, sends outside any transaction, then records sent / retry later / failed.
// One worker per process; several processes may share a PostgreSQL database (issue 17): each claims with
// FOR UPDATE SKIP LOCKED under its own process id. A crash leaves at most `concurrency` messages per channel in
// 'sending'; they are queued again (at the next start with SQLite, within PROCESS_STALE_SECONDS by the surviving
// processes with PostgreSQL), so those few may arrive twice (same Message-ID), everything else once.
import { nextStep, reserveSlot, type Channel, type MessageContent } from '$lib/domain/delivery';
import { translator } from '$lib/i18n';
import type { App } from '../app';
import { appendAuditEvent } from '../audit';
import { readDeliveryConfig } from '../config';
import { engineOf, type Db } from '../db/open';
import { liveSince, newProcessId, PROCESS_STALE_SECONDS } from '../cluster/processes';
import type { AppKey } from '../crypto/keyring';
import { nowSeconds } from '../time';
import { configuredChannels, createNotifiers } from './channels';
import { describeError, domainOf, messageIdFor, type Notifier, type SendResult } from './notifier';
import { onEnqueued, openBody } from './queue';
import { reportIfStorageFault } from '../http/faults';
import { logError } from '../log';

export interface WorkerOptions {
	db: Db;
	appKey: AppKey;
	notifiers: Partial<Record<Channel, Notifier>>;
	/** Sends per second and channel (default e-mail 10, SMS 5, demo unlimited). */
	rates?: Partial<Record<Channel, number>>;
	/** Attempts before giving up on a retryable error (default 8: about an hour and a half of back-off). */
	maxAttempts?: number;
	/** Messages in flight per channel (default 1); it bounds the repeats after a crash. */
	concurrency?: number;
	pollMs?: number;
	/** Unix seconds; tests move it forward to make retries due. */
	now?: () => number;
	random?: () => number;
	/** Right-hand side of Message-IDs (default: the domain of MAIL_FROM). */
	mailDomain?: string;
	log?: (line: string) => void;
	/** This process's id in app_process: its claims are its own; a dead process's are queued again. */
	processId?: string;
	/** How many processes share the channels' rates now (default 1): each sends at its rate ÷ that. */
	sharedBy?: () => number;
}

export interface DeliveryWorker {
	/** Queues again what a crash left in 'sending', then sends on every enqueue and every poll. */
	start(): Promise<void>;
	/** Looks for due messages now. */
	wake(): void;
	/** Resolves once nothing due is left and nothing is in flight (tests, command line). */
	drain(): Promise<void>;
	/** Stops claiming, lets messages in flight finish, closes connections. */
	stop(): Promise<void>;
}

type Claimed = {
	id: number;
	campaign_id: number | null;
	person_id: number | null;
	kind: 'invitation' | 'reminder' | 'code';
	channel: Channel;
	recipient: string;
	attempts: number;
	body_enc: string | null;
	created_at: number;
};

const DEFAULT_RATES: Record<Channel, number> = { email: 10, sms: 5, demo: Infinity };
const t = translator('vi');
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createWorker(o: WorkerOptions): DeliveryWorker {
	const now = o.now ?? nowSeconds;
	const random = o.random ?? Math.random;
	const log = o.log ?? ((line: string) => logError(line));
	const concurrency = o.concurrency ?? 1;
	const maxAttempts = o.maxAttempts ?? 8;
	const channels = Object.keys(o.notifiers) as Channel[];
	const inflight = new Map<Channel, number>(channels.map((c) => [c, 0]));
	const nextFree = new Map<Channel, number>();
	const self = o.processId ?? newProcessId();
	const manyProcesses = engineOf(o.db) === 'postgres';
	let sweptAt = 0;
	const pending = new Set<Promise<void>>();
	let chain: Promise<number> = Promise.resolve(0);
	let stopping = false;
	let scheduled = false;
	let timer: ReturnType<typeof setInterval> | undefined;
	let unsubscribe: (() => void) | undefined;

	async function claim(channel: Channel, limit: number): Promise<Claimed[]> {
		const at = now();
		// In a transaction, so it waits for the engine's write lock: a message is enqueued (and this worker woken) inside
		// its sender's transaction, and on PostgreSQL a claim on another connection would otherwise run before that
		// commit, see nothing, and leave the message to the next poll.
		const rows = await o.db.transaction().execute((trx) =>
			// The rows to claim are chosen once (MATERIALIZED): PostgreSQL may otherwise run a locking sub-select again
			// for each row it updates, skipping past what it just took, and claim far more than the limit.
			trx
				.with(
					(cte) => cte('claimable').materialized(),
					(db) =>
						db
							.selectFrom('delivery')
							.select('id')
							.where('status', '=', 'queued')
							.where('channel', '=', channel)
							.where('next_attempt_at', '<=', at)
							.orderBy('priority')
							.orderBy('next_attempt_at')
							.orderBy('id')
							.limit(limit)
							// Another process's claim in progress: take the next rows instead of waiting (moot while
							// every PostgreSQL transaction takes one lock, db/postgres.ts; kept in case that changes).
							.$if(manyProcesses, (qb) => qb.forUpdate().skipLocked())
				)
				.updateTable('delivery')
				.set({ status: 'sending', claimed_at: at, claimed_by: self })
				// Checked again on the row itself: PostgreSQL re-reads a row another claim changed, not the sub-select.
				.where('status', '=', 'queued')
				.where('id', 'in', (eb) => eb.selectFrom('claimable').select('claimable.id'))
				.returning([
					'id',
					'campaign_id',
					'person_id',
					'kind',
					'channel',
					'recipient',
					'attempts',
					'body_enc',
					'created_at'
				])
				.execute()
		);
		return rows;
	}

	// Evenly spaced starts per channel: the rate limit holds however the rows were claimed.
	async function waitForSlot(channel: Channel) {
		const nowMs = Date.now();
		const rate = (o.rates?.[channel] ?? DEFAULT_RATES[channel]) / Math.max(1, o.sharedBy?.() ?? 1);
		const slot = reserveSlot(nextFree.get(channel) ?? 0, nowMs, rate);
		nextFree.set(channel, slot.nextFreeMs);
		const startAt = slot.startAt;
		if (startAt > nowMs) await sleep(startAt - nowMs);
	}

	async function settle(row: Claimed, outcome: SendResult) {
		const attempts = row.attempts + 1;
		const at = now();
		const step = nextStep(outcome, { kind: row.kind, attempts, createdAt: row.created_at }, at, maxAttempts, random());
		const base = o.db.updateTable('delivery').where('id', '=', row.id).where('status', '=', 'sending');
		if (step.status === 'sent') {
			await base
				.set({ status: 'sent', sent_at: at, attempts, body_enc: null, claimed_at: null, last_error: null })
				.execute();
		} else if (step.status === 'queued') {
			await base
				.set({
					status: 'queued',
					attempts,
					next_attempt_at: step.nextAttemptAt,
					claimed_at: null,
					last_error: outcome.ok ? null : outcome.error
				})
				.execute();
		} else {
			const error = step.reason === 'expired' ? t('delivery.error.codeExpired') : outcome.ok ? null : outcome.error;
			// A person who never got their link or code is an accountability fact; failures are rare, successes are not logged.
			await o.db.transaction().execute(async (trx) => {
				await trx
					.updateTable('delivery')
					.set({ status: 'failed', attempts, body_enc: null, claimed_at: null, last_error: error })
					.where('id', '=', row.id)
					.where('status', '=', 'sending')
					.execute();
				await appendAuditEvent(
					trx,
					{
						actor: { type: 'system', label: 'delivery' },
						action: 'delivery.failed',
						subject: row.person_id !== null ? { type: 'person', id: row.person_id } : { type: 'delivery', id: row.id },
						payload: {
							delivery: row.id,
							campaign: row.campaign_id,
							kind: row.kind,
							channel: row.channel,
							attempts,
							reason: step.reason
						}
					},
					at
				);
			});
			log(
				`[par-survey] delivery #${row.id} (${row.kind}, ${row.channel}) failed after ${attempts} attempt(s): ${step.reason}`
			);
		}
	}

	async function deliver(row: Claimed) {
		const notifier = o.notifiers[row.channel]!;
		await waitForSlot(row.channel);
		if (stopping) {
			// Not started yet: it goes back to the queue untouched.
			await o.db
				.updateTable('delivery')
				.set({ status: 'queued', claimed_at: null })
				.where('id', '=', row.id)
				.where('status', '=', 'sending')
				.execute();
			return;
		}
		let content: MessageContent;
		try {
			content = openBody(o.appKey, { ...row, body_enc: row.body_enc ?? '' });
		} catch {
			return settle(row, { ok: false, retryable: false, error: t('delivery.error.bodyUnreadable') });
		}
		let outcome: SendResult;
		try {
			const messageId = messageIdFor(o.appKey, row, o.mailDomain ?? 'par-survey.invalid');
			outcome = await notifier.send({
				to: row.recipient,
				subject: content.subject,
				text: content.text,
				html: content.html,
				messageId
			});
		} catch (e) {
			// A notifier should answer, not throw; if it does, the cause is unknown, so try again later.
			outcome = { ok: false, retryable: true, error: describeError(e) };
		}
		await settle(row, outcome);
	}

	function track(row: Claimed, channel: Channel) {
		inflight.set(channel, (inflight.get(channel) ?? 0) + 1);
		const p = deliver(row)
			.catch((e) => {
				if (!reportIfStorageFault(e)) log(`[par-survey] delivery worker: message #${row.id}: ${describeError(e)}`);
			})
			.finally(() => {
				inflight.set(channel, (inflight.get(channel) ?? 1) - 1);
				pending.delete(p);
				worker.wake();
			});
		pending.add(p);
	}

	// One claiming round over all channels; rounds never overlap, so in-flight counts stay exact.
	function pump(): Promise<number> {
		chain = chain
			.then(async () => {
				if (stopping) return 0;
				// Several processes: a dead one's messages are this one's to send, once it is seen to be dead.
				if (manyProcesses && Date.now() - sweptAt > (PROCESS_STALE_SECONDS * 1000) / 2) {
					sweptAt = Date.now();
					await requeueAbandoned(false);
				}
				let claimed = 0;
				for (const channel of channels) {
					const free = concurrency - (inflight.get(channel) ?? 0);
					if (free <= 0) continue;
					const rows = await claim(channel, free);
					claimed += rows.length;
					for (const row of rows) track(row, channel);
				}
				return claimed;
			})
			.catch((e) => {
				if (!reportIfStorageFault(e)) log(`[par-survey] delivery worker: ${describeError(e)}`);
				return 0;
			});
		return chain;
	}

	/** Queues again what a stopped process left in 'sending': any other's (SQLite, at start) or a dead one's. */
	async function requeueAbandoned(everyOther: boolean) {
		const stale = await o.db
			.updateTable('delivery')
			.set({ status: 'queued', claimed_at: null, claimed_by: null })
			.where('status', '=', 'sending')
			.where((eb) =>
				eb.or([
					eb('claimed_by', 'is', null),
					everyOther
						? eb('claimed_by', '!=', self)
						: eb(
								'claimed_by',
								'not in',
								eb.selectFrom('app_process').select('app_process.id').where('seen_at', '>=', liveSince())
							)
				])
			)
			.executeTakeFirst();
		if (Number(stale.numUpdatedRows))
			log(`[par-survey] delivery: ${stale.numUpdatedRows} message(s) interrupted by a stop are queued again`);
	}

	const worker: DeliveryWorker = {
		async start() {
			await requeueAbandoned(!manyProcesses);
			unsubscribe = onEnqueued(() => worker.wake());
			timer = setInterval(() => worker.wake(), o.pollMs ?? 2000);
			timer.unref();
			worker.wake();
		},
		wake() {
			if (stopping || scheduled) return;
			scheduled = true;
			setImmediate(() => {
				scheduled = false;
				void pump();
			});
		},
		async drain() {
			for (;;) {
				const claimed = await pump();
				if (pending.size) await Promise.allSettled([...pending]);
				else if (claimed === 0) return;
			}
		},
		async stop() {
			stopping = true;
			clearInterval(timer);
			unsubscribe?.();
			await chain;
			await Promise.allSettled([...pending]);
			for (const n of Object.values(o.notifiers)) await n?.close?.();
		}
	};
	return worker;
}

let running: Promise<DeliveryWorker> | null = null;

/** The server's worker, built from the environment (hooks.server.ts init); `overrides` for tests. */
export function startWorker(
	app: Pick<App, 'db' | 'appKey' | 'demo'>,
	overrides: Partial<WorkerOptions> = {}
): Promise<DeliveryWorker> {
	running ??= (async () => {
		const config = readDeliveryConfig();
		for (const problem of configuredChannels(config, app.demo).problems) logError(`[par-survey] delivery: ${problem}`);
		const worker = createWorker({
			db: app.db,
			appKey: app.appKey,
			notifiers: createNotifiers(config, { db: app.db, demo: app.demo }),
			rates: { email: config.emailPerSecond, sms: config.smsPerSecond },
			maxAttempts: config.maxAttempts,
			mailDomain: domainOf(config.mailFrom),
			...overrides
		});
		await worker.start();
		return worker;
	})();
	return running;
}

export async function stopWorker(): Promise<void> {
	const current = running;
	running = null;
	await (await current)?.stop();
}
