// The opening (kiểm phiếu, docs/integrity.md step 9). Members of the counting committee supply their shares
// one by one from their own sessions; shares are held in this process's memory only (./held-shares) until t
// of them are in (several processes on PostgreSQL: in the memory of the round's host, ./share-relay). Then one job (./opening-job) rebuilds the key in memory, decrypts and checks every sealed
// sheet and writes the counted round in one transaction (./opening-write). This module: supplying a share,
// and the opening's status.
import { timingSafeEqual } from 'node:crypto';
import { message, type Message, type MessageKey } from '$lib/domain/message';
import { decryptShareCode } from '$lib/sealing/share-file';
import { shareCheckValue } from '$lib/sealing/shares';
import { appendAuditEvent, staffActor, type RequestMeta } from '../audit';
import type { Staff } from '../auth/staff';
import { engineOf, type Db } from '../db/open';
import { inTransaction } from '../db/transaction';
import type { App } from '../app';
import { mirroredProgress, relayedSlots, relayShare, serveHostedOpenings } from './share-relay';
import { nowSeconds } from '../time';
import {
	dropExpired,
	heldSlots,
	holdShare,
	isHeld,
	isRunning,
	progressOf,
	setProgress,
	type OpeningProgress
} from './held-shares';
import { runOpening, type OpeningHandle } from './opening-job';

export { HELD_SHARE_SECONDS, waitForOpening, type OpeningPhase, type OpeningProgress } from './held-shares';
export { runOpening, type OpeningHandle, type OpeningHooks } from './opening-job';
export { finishOpening, resumeOpenings } from './opening-write';

export interface OpeningStatus {
	threshold: number | null;
	/** Slots whose shares are held in memory now. */
	heldSlots: number[];
	progress: OpeningProgress | null;
	counted: boolean;
	job: {
		status: 'committed' | 'finished';
		sheets: number;
		invalid: number;
		mergedCells: number;
		committedAt: number;
		finishedAt: number | null;
	} | null;
}

export async function openingStatus(db: Db, campaignId: number, now = nowSeconds()): Promise<OpeningStatus> {
	dropExpired(campaignId, now);
	const key = await db
		.selectFrom('sealing_key')
		.select('threshold')
		.where('campaign_id', '=', campaignId)
		.executeTakeFirst();
	const campaign = await db.selectFrom('campaign').select('counted_at').where('id', '=', campaignId).executeTakeFirst();
	const job = await db.selectFrom('opening_job').selectAll().where('campaign_id', '=', campaignId).executeTakeFirst();
	// Several processes: what the round's host holds and reports, when this process is not the host.
	const shared = engineOf(db) === 'postgres';
	const local = progressOf(campaignId);
	return {
		threshold: key?.threshold ?? null,
		heldSlots: [
			...new Set([...heldSlots(campaignId), ...(shared ? await relayedSlots(db, campaignId, now) : [])])
		].sort((a, b) => a - b),
		progress: local ?? (shared ? await mirroredProgress(db, campaignId, now) : null) ?? null,
		counted: (campaign?.counted_at ?? null) !== null,
		job: job
			? {
					status: job.status,
					sheets: job.sheets,
					invalid: job.invalid,
					mergedCells: job.merged_cells,
					committedAt: job.committed_at,
					finishedAt: job.finished_at
				}
			: null
	};
}

async function refuseShare(
	db: Db,
	campaignId: number,
	staff: Staff,
	meta: RequestMeta,
	reason: MessageKey,
	now: number
): Promise<{ ok: false; error: Message }> {
	await appendAuditEvent(
		db,
		{
			actor: staffActor(staff),
			action: 'opening.share_refused',
			subject: { type: 'campaign', id: campaignId },
			meta,
			payload: { reason }
		},
		now
	);
	return { ok: false, error: message(reason) };
}

/** Refusals that mean a wrong passphrase or code: each costs a PBKDF2 run, so they are limited per member. */
const GUESSES = new Set([
	'shareFile.error.passphrase',
	'shareFile.error.mistyped',
	'shareFile.error.format',
	'opening.error.foreignShare',
	'opening.error.notYourShare',
	'opening.error.badCheck'
]);
export const SHARE_GUESSES = { max: 5, windowSeconds: 15 * 60 };

/** Seconds this member must wait before another try (0: may try now), from their refusals in the audit log (at most the window). */
async function guessLockSeconds(db: Db, campaignId: number, staffId: number, now: number): Promise<number> {
	const rows = await db
		.selectFrom('audit_event')
		.select(['at', 'payload'])
		.where('action', '=', 'opening.share_refused')
		.where('actor_type', '=', 'staff')
		.where('actor_id', '=', String(staffId))
		.where('subject_id', '=', String(campaignId))
		.where('at', '>', now - SHARE_GUESSES.windowSeconds)
		.orderBy('at')
		.execute();
	const guesses = rows.filter((r) => GUESSES.has(String((JSON.parse(r.payload) as { reason?: unknown }).reason)));
	if (guesses.length < SHARE_GUESSES.max) return 0;
	return guesses[guesses.length - SHARE_GUESSES.max].at + SHARE_GUESSES.windowSeconds - now;
}

/**
 * A member supplies their share (the code from their file or printout, and their passphrase). When the
 * t-th share arrives the opening job starts; the caller need not wait for it.
 */
export async function supplyShare(
	handle: OpeningHandle,
	campaignId: number,
	staff: Staff,
	input: { code: string; passphrase: string },
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true; held: number; threshold: number; started: boolean } | { ok: false; error: Message }> {
	const { db } = handle;
	const campaign = await db
		.selectFrom('campaign')
		.select(['id', 'state', 'counted_at'])
		.where('id', '=', campaignId)
		.executeTakeFirst();
	if (!campaign) return { ok: false, error: message('campaign.error.notFound') };
	const member = await db
		.selectFrom('committee_member')
		.select(['slot', 'share_check'])
		.where('campaign_id', '=', campaignId)
		.where('staff_user_id', '=', staff.id)
		.executeTakeFirst();
	if (!member) return refuseShare(db, campaignId, staff, meta, 'opening.error.notMember', now);
	if (campaign.state === 'draft' || campaign.state === 'open')
		return refuseShare(db, campaignId, staff, meta, 'opening.error.notClosed', now);
	if (campaign.counted_at !== null)
		return refuseShare(db, campaignId, staff, meta, 'opening.error.alreadyCounted', now);
	if (isRunning(progressOf(campaignId))) return refuseShare(db, campaignId, staff, meta, 'opening.error.running', now);
	const key = await db
		.selectFrom('sealing_key')
		.select(['threshold', 'size'])
		.where('campaign_id', '=', campaignId)
		.executeTakeFirst();
	if (!key || member.share_check === null) return refuseShare(db, campaignId, staff, meta, 'opening.error.noKey', now);
	dropExpired(campaignId, now);
	if (isHeld(campaignId, member.slot))
		return refuseShare(db, campaignId, staff, meta, 'opening.error.alreadySupplied', now);
	const wait = await guessLockSeconds(db, campaignId, staff.id, now);
	if (wait > 0) return refuseShare(db, campaignId, staff, meta, 'opening.error.tooManyAttempts', now);

	const decrypted = await decryptShareCode(input.code, input.passphrase);
	if (!decrypted.ok) return refuseShare(db, campaignId, staff, meta, decrypted.error, now);
	const { header, share } = decrypted;
	if (header.campaignId !== campaignId || header.threshold !== key.threshold || header.size !== key.size) {
		share.fill(0);
		return refuseShare(db, campaignId, staff, meta, 'opening.error.foreignShare', now);
	}
	if (header.slot !== member.slot) {
		share.fill(0);
		return refuseShare(db, campaignId, staff, meta, 'opening.error.notYourShare', now);
	}
	const check = Buffer.from(await shareCheckValue(campaignId, member.slot, share));
	const stored = Buffer.from(member.share_check);
	// timingSafeEqual throws on unequal lengths: a damaged stored value is a mismatch, not a crash.
	if (check.length !== stored.length || !timingSafeEqual(check, stored)) {
		share.fill(0);
		return refuseShare(db, campaignId, staff, meta, 'opening.error.badCheck', now);
	}
	if (handle.relayAs)
		return supplyToHost(handle, handle.relayAs, campaignId, staff, member.slot, share, key.threshold, meta, now);
	// Re-checked after the awaits above: a second tab of the same member, or a job another member's
	// share just started, must not add a share (or start a second job).
	const late: MessageKey | null = isHeld(campaignId, member.slot)
		? 'opening.error.alreadySupplied'
		: isRunning(progressOf(campaignId))
			? 'opening.error.running'
			: null;
	if (late) {
		share.fill(0);
		return refuseShare(db, campaignId, staff, meta, late, now);
	}
	const heldNow = holdShare(campaignId, {
		staffUserId: staff.id,
		username: staff.username,
		slot: member.slot,
		share,
		at: now
	});
	// Claimed with no await in between: two members whose shares arrive together start one job, not two.
	const started = heldNow >= key.threshold && !isRunning(progressOf(campaignId));
	if (started) setProgress(campaignId, { phase: 'decrypting', done: 0, total: 0 });
	await appendAuditEvent(
		db,
		{
			actor: staffActor(staff),
			action: 'opening.share_supplied',
			subject: { type: 'campaign', id: campaignId },
			meta,
			payload: { slot: member.slot, held: heldNow, threshold: key.threshold }
		},
		now
	);
	// The job reports through `progress`; a failure is recorded there and in the audit log.
	if (started) void runOpening(handle, campaignId).catch(() => undefined);
	return { ok: true, held: heldNow, threshold: key.threshold, started };
}

/** The handle the server's routes open with: shares relayed to the round's host when processes share PostgreSQL. */
export function openingHandleOf(app: Pick<App, 'db' | 'engine' | 'processId'>): OpeningHandle {
	return { db: app.db, relayAs: app.engine === 'postgres' ? app.processId : undefined };
}

/** Several processes: the checked share goes to the round's host, sealed to its key, with its audit event. */
async function supplyToHost(
	handle: OpeningHandle,
	self: string,
	campaignId: number,
	staff: Staff,
	slot: number,
	share: Uint8Array,
	threshold: number,
	meta: RequestMeta,
	now: number
): Promise<{ ok: true; held: number; threshold: number; started: boolean } | { ok: false; error: Message }> {
	const { db } = handle;
	const relayed = await inTransaction(db, async (trx) => {
		const r = await relayShare(trx, self, { campaignId, slot, staffUserId: staff.id, share, threshold }, now);
		if (r.ok)
			await appendAuditEvent(
				trx,
				{
					actor: staffActor(staff),
					action: 'opening.share_supplied',
					subject: { type: 'campaign', id: campaignId },
					meta,
					payload: { slot, held: r.supply.held, threshold }
				},
				now
			);
		return r;
	}).finally(() => share.fill(0));
	if (!relayed.ok) return refuseShare(db, campaignId, staff, meta, relayed.reason, now);
	// The host starts it at once when it is this process, else on its next beat.
	if (relayed.supply.started && relayed.supply.host === self)
		await serveHostedOpenings(db, self, (id) => runOpening(handle, id));
	return { ok: true, held: relayed.supply.held, threshold, started: relayed.supply.started };
}
