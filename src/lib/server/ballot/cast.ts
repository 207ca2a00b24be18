// The ballot side (integrity.md steps 7–8). Nothing here knows a person, an invitation, a session,
// a device, an IP or a time: an answer sheet is keyed by SHA-256(m) and proven eligible by the
// cell's blind signature on m. Revising with m replaces the sheet and moves the tallies.
import { sha256 } from '@oslojs/crypto/sha2';
import { decodeBase64urlIgnorePadding } from '@oslojs/encoding';
import { z } from 'zod';
import { tallyDelta, tallyKeys, validateSheet, type BallotError, type TallyKey } from '$lib/domain/ballot';
import { receiptFromKeyHash } from '$lib/domain/codes';
import { verifyCredential } from '../blind-signer';
import type { Db } from '../db/open';
import { inTransaction } from '../db/transaction';
import type { Database } from '../db/schema';
import type { Transaction } from 'kysely';
import { loadCellForm } from './cell-form';
import { readSheetAnswers, writeSheetAnswers } from './sheet-store';

export const MESSAGE_BYTES = 64;

export type CastError = { status: number; errors: BallotError[] };
export type CastResult = { ok: true; receipt: string; revised: boolean } | { ok: false; error: CastError };

const castSchema = z.strictObject({
	cell: z.number().int().positive().optional(),
	message: z.string().max(200),
	signature: z.string().max(1024).optional(),
	answers: z.unknown()
});

const refuse = (status: number, key: string, params?: Record<string, string | number>): { ok: false; error: CastError } => ({ ok: false, error: { status, errors: [{ key, params }] } });

function decodeMessage(text: string): Uint8Array | null {
	try {
		const bytes = decodeBase64urlIgnorePadding(text);
		return bytes.length === MESSAGE_BYTES ? bytes : null;
	} catch {
		return null;
	}
}

export const keyHashOf = (message: Uint8Array) => Buffer.from(sha256(message)).toString('hex');

async function campaignBySlug(db: Db, slug: string) {
	return db.selectFrom('campaign').select(['id', 'state']).where('slug', '=', slug).executeTakeFirst();
}

async function applyTallies(trx: Transaction<Database>, cellId: number, changes: { key: TallyKey; delta: number }[]) {
	for (const { key, delta } of changes) {
		await trx
			.insertInto('ballot_tally')
			.values({ cell_id: cellId, question_id: key.questionId, unit_key: key.unitId, option_id: key.optionId, count: delta })
			.onConflict((oc) => oc.columns(['cell_id', 'question_id', 'unit_key', 'option_id']).doUpdateSet((eb) => ({ count: eb('ballot_tally.count', '+', delta) })))
			.execute();
	}
}

/** Casts a new answer sheet (with a signature) or revises one (the same m, with or without it). */
export async function castBallot(db: Db, slug: string, body: unknown): Promise<CastResult> {
	const campaign = await campaignBySlug(db, slug);
	if (!campaign || campaign.state === 'draft') return refuse(404, 'cast.error.noCampaign');
	const parsed = castSchema.safeParse(body);
	if (!parsed.success) return refuse(400, 'cast.error.badRequest');
	const message = decodeMessage(parsed.data.message);
	if (!message) return refuse(400, 'cast.error.badMessage');
	if (campaign.state !== 'open') return refuse(409, 'cast.error.closed');
	const keyHash = keyHashOf(message);
	const existing = await db.selectFrom('answer_sheet').select(['cell_id']).where('key_hash', '=', keyHash).where('campaign_id', '=', campaign.id).executeTakeFirst();

	let cellId: number;
	if (existing) {
		cellId = existing.cell_id;
		if (parsed.data.cell !== undefined && parsed.data.cell !== cellId) return refuse(400, 'cast.error.wrongCell');
	} else {
		if (parsed.data.signature === undefined || parsed.data.cell === undefined) return refuse(403, 'cast.error.unknownCredential');
		const cell = await db.selectFrom('reporting_cell').select(['id', 'public_key']).where('id', '=', parsed.data.cell).where('campaign_id', '=', campaign.id).executeTakeFirst();
		if (!cell) return refuse(403, 'cast.error.badSignature');
		let signature: Uint8Array;
		try {
			signature = decodeBase64urlIgnorePadding(parsed.data.signature);
		} catch {
			return refuse(403, 'cast.error.badSignature');
		}
		if (!verifyCredential(decodeBase64urlIgnorePadding(cell.public_key), message, signature)) return refuse(403, 'cast.error.badSignature');
		cellId = cell.id;
	}

	const form = await loadCellForm(db, cellId);
	if (!form) return refuse(409, 'cast.error.noQuestionnaire');
	const checked = validateSheet(form.questionnaire, form.ratedUnits.map((u) => u.id), parsed.data.answers);
	if (!checked.ok) return { ok: false, error: { status: 422, errors: checked.errors } };
	const sheet = checked.sheet;
	const receipt = receiptFromKeyHash(sha256(message));

	return inTransaction(db, async (trx) => {
		// Re-read inside the write: the campaign may have closed, or the same m been cast, meanwhile.
		const state = await trx.selectFrom('campaign').select('state').where('id', '=', campaign.id).executeTakeFirstOrThrow();
		if (state.state !== 'open') return refuse(409, 'cast.error.closed');
		const before = await trx.selectFrom('answer_sheet').select(['campaign_id']).where('key_hash', '=', keyHash).executeTakeFirst();
		// key_hash is unique across campaigns: an m counted in another campaign must not overwrite that sheet or move tallies here.
		if (before && before.campaign_id !== campaign.id) return refuse(400, 'cast.error.badMessage');
		if (before) {
			const old = await readSheetAnswers(trx, keyHash);
			await writeSheetAnswers(trx, keyHash, sheet);
			await applyTallies(trx, cellId, tallyDelta(tallyKeys(old), tallyKeys(sheet)));
			return { ok: true as const, receipt, revised: true };
		}
		await trx.insertInto('answer_sheet').values({ key_hash: keyHash, receipt, campaign_id: campaign.id, cell_id: cellId }).execute();
		await writeSheetAnswers(trx, keyHash, sheet);
		await trx
			.insertInto('ballot_cell_count')
			.values({ cell_id: cellId, sheets: 1 })
			.onConflict((oc) => oc.column('cell_id').doUpdateSet((eb) => ({ sheets: eb('ballot_cell_count.sheets', '+', 1) })))
			.execute();
		await applyTallies(trx, cellId, tallyDelta([], tallyKeys(sheet)));
		return { ok: true as const, receipt, revised: false };
	});
}

/**
 * For a revision: the questionnaire to answer again, while the campaign is open. Never the answers
 * counted so far: whoever holds a revision code (a coercer collecting them, say) must not be able
 * to check what was answered — the respondent can always replace it before the close.
 */
export async function openBallot(db: Db, slug: string, body: unknown) {
	const campaign = await campaignBySlug(db, slug);
	if (!campaign || campaign.state === 'draft') return refuse(404, 'cast.error.noCampaign');
	const parsed = z.strictObject({ message: z.string().max(200) }).safeParse(body);
	const message = parsed.success ? decodeMessage(parsed.data.message) : null;
	if (!message) return refuse(400, 'cast.error.badMessage');
	if (campaign.state !== 'open') return refuse(409, 'cast.error.closed');
	const row = await db.selectFrom('answer_sheet').select(['cell_id', 'receipt']).where('key_hash', '=', keyHashOf(message)).where('campaign_id', '=', campaign.id).executeTakeFirst();
	if (!row) return refuse(404, 'cast.error.unknownCredential');
	const form = await loadCellForm(db, row.cell_id);
	if (!form) return refuse(409, 'cast.error.noQuestionnaire');
	return { ok: true as const, receipt: row.receipt, cell: row.cell_id, questionnaire: form.questionnaire, ratedUnits: form.ratedUnits };
}

export async function receiptRecorded(db: Db, campaignId: number, receipt: string): Promise<boolean> {
	const row = await db.selectFrom('answer_sheet').select('receipt').where('receipt', '=', receipt).where('campaign_id', '=', campaignId).executeTakeFirst();
	return row !== undefined;
}
