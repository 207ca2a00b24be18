// The opening (kiểm phiếu, docs/integrity.md step 9). Members of the counting committee supply their shares
// one by one from their own sessions; shares are held in this process's memory only (never written to
// disk, a log, an audit detail or an error message) until t of them are in. Then one job rebuilds the
// key in memory, decrypts and checks every sealed sheet, merges cells below k into their parent,
// shuffles, and writes the plaintext sheets, tallies and counted receipts in ONE transaction that also
// deletes the sealed sheets; then it rebuilds the file (VACUUM) and truncates the WAL. A crash before
// the commit leaves no plaintext (the dirty pages never spill: cache_spill is off for the write; torn
// WAL frames are dropped by the checkpoint at the next start); a crash after it leaves the clean-up,
// which the next start finishes (resumeOpenings).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { DhkemX25519HkdfSha256 } from '@hpke/core';
import { tallyKeys, validateSheet, type SheetAnswers } from '$lib/domain/ballot';
import { placeKey, rollUpSmallCells, type Place } from '$lib/domain/cell-merge';
import { fromBase64url, shuffleInPlace } from '$lib/sealing/bytes';
import { importPrivateKey, keyCheckAad, openBytes, sealingSuite, sheetAad } from '$lib/sealing/hpke';
import { decryptShareCode } from '$lib/sealing/share-file';
import { combineShares, shareCheckValue } from '$lib/sealing/shares';
import { appendAuditEvent, NO_REQUEST, staffActor, type RequestMeta } from '../audit';
import type { Staff } from '../campaigns/campaigns';
import { loadCellForm } from '../ballot/cell-form';
import type { Db } from '../db/open';
import type { Database } from '../db/schema';
import type { Insertable } from 'kysely';
import { nowSeconds } from '../time';

export type OpeningError = { key: string; params?: Record<string, string | number> };
export type OpeningPhase = 'decrypting' | 'writing' | 'cleaning' | 'done' | 'failed';
export interface OpeningProgress {
	phase: OpeningPhase;
	done: number;
	total: number;
	error?: string;
	result?: { sheets: number; invalid: number; mergedCells: number };
}

/** A held share: the member, their slot and the raw share (memory only). */
interface HeldShare {
	staffUserId: number;
	username: string;
	slot: number;
	share: Uint8Array;
	at: number;
}

// Process memory on purpose: shares must never reach the database, and a restart forgets them.
const held = new Map<number, Map<number, HeldShare>>();
const progress = new Map<number, OpeningProgress>();
/** Shares not used within this time are dropped: members supply them again. */
export const HELD_SHARE_SECONDS = 6 * 60 * 60;
const PAGE = 500;
const INSERT_BATCH = 200;

/** Test-only pause points (the crash and attack tests copy or kill the process there); none in the app. */
export interface OpeningHooks {
	/** After each page of sealed sheets is decrypted in memory; nothing is written yet. */
	decrypted?(done: number, total: number): Promise<void>;
	/** Inside the one write, every row in, just before the commit. Must not use the database. */
	beforeCommit?(): Promise<void>;
	/** Just after the commit, before the clean-up (VACUUM, WAL truncate). */
	afterCommit?(): Promise<void>;
}

export interface OpeningHandle {
	db: Db;
	hooks?: OpeningHooks;
	/** The opening's clock; the demo seed dates its past rounds' openings in their own year. */
	clock?: () => number;
}

function dropExpired(campaignId: number, now: number) {
	const shares = held.get(campaignId);
	if (!shares) return;
	for (const [slot, s] of shares) if (s.at + HELD_SHARE_SECONDS < now) forgetShare(shares, slot);
}

function forgetShare(shares: Map<number, HeldShare>, slot: number) {
	shares.get(slot)?.share.fill(0);
	shares.delete(slot);
}

function forgetAll(campaignId: number) {
	const shares = held.get(campaignId);
	if (shares) for (const slot of [...shares.keys()]) forgetShare(shares, slot);
	held.delete(campaignId);
}

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
	return {
		threshold: key?.threshold ?? null,
		heldSlots: [...(held.get(campaignId)?.keys() ?? [])].sort((a, b) => a - b),
		progress: progress.get(campaignId) ?? null,
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

const isRunning = (p: OpeningProgress | undefined) => p !== undefined && p.phase !== 'failed' && p.phase !== 'done';

async function refuseShare(
	db: Db,
	campaignId: number,
	staff: Staff,
	meta: RequestMeta,
	reason: string,
	now: number
): Promise<{ ok: false; error: OpeningError }> {
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
	return { ok: false, error: { key: reason } };
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
): Promise<{ ok: true; held: number; threshold: number; started: boolean } | { ok: false; error: OpeningError }> {
	const { db } = handle;
	const campaign = await db
		.selectFrom('campaign')
		.select(['id', 'state', 'counted_at'])
		.where('id', '=', campaignId)
		.executeTakeFirst();
	if (!campaign) return { ok: false, error: { key: 'campaign.error.notFound' } };
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
	if (isRunning(progress.get(campaignId)))
		return refuseShare(db, campaignId, staff, meta, 'opening.error.running', now);
	const key = await db
		.selectFrom('sealing_key')
		.select(['threshold', 'size'])
		.where('campaign_id', '=', campaignId)
		.executeTakeFirst();
	if (!key || member.share_check === null) return refuseShare(db, campaignId, staff, meta, 'opening.error.noKey', now);
	dropExpired(campaignId, now);
	if (held.get(campaignId)?.has(member.slot))
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
	// Re-checked after the awaits above: a second tab of the same member, or a job another member's
	// share just started, must not add a share (or start a second job).
	const late = held.get(campaignId)?.has(member.slot)
		? 'opening.error.alreadySupplied'
		: isRunning(progress.get(campaignId))
			? 'opening.error.running'
			: null;
	if (late) {
		share.fill(0);
		return refuseShare(db, campaignId, staff, meta, late, now);
	}
	const shares = held.get(campaignId) ?? new Map<number, HeldShare>();
	held.set(campaignId, shares);
	shares.set(member.slot, { staffUserId: staff.id, username: staff.username, slot: member.slot, share, at: now });
	const heldNow = shares.size;
	// Claimed with no await in between: two members whose shares arrive together start one job, not two.
	const started = heldNow >= key.threshold && !isRunning(progress.get(campaignId));
	if (started) progress.set(campaignId, { phase: 'decrypting', done: 0, total: 0 });
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

/** Runs the opening with the shares held for the campaign; resolves when it is done or failed. */
export async function runOpening(handle: OpeningHandle, campaignId: number): Promise<OpeningProgress> {
	const { db } = handle;
	const state: OpeningProgress = progress.get(campaignId) ?? { phase: 'decrypting', done: 0, total: 0 };
	progress.set(campaignId, state);
	const shares = [...(held.get(campaignId)?.values() ?? [])];
	const fail = async (reason: string) => {
		forgetAll(campaignId);
		state.phase = 'failed';
		state.error = reason;
		await appendAuditEvent(db, {
			actor: { type: 'system', label: 'opening' },
			action: 'opening.failed',
			subject: { type: 'campaign', id: campaignId },
			meta: NO_REQUEST,
			payload: { reason }
		});
		return state;
	};
	try {
		const key = await db.selectFrom('sealing_key').selectAll().where('campaign_id', '=', campaignId).executeTakeFirst();
		const campaign = await db
			.selectFrom('campaign')
			.select(['id', 'state', 'counted_at', 'k_threshold'])
			.where('id', '=', campaignId)
			.executeTakeFirst();
		if (!key || !campaign || campaign.state === 'draft' || campaign.state === 'open' || campaign.counted_at !== null)
			return await fail('opening.error.notClosed');
		if (shares.length < key.threshold) return await fail('opening.error.tooFewShares');
		const raw = await combineShares(shares.slice(0, key.threshold).map((s) => s.share));
		const kem = new DhkemX25519HkdfSha256();
		const suite = sealingSuite(kem);
		// A key pair, not the private key alone: the library would otherwise derive the public key per sheet.
		let privateKey: CryptoKeyPair;
		try {
			privateKey = {
				privateKey: await importPrivateKey(kem, raw),
				publicKey: await kem.deserializePublicKey(fromBase64url(key.public_key) ?? new Uint8Array())
			};
		} catch {
			return await fail('opening.error.wrongKey');
		} finally {
			raw.fill(0);
		}
		// Combining checked shares gives the key; the key check proves it before any sheet is touched.
		if (
			!(await openBytes(suite, privateKey, fromBase64url(key.key_check) ?? new Uint8Array(), keyCheckAad(campaignId)))
		)
			return await fail('opening.error.wrongKey');
		const members = shares.slice(0, key.threshold).map((s) => ({ username: s.username, slot: s.slot }));
		forgetAll(campaignId);

		const total = await db
			.selectFrom('sealed_sheet')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('campaign_id', '=', campaignId)
			.executeTakeFirstOrThrow();
		state.total = Number(total.n);
		// Only the canonical text of each sheet is kept; its tallies are added up per reporting cell as it
		// opens (tallies are additive, so the roll-up later just adds cells together).
		const opened: { cellId: number; body: string }[] = [];
		const talliesByCell = new Map<number, Map<string, number>>();
		const receipts = new Set<string>();
		let invalid = 0;
		let after = '';
		for (;;) {
			// Keyset pages: never hold a read cursor open across awaits (other requests share the connection).
			const rows = await db
				.selectFrom('sealed_sheet')
				.select(['key_hash', 'cell_id', 'receipt', 'sealed'])
				.where('campaign_id', '=', campaignId)
				.where('key_hash', '>', after)
				.orderBy('key_hash')
				.limit(PAGE)
				.execute();
			if (rows.length === 0) break;
			after = rows[rows.length - 1].key_hash;
			const results = await Promise.all(
				rows.map((r) => openSheet(db, suite, privateKey, campaignId, r.cell_id, r.sealed))
			);
			for (const [i, result] of results.entries()) {
				if (result) {
					opened.push({ cellId: rows[i].cell_id, body: JSON.stringify(result) });
					addTallies(talliesByCell, rows[i].cell_id, result);
					receipts.add(rows[i].receipt);
				} else invalid++;
			}
			state.done += rows.length;
			await handle.hooks?.decrypted?.(state.done, state.total);
		}

		state.phase = 'writing';
		const cells = await db
			.selectFrom('reporting_cell')
			.select(['id', 'group_id', 'unit_id'])
			.where('campaign_id', '=', campaignId)
			.execute();
		const placeOf = new Map(cells.map((c) => [c.id, { groupId: c.group_id, unitId: c.unit_id }]));
		const units = await db.selectFrom('unit').select(['id', 'parent_id']).execute();
		const counts = new Map<string, { place: Place; count: number }>();
		for (const o of opened) {
			const place = placeOf.get(o.cellId)!;
			const entry = counts.get(placeKey(place)) ?? { place, count: 0 };
			entry.count++;
			counts.set(placeKey(place), entry);
		}
		const target = rollUpSmallCells(counts, new Map(units.map((u) => [u.id, u.parent_id])), campaign.k_threshold);
		const mergedCells = [...target].filter(([from, to]) => from !== placeKey(to)).length;
		shuffleInPlace(opened);
		const result = { sheets: opened.length, invalid, mergedCells };
		const now = handle.clock?.() ?? nowSeconds();
		const placeOfCell = (cellId: number) => target.get(placeKey(placeOf.get(cellId)!))!;
		const placed = opened.map((o) => ({ place: placeOfCell(o.cellId), body: o.body }));
		opened.length = 0;
		const tallies = [...talliesByCell].map(([cellId, counts]) => ({ place: placeOfCell(cellId), counts }));
		const committed = await writeOpening(
			handle,
			campaignId,
			placed,
			tallies,
			[...receipts].sort(),
			result,
			members,
			now
		);
		if (!committed) return await fail('opening.error.notClosed');
		state.result = result;
		state.phase = 'cleaning';
		await handle.hooks?.afterCommit?.();
		await finishOpening(handle, campaignId);
		state.phase = 'done';
		return state;
	} catch (cause) {
		// Never the cause's text: it could quote a share or a sheet.
		void cause;
		return fail('opening.error.internal');
	}
}

const TALLY_SEPARATOR = '\u0000';

function addTallies(byCell: Map<number, Map<string, number>>, cellId: number, sheet: SheetAnswers) {
	let counts = byCell.get(cellId);
	if (!counts) byCell.set(cellId, (counts = new Map()));
	for (const k of tallyKeys(sheet)) {
		// A plain string key (question, rated unit, option): cheap at a hundred thousand sheets.
		const id = `${k.questionId}${TALLY_SEPARATOR}${k.unitId}${TALLY_SEPARATOR}${k.optionId}`;
		counts.set(id, (counts.get(id) ?? 0) + 1);
	}
}

async function openSheet(
	db: Db,
	suite: ReturnType<typeof sealingSuite>,
	key: CryptoKeyPair,
	campaignId: number,
	cellId: number,
	sealed: Uint8Array
): Promise<SheetAnswers | null> {
	const plain = await openBytes(suite, key, new Uint8Array(sealed), sheetAad(campaignId, cellId));
	if (!plain) return null;
	const form = await loadCellForm(db, cellId);
	if (!form) return null;
	let parsed: unknown;
	try {
		parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
	} catch {
		return null;
	}
	const checked = validateSheet(
		form.questionnaire,
		form.ratedUnits.map((u) => u.id),
		parsed
	);
	return checked.ok ? checked.sheet : null;
}

/**
 * The one write: opened sheets in shuffled order under random ids, the tallies, the counted receipts,
 * the sealed sheets deleted, the campaign marked counted, the audit event — one transaction, with cache
 * spill off so no page of it reaches the WAL before the commit.
 */
async function writeOpening(
	{ db, hooks }: OpeningHandle,
	campaignId: number,
	placed: { place: Place; body: string }[],
	cellTallies: { place: Place; counts: Map<string, number> }[],
	receipts: string[],
	result: { sheets: number; invalid: number; mergedCells: number },
	members: { username: string; slot: number }[],
	now: number
): Promise<boolean> {
	// Counted cells in (group, unit) order: their ids say nothing of who came when.
	const places = new Map<string, { place: Place; sheets: number }>();
	for (const p of placed) {
		const entry = places.get(placeKey(p.place)) ?? { place: p.place, sheets: 0 };
		entry.sheets++;
		places.set(placeKey(p.place), entry);
	}
	const ordered = [...places.values()].sort(
		(a, b) => a.place.groupId - b.place.groupId || a.place.unitId - b.place.unitId
	);
	const spill = await sql<{ cache_spill: number }>`pragma cache_spill`.execute(db);
	await sql`pragma cache_spill = off`.execute(db);
	try {
		return await db.transaction().execute(async (trx) => {
			const campaign = await trx
				.selectFrom('campaign')
				.select(['state', 'counted_at'])
				.where('id', '=', campaignId)
				.executeTakeFirst();
			if (!campaign || (campaign.state !== 'closed' && campaign.state !== 'published') || campaign.counted_at !== null)
				return false;
			const cellIds = new Map<string, number>();
			for (const { place, sheets } of ordered) {
				const row = await trx
					.insertInto('counted_cell')
					.values({ campaign_id: campaignId, group_id: place.groupId, unit_id: place.unitId, sheets })
					.returning('id')
					.executeTakeFirstOrThrow();
				cellIds.set(placeKey(place), row.id);
			}
			const tallies = new Map<
				string,
				{ cell_id: number; question_id: string; unit_key: string; option_id: string; count: number }
			>();
			for (const { place, counts } of cellTallies) {
				const cell = cellIds.get(placeKey(place))!;
				for (const [id, n] of counts) {
					const row = tallies.get(`${cell}${TALLY_SEPARATOR}${id}`);
					if (row) row.count += n;
					else {
						const [question_id, unit_key, option_id] = id.split(TALLY_SEPARATOR);
						tallies.set(`${cell}${TALLY_SEPARATOR}${id}`, {
							cell_id: cell,
							question_id,
							unit_key,
							option_id,
							count: n
						});
					}
				}
			}
			await insertBatches(
				trx,
				'opened_sheet',
				placed.map((p) => ({
					id: randomBytes(16).toString('hex'),
					campaign_id: campaignId,
					cell_id: cellIds.get(placeKey(p.place))!,
					body: p.body
				}))
			);
			await insertBatches(trx, 'opened_tally', [...tallies.values()]);
			await insertBatches(
				trx,
				'counted_receipt',
				receipts.map((receipt) => ({ campaign_id: campaignId, receipt }))
			);
			await trx.deleteFrom('sealed_sheet').where('campaign_id', '=', campaignId).execute();
			await trx
				.updateTable('campaign')
				.set({ counted_at: now, updated_at: now })
				.where('id', '=', campaignId)
				.execute();
			await trx
				.insertInto('opening_job')
				.values({
					campaign_id: campaignId,
					status: 'committed',
					sheets: result.sheets,
					invalid: result.invalid,
					merged_cells: result.mergedCells,
					committed_at: now,
					finished_at: null
				})
				.execute();
			await appendAuditEvent(
				trx,
				{
					actor: { type: 'system', label: 'opening' },
					action: 'opening.committed',
					subject: { type: 'campaign', id: campaignId },
					meta: NO_REQUEST,
					payload: { ...result, members }
				},
				now
			);
			await hooks?.beforeCommit?.();
			return true;
		});
	} finally {
		await sql.raw(`pragma cache_spill = ${spill.rows[0]?.cache_spill ? 'on' : 'off'}`).execute(db);
	}
}

type BulkTable = 'opened_sheet' | 'opened_tally' | 'counted_receipt';

async function insertBatches<T extends BulkTable>(
	trx: Transaction<Database>,
	table: T,
	rows: Insertable<Database[T]>[]
) {
	for (let i = 0; i < rows.length; i += INSERT_BATCH) {
		await trx
			.insertInto(table)
			.values(rows.slice(i, i + INSERT_BATCH) as never)
			.execute();
	}
}

/** After the commit: rebuild the file so no page remembers arrival order, then truncate the WAL. */
export async function finishOpening({ db, clock }: OpeningHandle, campaignId: number): Promise<void> {
	await sql`vacuum`.execute(db);
	const now = clock?.() ?? nowSeconds();
	await db.transaction().execute(async (trx) => {
		const job = await trx
			.updateTable('opening_job')
			.set({ status: 'finished', finished_at: now })
			.where('campaign_id', '=', campaignId)
			.where('status', '=', 'committed')
			.returning(['sheets', 'invalid', 'merged_cells'])
			.executeTakeFirst();
		if (job)
			await appendAuditEvent(
				trx,
				{
					actor: { type: 'system', label: 'opening' },
					action: 'opening.finished',
					subject: { type: 'campaign', id: campaignId },
					meta: NO_REQUEST,
					payload: { sheets: job.sheets, invalid: job.invalid, mergedCells: job.merged_cells }
				},
				now
			);
	});
	await sql`pragma wal_checkpoint(truncate)`.execute(db);
}

/** At start: finish the clean-up of an opening that committed before a crash, and drop torn WAL frames. */
export async function resumeOpenings(handle: OpeningHandle): Promise<number> {
	await sql`pragma wal_checkpoint(truncate)`.execute(handle.db);
	const pending = await handle.db
		.selectFrom('opening_job')
		.select('campaign_id')
		.where('status', '=', 'committed')
		.execute();
	for (const job of pending) await finishOpening(handle, job.campaign_id);
	return pending.length;
}

/** For tests and the demo: wait for a started job to end. */
export async function waitForOpening(campaignId: number): Promise<OpeningProgress | null> {
	for (;;) {
		const p = progress.get(campaignId);
		if (!p || p.phase === 'done' || p.phase === 'failed') return p ?? null;
		await new Promise((r) => setTimeout(r, 20));
	}
}
