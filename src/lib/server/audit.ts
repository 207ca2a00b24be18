// Appends to and reads the hash-chained audit log. Callers pass their transaction so an
// event commits or rolls back together with the change it records.
import { sql, type Kysely, type Transaction } from 'kysely';
import { CHAIN_START, GENESIS_HASH, checkChainLink, hashEvent, type ChainBreak } from '$lib/domain/audit-chain';
import { canonicalJson } from '$lib/domain/canonical-json';
import type { AuditAction } from '$lib/domain/audit-actions';
import type { Database } from './db/schema';
import { nowSeconds } from './time';
import { inTransaction } from './db/transaction';
import { likeOperator } from './db/portable';

export type Actor =
	| { type: 'staff'; id: number; label: string }
	| { type: 'system'; label?: string }
	| { type: 'anonymous'; label?: string }
	/** A respondent, known to the audit log only by their invitation (participation side). */
	| { type: 'invitation'; id: number; label?: string };

/** The audit actor for a signed-in staff member. */
export function staffActor(user: { id: number; username: string }): Actor & { type: 'staff' } {
	return { type: 'staff', id: user.id, label: user.username };
}

export interface RequestMeta {
	ip: string | null;
	userAgent: string | null;
}

export const NO_REQUEST: RequestMeta = { ip: null, userAgent: null };

export interface AuditInput {
	actor: Actor;
	action: AuditAction;
	subject?: { type: string; id: string | number };
	meta?: RequestMeta;
	payload?: Record<string, unknown>;
}

type Executor = Kysely<Database> | Transaction<Database>;

export async function appendAuditEvent(db: Executor, input: AuditInput, now = nowSeconds()): Promise<number> {
	// Reading the head and inserting must be one transaction, or two writers could fork the chain.
	if (!db.isTransaction) return inTransaction(db, (trx) => appendAuditEvent(trx, input, now));
	const head = await db
		.selectFrom('audit_event')
		.select(['seq', 'hash'])
		.orderBy('seq', 'desc')
		.limit(1)
		.executeTakeFirst();
	const event = {
		seq: (head?.seq ?? 0) + 1,
		at: now,
		actorType: input.actor.type,
		actorId: input.actor.type === 'staff' || input.actor.type === 'invitation' ? String(input.actor.id) : null,
		actorLabel: input.actor.label ?? null,
		action: input.action,
		subjectType: input.subject?.type ?? null,
		subjectId: input.subject ? String(input.subject.id) : null,
		ip: input.meta?.ip ?? null,
		userAgent: input.meta?.userAgent?.slice(0, 512) ?? null,
		payload: canonicalJson(input.payload ?? {})
	};
	const prevHash = head?.hash ?? GENESIS_HASH;
	const hash = hashEvent(prevHash, event);
	await db
		.insertInto('audit_event')
		.values({
			seq: event.seq,
			at: event.at,
			actor_type: event.actorType,
			actor_id: event.actorId,
			actor_label: event.actorLabel,
			action: event.action,
			subject_type: event.subjectType,
			subject_id: event.subjectId,
			ip: event.ip,
			user_agent: event.userAgent,
			payload: event.payload,
			prev_hash: prevHash,
			hash
		})
		.execute();
	return event.seq;
}

export type ChainReport =
	{ ok: true; count: number; headHash: string } | { ok: false; count: number; brokenSeq: number; reason: ChainBreak };

/** Walks the whole chain in pages of rows, so memory stays flat however long the log is. */
export async function verifyAuditChain(db: Executor, pageSize = 5000): Promise<ChainReport> {
	let cursor = CHAIN_START;
	let count = 0;
	for (;;) {
		const rows = await db
			.selectFrom('audit_event')
			.selectAll()
			.where('seq', '>=', cursor.expectedSeq)
			.orderBy('seq')
			.limit(pageSize)
			.execute();
		for (const row of rows) {
			const result = checkChainLink(cursor, {
				seq: row.seq,
				at: row.at,
				actorType: row.actor_type,
				actorId: row.actor_id,
				actorLabel: row.actor_label,
				action: row.action,
				subjectType: row.subject_type,
				subjectId: row.subject_id,
				ip: row.ip,
				userAgent: row.user_agent,
				payload: row.payload,
				prevHash: row.prev_hash,
				hash: row.hash
			});
			if (!result.ok) return { ok: false, count, brokenSeq: result.seq, reason: result.reason };
			cursor = result.next;
			count++;
		}
		if (rows.length < pageSize) break;
	}
	const total = await db
		.selectFrom('audit_event')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	// Rows beyond a gap were never walked: a deleted row in the middle shows up here.
	if (Number(total.n) !== count) return { ok: false, count, brokenSeq: cursor.expectedSeq, reason: 'seq_gap' };
	return { ok: true, count, headHash: cursor.prevHash };
}

export interface AuditFilter {
	actor?: string;
	action?: string;
	from?: number;
	to?: number;
}

export async function listAuditEvents(db: Executor, filter: AuditFilter, page: number, pageSize: number) {
	let query = db.selectFrom('audit_event');
	if (filter.actor) {
		const pattern = `%${escapeLike(filter.actor)}%`;
		query = query.where((eb) =>
			eb.or([
				sql<boolean>`actor_label ${sql.raw(likeOperator(db))} ${pattern} escape '\\'`,
				eb('actor_id', '=', filter.actor!)
			])
		);
	}
	if (filter.action) query = query.where('action', '=', filter.action);
	if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
	if (filter.to !== undefined) query = query.where('at', '<', filter.to);
	const { n } = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	const rows = await query
		.selectAll()
		.orderBy('seq', 'desc')
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.execute();
	return { total: Number(n), rows };
}

/** One audit log line as the audit page shows it. */
export interface AuditEntry {
	seq: number;
	at: number;
	actor: string;
	actorType: Actor['type'];
	action: string;
	subject: string;
	subjectType: string | null;
	subjectId: string | null;
	ip: string | null;
	payload: string;
	hash: string;
}

/** A page of the log, newest first, shaped for the audit page. */
export async function listAuditEntries(db: Executor, filter: AuditFilter, page: number, pageSize: number) {
	const { total, rows } = await listAuditEvents(db, filter, page, pageSize);
	const entries: AuditEntry[] = rows.map((r) => ({
		seq: r.seq,
		at: r.at,
		actor: r.actor_label ?? r.actor_type,
		// Only appendAuditEvent writes this column, always from an Actor.
		actorType: r.actor_type as Actor['type'],
		action: r.action,
		subject: r.subject_type ? `${r.subject_type}:${r.subject_id}` : '',
		subjectType: r.subject_type,
		subjectId: r.subject_id,
		ip: r.ip,
		payload: r.payload === '{}' ? '' : r.payload,
		hash: r.hash
	}));
	return { total, entries };
}

export async function listAuditActions(db: Executor): Promise<string[]> {
	const rows = await db.selectFrom('audit_event').select('action').distinct().orderBy('action').execute();
	return rows.map((r) => r.action);
}

/** LIKE treats % and _ as wildcards; a filter typed by a person must match them literally. */
function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (c) => '\\' + c);
}
