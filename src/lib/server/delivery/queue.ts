// The durable delivery queue (participation side). Messages are queued inside the caller's
// transaction, so a code or a link commits together with its audit event or not at all. The body
// (it holds a link or a code) is sealed with the application key and erased once the message is
// sent, given up or cancelled; the rest of the row is the delivery log.
import type { Kysely, Transaction } from 'kysely';
import { CODE_DELIVERY_TTL, PRIORITY, type Channel, type MessageContent, type MessageKind } from '$lib/domain/delivery';
import { translator } from '$lib/i18n';
import type { Database, DeliveryStatus } from '../db/schema';
import { openSecret, sealSecret, type AppKey } from '../crypto/keyring';

type Executor = Kysely<Database> | Transaction<Database>;

export interface NewDelivery {
	campaignId: number | null;
	personId: number | null;
	batchId?: number | null;
	kind: MessageKind;
	channel: Channel;
	recipient: string;
	content: MessageContent;
	/** Defaults to PRIORITY[kind]: codes 0, invitations 10, reminders 20. */
	priority?: number;
}

// Bound to the recipient: a sealed body moved onto another row cannot be sent to someone else.
const bodyContext = (d: { kind: string; channel: string; recipient: string }) =>
	`delivery/v1:${d.kind}:${d.channel}:${d.recipient}`;

export function sealBody(appKey: AppKey, d: Pick<NewDelivery, 'kind' | 'channel' | 'recipient' | 'content'>): string {
	const { subject, text, html } = d.content;
	return sealSecret(appKey, new TextEncoder().encode(JSON.stringify({ subject, text, html })), bodyContext(d));
}

export function openBody(
	appKey: AppKey,
	row: { kind: string; channel: string; recipient: string; body_enc: string }
): MessageContent {
	return JSON.parse(new TextDecoder().decode(openSecret(appKey, row.body_enc, bodyContext(row))));
}

// In-process wake-up: the worker of this process starts at once instead of at its next poll.
const listeners = new Set<() => void>();
export function onEnqueued(listener: () => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}
const notifyEnqueued = () => listeners.forEach((l) => l());

const CHUNK = 400;

/** Queues messages in the caller's transaction; returns their ids in order. */
export async function enqueueMany(
	trx: Transaction<Database>,
	appKey: AppKey,
	items: readonly NewDelivery[],
	now: number
): Promise<number[]> {
	const ids: number[] = [];
	for (let i = 0; i < items.length; i += CHUNK) {
		const rows = items.slice(i, i + CHUNK).map((d) => ({
			campaign_id: d.campaignId,
			person_id: d.personId,
			batch_id: d.batchId ?? null,
			kind: d.kind,
			channel: d.channel,
			recipient: d.recipient,
			status: 'queued' as const,
			priority: d.priority ?? PRIORITY[d.kind],
			next_attempt_at: now,
			body_enc: sealBody(appKey, d),
			created_at: now
		}));
		const inserted = await trx.insertInto('delivery').values(rows).returning('id').execute();
		ids.push(...inserted.map((r) => r.id));
	}
	if (ids.length) notifyEnqueued();
	return ids;
}

export async function enqueue(
	trx: Transaction<Database>,
	appKey: AppKey,
	item: NewDelivery,
	now: number
): Promise<number> {
	return (await enqueueMany(trx, appKey, [item], now))[0];
}

export async function createBatch(
	trx: Transaction<Database>,
	b: { campaignId: number; kind: 'invitation' | 'reminder'; total: number; createdBy: number | null },
	now: number
): Promise<number> {
	const row = await trx
		.insertInto('delivery_batch')
		.values({ campaign_id: b.campaignId, kind: b.kind, total: b.total, created_by: b.createdBy, created_at: now })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export type BatchProgress = { total: number } & Record<DeliveryStatus, number>;

/** Counts per status for a progress bar; total is the number queued when the batch was made. */
export async function batchProgress(db: Executor, batchId: number): Promise<BatchProgress | null> {
	const batch = await db.selectFrom('delivery_batch').select('total').where('id', '=', batchId).executeTakeFirst();
	if (!batch) return null;
	const rows = await db
		.selectFrom('delivery')
		.select((eb) => ['status', eb.fn.countAll<number>().as('n')])
		.where('batch_id', '=', batchId)
		.groupBy('status')
		.execute();
	const progress: BatchProgress = { total: batch.total, queued: 0, sending: 0, sent: 0, failed: 0, cancelled: 0 };
	for (const r of rows) progress[r.status] = Number(r.n);
	return progress;
}

export type CancelReason =
	'delivery.error.cancelledReissued' | 'delivery.error.cancelledRevoked' | 'delivery.error.cancelledNewCode';

/** Cancels people's messages still waiting (a message already being sent cannot be recalled). */
export async function cancelQueued(
	trx: Transaction<Database>,
	filter: { personIds: readonly number[]; kinds: MessageKind[] },
	reason: CancelReason,
	now: number
): Promise<number> {
	let cancelled = 0;
	for (let i = 0; i < filter.personIds.length; i += CHUNK) {
		const result = await trx
			.updateTable('delivery')
			.set({
				status: 'cancelled',
				body_enc: null,
				claimed_at: null,
				last_error: translator('vi')(reason),
				next_attempt_at: now
			})
			.where('person_id', 'in', filter.personIds.slice(i, i + CHUNK))
			.where('kind', 'in', filter.kinds)
			.where('status', '=', 'queued')
			.executeTakeFirst();
		cancelled += Number(result.numUpdatedRows);
	}
	return cancelled;
}

/** Housekeeping: a code still queued after its lifetime (its channel is down or gone) is dropped with its body. */
export async function expireStaleCodes(db: Executor, now: number): Promise<number> {
	const result = await db
		.updateTable('delivery')
		.set({
			status: 'failed',
			body_enc: null,
			claimed_at: null,
			last_error: translator('vi')('delivery.error.codeExpired')
		})
		.where('kind', '=', 'code')
		.where('status', '=', 'queued')
		.where('created_at', '<', now - CODE_DELIVERY_TTL)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export interface DeliveryLogRow {
	id: number;
	personId: number | null;
	batchId: number | null;
	kind: MessageKind;
	channel: Channel;
	recipient: string;
	status: DeliveryStatus;
	attempts: number;
	lastError: string | null;
	createdAt: number;
	sentAt: number | null;
	nextAttemptAt: number;
}

/** The delivery log (never the body), newest first. */
export async function listDeliveries(
	db: Executor,
	filter: {
		campaignId: number;
		personId?: number;
		batchId?: number;
		status?: DeliveryStatus;
		limit?: number;
		offset?: number;
	}
): Promise<DeliveryLogRow[]> {
	let q = db.selectFrom('delivery').where('campaign_id', '=', filter.campaignId);
	if (filter.personId !== undefined) q = q.where('person_id', '=', filter.personId);
	if (filter.batchId !== undefined) q = q.where('batch_id', '=', filter.batchId);
	if (filter.status !== undefined) q = q.where('status', '=', filter.status);
	const rows = await q
		.select([
			'id',
			'person_id',
			'batch_id',
			'kind',
			'channel',
			'recipient',
			'status',
			'attempts',
			'last_error',
			'created_at',
			'sent_at',
			'next_attempt_at'
		])
		.orderBy('id', 'desc')
		.limit(filter.limit ?? 100)
		.offset(filter.offset ?? 0)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		personId: r.person_id,
		batchId: r.batch_id,
		kind: r.kind,
		channel: r.channel,
		recipient: r.recipient,
		status: r.status,
		attempts: r.attempts,
		lastError: r.last_error,
		createdAt: r.created_at,
		sentAt: r.sent_at,
		nextAttemptAt: r.next_attempt_at
	}));
}
