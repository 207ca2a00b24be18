// Signed checkpoints of the audit chain's head: written after every campaign state change (in its
// transaction) and daily from maintenance; checked by `audit:verify`, shown on the public page and the
// printed report, so a log cut short no longer verifies against what was published.
import type { Kysely, Transaction } from 'kysely';
import {
	isDailyCheckpointDue,
	judgeAnchor,
	judgeCheckpoint,
	shortHash,
	type Anchor,
	type AnchorVerdict,
	type CheckpointVerdict
} from '$lib/domain/audit-checkpoint';
import { appendAuditEvent, verifyAuditChain, type Actor, type ChainReport, type RequestMeta } from './audit';
import { checkpointSignerOf, type CheckpointSigner } from './audit-signing';
import type { Db } from './db/open';
import type { Database } from './db/schema';
import { nowSeconds } from './time';

type Executor = Kysely<Database> | Transaction<Database>;

export interface CheckpointWrite {
	/** 'daily', or the audit action of the state change the checkpoint follows. */
	reason: string;
	campaignId?: number | null;
}

/** Signs and stores the current head; call it after the state change's audit event, in its transaction. */
export async function anchorAuditHead(
	trx: Executor,
	signer: CheckpointSigner | null,
	input: CheckpointWrite,
	now = nowSeconds()
): Promise<{ seq: number; headHash: string } | null> {
	if (!signer) return null;
	const head = await trx
		.selectFrom('audit_event')
		.select(['seq', 'hash'])
		.orderBy('seq', 'desc')
		.limit(1)
		.executeTakeFirst();
	if (!head) return null;
	const body = { seq: head.seq, headHash: head.hash, at: now };
	await trx
		.insertInto('audit_checkpoint')
		.values({
			seq: body.seq,
			head_hash: body.headHash,
			at: now,
			reason: input.reason,
			campaign_id: input.campaignId ?? null,
			key_id: signer.keyId,
			signature: signer.sign(body)
		})
		.execute();
	return { seq: head.seq, headHash: head.hash };
}

/** For a campaign's state change: `db` names the handle the signer is attached to, `trx` its transaction. */
export function anchorStateChange(
	db: Db,
	trx: Transaction<Database>,
	reason: string,
	campaignId: number,
	now = nowSeconds()
) {
	return anchorAuditHead(trx, checkpointSignerOf(db), { reason, campaignId }, now);
}

/** From maintenance: a checkpoint once the last is a day old and the chain grew since. */
export async function anchorDailyIfDue(db: Db, now = nowSeconds()): Promise<boolean> {
	const signer = checkpointSignerOf(db);
	if (!signer) return false;
	return db.transaction().execute(async (trx) => {
		const last = await latestCheckpointRow(trx);
		const head = await trx.selectFrom('audit_event').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
		if (!isDailyCheckpointDue(last ?? null, head?.seq ?? 0, now)) return false;
		return (await anchorAuditHead(trx, signer, { reason: 'daily' }, now)) !== null;
	});
}

function latestCheckpointRow(db: Executor) {
	return db.selectFrom('audit_checkpoint').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** The newest checkpoint, as the public page and the printed report show it. */
export interface PublishedAnchor {
	seq: number;
	hash: string;
	shortHash: string;
	at: number;
	keyId: string;
}

/** The newest checkpoint signed by our key; null when there is none (or the newest is not ours). */
export async function loadLatestAnchor(db: Db): Promise<PublishedAnchor | null> {
	const signer = checkpointSignerOf(db);
	const row = await latestCheckpointRow(db);
	if (!signer || !row) return null;
	// A row someone wrote into the file without our key is not shown as our anchor.
	const body = { seq: row.seq, headHash: row.head_hash, at: row.at };
	if (row.key_id !== signer.keyId || !signer.verify(body, row.signature)) return null;
	return { seq: row.seq, hash: row.head_hash, shortHash: shortHash(row.head_hash), at: row.at, keyId: row.key_id };
}

export interface AnchorReport {
	chain: ChainReport;
	checkpoints: number;
	/** Stored checkpoints that fail: not ours, badly signed, or not reached by the chain. */
	badCheckpoints: { id: number; seq: number; verdict: Exclude<CheckpointVerdict, 'ok'> }[];
	expected: { anchor: Anchor; verdict: AnchorVerdict }[];
	ok: boolean;
}

/** The chain link by link, then every stored checkpoint, then each anchor the operator brought along. */
export async function verifyAuditAnchors(db: Db, signer: CheckpointSigner, expected: Anchor[]): Promise<AnchorReport> {
	const chain = await verifyAuditChain(db);
	// Beyond a break nothing is trusted: every anchor then counts against the verified prefix only.
	const length = chain.count;
	const hashAt = async (seq: number) =>
		seq > length
			? undefined
			: (await db.selectFrom('audit_event').select('hash').where('seq', '=', seq).executeTakeFirst())?.hash;
	const rows = await db.selectFrom('audit_checkpoint').selectAll().orderBy('id').execute();
	const badCheckpoints: AnchorReport['badCheckpoints'] = [];
	for (const row of rows) {
		const valid = signer.verify({ seq: row.seq, headHash: row.head_hash, at: row.at }, row.signature);
		const verdict = judgeCheckpoint(
			{ seq: row.seq, headHash: row.head_hash, keyId: row.key_id },
			valid,
			signer.keyId,
			length,
			await hashAt(row.seq)
		);
		if (verdict !== 'ok') badCheckpoints.push({ id: row.id, seq: row.seq, verdict });
	}
	const results: AnchorReport['expected'] = [];
	for (const anchor of expected)
		results.push({ anchor, verdict: judgeAnchor(anchor, length, await hashAt(anchor.seq)) });
	return {
		chain,
		checkpoints: rows.length,
		badCheckpoints,
		expected: results,
		ok: chain.ok && badCheckpoints.length === 0 && results.every((r) => r.verdict === 'ok')
	};
}

/** The /audit page's check (chain, stored checkpoints, an anchor the auditor brought), itself an audit event. */
export async function verifyAuditAnchorsFor(
	db: Db,
	signer: CheckpointSigner,
	expected: Anchor[],
	actor: Actor,
	meta: RequestMeta
): Promise<AnchorReport> {
	const report = await verifyAuditAnchors(db, signer, expected);
	const { chain } = report;
	await appendAuditEvent(db, {
		actor,
		action: 'audit.chain_verified',
		meta,
		payload: {
			...(chain.ok
				? { ok: report.ok, count: chain.count, head: chain.headHash }
				: { ok: false, brokenSeq: chain.brokenSeq, reason: chain.reason }),
			checkpoints: report.checkpoints,
			badCheckpoints: report.badCheckpoints.map((b) => b.id),
			expected: report.expected.map((e) => ({ seq: e.anchor.seq, verdict: e.verdict }))
		}
	});
	return report;
}
