// The committee's shares with several app processes (issue 17, PostgreSQL). Behind a load balancer each member's
// share may reach a different process, and a process keeps shares in memory only. So one process gathers a
// round's shares (the host: the first to receive one, while it lives); every other process seals the checked
// share to the host's HPKE key — generated at start, its private half never leaves the host's memory — and
// leaves it in relayed_share. The host takes the sealed shares into memory (deleting the rows) once enough
// are there, runs the opening, and mirrors its progress to opening_run for the other processes to show.
// A dead host's sealed shares open for nobody: members supply theirs again, as after a restart.
import { DhkemX25519HkdfSha256 } from '@hpke/core';
import type { MessageKey } from '$lib/domain/message';
import { fromBase64url, toBase64url } from '$lib/sealing/bytes';
import { openBytes, sealBytes, sealingSuite } from '$lib/sealing/hpke';
import type { Transaction } from 'kysely';
import type { Db } from '../db/open';
import type { Database } from '../db/schema';
import { beat, liveSince } from '../cluster/processes';
import { nowSeconds } from '../time';
import { holdShare, isRunning, isRunningPhase, progressOf, setProgress, type OpeningProgress } from './held-shares';

const kem = new DhkemX25519HkdfSha256();
const encoder = new TextEncoder();
const relayAad = (campaignId: number, slot: number) => encoder.encode(`par-survey share relay ${campaignId}:${slot}`);
/** How often the host writes its progress for the others (and the others read it). */
const MIRROR_MS = 500;

let own: Promise<{ pair: CryptoKeyPair; publicKey: string }> | null = null;
/** Rounds this process is taking up right now: the beat and a supply may both find the same round due. */
const takingUp = new Set<number>();

/** This process's relay key: made once, the private half in memory only. */
export function processRelayKey(): Promise<{ pair: CryptoKeyPair; publicKey: string }> {
	own ??= (async () => {
		const suite = sealingSuite(kem);
		const pair = await suite.kem.generateKeyPair();
		return { pair, publicKey: toBase64url(new Uint8Array(await suite.kem.serializePublicKey(pair.publicKey))) };
	})();
	return own;
}

export interface RelayedSupply {
	held: number;
	/** The host: this process (it starts the opening now) or another (it starts on its next beat). */
	host: string;
	started: boolean;
}

/**
 * Keeps a checked share for the round's host, sealed to its key, in the caller's transaction. Refuses what the
 * memory path refuses: a slot already held, an opening running on a live process.
 */
export async function relayShare(
	trx: Transaction<Database>,
	self: string,
	share: { campaignId: number; slot: number; staffUserId: number; share: Uint8Array; threshold: number },
	now = nowSeconds()
): Promise<{ ok: true; supply: RelayedSupply } | { ok: false; reason: MessageKey }> {
	// This process is alive (it is answering), with the key it may host the round's shares with.
	await beat(trx, self, now, (await processRelayKey()).publicKey);
	const live = await trx
		.selectFrom('app_process')
		.select(['id', 'public_key'])
		.where('seen_at', '>=', liveSince(now))
		.execute();
	const isLive = (id: string) => live.some((p) => p.id === id);
	const run = await trx
		.selectFrom('opening_run')
		.select(['host', 'phase'])
		.where('campaign_id', '=', share.campaignId)
		.executeTakeFirst();
	if (run && isRunningPhase(run.phase) && isLive(run.host)) return { ok: false, reason: 'opening.error.running' };
	await dropDeadHostsShares(trx, now, share.campaignId);
	const held = await trx
		.selectFrom('relayed_share')
		.select(['slot', 'host'])
		.where('campaign_id', '=', share.campaignId)
		.execute();
	if (held.some((k) => k.slot === share.slot)) return { ok: false, reason: 'opening.error.alreadySupplied' };
	const host = held[0]?.host ?? self;
	const hostKey = fromBase64url(live.find((p) => p.id === host)?.public_key ?? '');
	if (!hostKey) return { ok: false, reason: 'opening.error.internal' };
	const sealed = await sealBytes(kem, hostKey, share.share, relayAad(share.campaignId, share.slot));
	await trx
		.insertInto('relayed_share')
		.values({
			campaign_id: share.campaignId,
			slot: share.slot,
			staff_user_id: share.staffUserId,
			host,
			sealed: toBase64url(sealed),
			at: now
		})
		.execute();
	const started = held.length + 1 >= share.threshold;
	if (started) {
		const row = { host, phase: 'decrypting', done: 0, total: 0, error: null, result: null, updated_at: now };
		await trx
			.insertInto('opening_run')
			.values({ campaign_id: share.campaignId, ...row })
			.onConflict((oc) => oc.column('campaign_id').doUpdateSet(row))
			.execute();
	}
	return { ok: true, supply: { held: held.length + 1, host, started } };
}

/**
 * Deletes the shares kept for hosts no longer alive (of one round, or of every round): they are lost with the
 * host's in-memory key, so members supply theirs again. Nothing a status shows changes: it counts live hosts only.
 */
export async function dropDeadHostsShares(db: Db, now = nowSeconds(), campaignId?: number): Promise<void> {
	let query = db
		.deleteFrom('relayed_share')
		.where('host', 'not in', (eb) => eb.selectFrom('app_process').select('id').where('seen_at', '>=', liveSince(now)));
	if (campaignId !== undefined) query = query.where('campaign_id', '=', campaignId);
	await query.execute();
}

/** Slots held for the round by a live host (for the status the other processes show). */
export async function relayedSlots(db: Db, campaignId: number, now = nowSeconds()): Promise<number[]> {
	const rows = await db
		.selectFrom('relayed_share')
		.innerJoin('app_process', 'app_process.id', 'relayed_share.host')
		.select('relayed_share.slot')
		.where('relayed_share.campaign_id', '=', campaignId)
		.where('app_process.seen_at', '>=', liveSince(now))
		.orderBy('relayed_share.slot')
		.execute();
	return rows.map((r) => r.slot);
}

/** The opening as its host last reported it; a running one whose host died is no longer running. */
export async function mirroredProgress(
	db: Db,
	campaignId: number,
	now = nowSeconds()
): Promise<OpeningProgress | null> {
	const run = await db
		.selectFrom('opening_run')
		.leftJoin('app_process', 'app_process.id', 'opening_run.host')
		.select(['phase', 'done', 'total', 'error', 'result', 'app_process.seen_at'])
		.where('campaign_id', '=', campaignId)
		.executeTakeFirst();
	if (!run) return null;
	const hostAlive = run.seen_at !== null && run.seen_at >= liveSince(now);
	if (isRunningPhase(run.phase) && !hostAlive) return null;
	return {
		phase: run.phase as OpeningProgress['phase'],
		done: run.done,
		total: run.total,
		...(run.error ? { error: run.error as MessageKey } : {}),
		...(run.result ? { result: JSON.parse(run.result) as OpeningProgress['result'] } : {})
	};
}

/**
 * The host's part: takes the sealed shares of each round it hosts whose opening is due into memory (deleting
 * the rows), then runs it with `run`, mirroring the progress to opening_run until it ends.
 */
export async function serveHostedOpenings(
	db: Db,
	self: string,
	run: (campaignId: number) => Promise<OpeningProgress>
): Promise<number[]> {
	const due = await db
		.selectFrom('opening_run')
		.select('campaign_id')
		.where('host', '=', self)
		.where('phase', '=', 'decrypting')
		.where('done', '=', 0)
		.execute();
	const started: number[] = [];
	for (const { campaign_id: campaignId } of due) {
		if (isRunning(progressOf(campaignId)) || takingUp.has(campaignId)) continue;
		takingUp.add(campaignId);
		try {
			if (await takeUp(db, self, campaignId, run)) started.push(campaignId);
		} finally {
			takingUp.delete(campaignId);
		}
	}
	return started;
}

async function takeUp(
	db: Db,
	self: string,
	campaignId: number,
	run: (campaignId: number) => Promise<OpeningProgress>
): Promise<boolean> {
	const { pair } = await processRelayKey();
	const suite = sealingSuite(kem);
	const rows = await db.transaction().execute(async (trx) => {
		const taken = await trx
			.selectFrom('relayed_share')
			.innerJoin('staff_user', 'staff_user.id', 'relayed_share.staff_user_id')
			.select([
				'relayed_share.slot',
				'relayed_share.sealed',
				'relayed_share.at',
				'staff_user.id',
				'staff_user.username'
			])
			.where('relayed_share.campaign_id', '=', campaignId)
			.where('relayed_share.host', '=', self)
			.execute();
		await trx.deleteFrom('relayed_share').where('campaign_id', '=', campaignId).execute();
		return taken;
	});
	if (rows.length === 0) return false;
	for (const r of rows) {
		const share = await openBytes(
			suite,
			pair,
			fromBase64url(r.sealed) ?? new Uint8Array(),
			relayAad(campaignId, r.slot)
		);
		// A share sealed to another key cannot open here: the opening then finds too few and says so.
		if (share) holdShare(campaignId, { staffUserId: r.id, username: r.username, slot: r.slot, share, at: r.at });
	}
	setProgress(campaignId, { phase: 'decrypting', done: 0, total: 0 });
	void mirrorWhileRunning(db, campaignId, run(campaignId));
	return true;
}

async function mirrorWhileRunning(db: Db, campaignId: number, job: Promise<OpeningProgress>): Promise<void> {
	const write = async () => {
		const p = progressOf(campaignId);
		if (!p) return;
		await db
			.updateTable('opening_run')
			.set({
				phase: p.phase,
				done: p.done,
				total: p.total,
				error: p.error ?? null,
				result: p.result ? JSON.stringify(p.result) : null,
				updated_at: nowSeconds()
			})
			.where('campaign_id', '=', campaignId)
			.execute();
	};
	const timer = setInterval(() => void write().catch(() => undefined), MIRROR_MS);
	try {
		await job.catch(() => undefined);
	} finally {
		clearInterval(timer);
		await write().catch(() => undefined);
	}
}
