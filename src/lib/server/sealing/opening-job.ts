// The opening job: with t shares held, rebuild the key in memory, prove it with the key check, decrypt
// and check every sealed sheet, merge cells below k into their parent, shuffle, and hand the result to
// the one write (./opening-write). Reports through the progress in ./held-shares.
import { DhkemX25519HkdfSha256 } from '@hpke/core';
import { tallyKeys, validateSheet, type SheetAnswers } from '$lib/domain/ballot';
import { placeKey, rollUpSmallCells, type Place } from '$lib/domain/cell-merge';
import type { MessageKey } from '$lib/domain/message';
import { fromBase64url, shuffleInPlace } from '$lib/sealing/bytes';
import { importPrivateKey, keyCheckAad, openBytes, sealingSuite, sheetAad } from '$lib/sealing/hpke';
import { combineShares } from '$lib/sealing/shares';
import { appendAuditEvent, NO_REQUEST } from '../audit';
import { loadCellForm } from '../ballot/cell-form';
import type { Db } from '../db/open';
import { nowSeconds } from '../time';
import { forgetAll, heldShares, progressOf, setProgress, type OpeningProgress } from './held-shares';
import { finishOpening, TALLY_SEPARATOR, writeOpening } from './opening-write';

const PAGE = 500;

/** Test-only pause points (the crash and attack tests copy or kill the process there); none in the app. */
export interface OpeningHooks {
	/** After each page of sealed sheets is decrypted in memory; nothing is written yet. */
	decrypted?(done: number, total: number): Promise<void>;
	/** Inside the one write, every row in, just before the commit. Must not use the database. */
	beforeCommit?(): Promise<void>;
	/** Just after the commit, before the clean-up (VACUUM, WAL truncate). */
	afterCommit?(): Promise<void>;
	/** PostgreSQL: the clean-up first found transactions older than itself, and waits for them to end. */
	olderTransactions?(count: number): Promise<void>;
}

export interface OpeningHandle {
	db: Db;
	/** With several processes (PostgreSQL): this process's id; shares go to the round's host (./share-relay). */
	relayAs?: string;
	hooks?: OpeningHooks;
	/** The opening's clock; the demo seed dates its past rounds' openings in their own year. */
	clock?: () => number;
}

/** Runs the opening with the shares held for the campaign; resolves when it is done or failed. */
export async function runOpening(handle: OpeningHandle, campaignId: number): Promise<OpeningProgress> {
	const { db } = handle;
	const state: OpeningProgress = progressOf(campaignId) ?? { phase: 'decrypting', done: 0, total: 0 };
	setProgress(campaignId, state);
	const shares = heldShares(campaignId);
	const fail = async (reason: MessageKey) => {
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
