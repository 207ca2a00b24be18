// The ballot side during the round (docs/integrity.md steps 7–8). Nothing here knows a person, an
// invitation, a session, a device, an IP or a time, and nothing here can read an answer: the browser
// sealed the sheet to the counting committee's key (HPKE) before sending it. A sheet is keyed by
// SHA-256(m) and proven eligible by the cell's blind signature on m; revising with m replaces it.
// No tally and no count by answer exists until the committee opens the closed round (opening.ts).
import { sha256 } from '@oslojs/crypto/sha2';
import { decodeBase64urlIgnorePadding } from '@oslojs/encoding';
import { z } from 'zod';
import { receiptFromKeyHash } from '$lib/domain/codes';
import type { Message, MessageKey, MessageParams } from '$lib/domain/message';
import { ENC_BYTES } from '$lib/sealing/hpke';
import { verifyCredential } from '../crypto/blind-signer';
import type { Db } from '../db/open';
import { inTransaction } from '../db/transaction';
import { loadCellForm } from './cell-form';
import { findPublicCampaign, publishedKeys } from './public';

export const MESSAGE_BYTES = 64;
/** A sealed sheet: enc (32) ‖ AES-GCM ciphertext of the canonical JSON (≤ ~180 KiB) ‖ tag (16). */
export const SEALED_MAX_BYTES = 192 * 1024;
const SEALED_MIN_BYTES = ENC_BYTES + 16 + 2;

export type CastError = { status: number; errors: Message[] };
export type CastResult = { ok: true; receipt: string; revised: boolean } | { ok: false; error: CastError };

const castSchema = z.strictObject({
	cell: z.number().int().positive().optional(),
	message: z.string().max(200),
	signature: z.string().max(1024).optional(),
	sealed: z.string().max(Math.ceil((SEALED_MAX_BYTES * 4) / 3) + 4)
});

const refuse = (status: number, key: MessageKey, params?: MessageParams): { ok: false; error: CastError } => ({
	ok: false,
	error: { status, errors: [params ? { key, params } : { key }] }
});

/**
 * Strict base64url (padding optional) in native code: a sealed sheet is kilobytes, which the JS decoder took
 * ~0.3 ms per cast to read. Buffer skips characters it does not know, so the bytes must encode back to the
 * text exactly: any other character, misplaced padding or non-zero spare bits is refused, as before.
 */
function decodeBytes(text: string, length?: number): Uint8Array | null {
	const bare = text.endsWith('==') ? text.slice(0, -2) : text.endsWith('=') ? text.slice(0, -1) : text;
	const bytes = Buffer.from(bare, 'base64url');
	if (bytes.toString('base64url') !== bare) return null;
	return length === undefined || bytes.length === length ? bytes : null;
}

export const keyHashOf = (message: Uint8Array) => Buffer.from(sha256(message)).toString('hex');

/** Casts a new sealed sheet (with a signature) or replaces one (the same m, with or without it). */
export async function castBallot(db: Db, slug: string, body: unknown): Promise<CastResult> {
	const campaign = await findPublicCampaign(db, slug);
	if (!campaign) return refuse(404, 'cast.error.noCampaign');
	const parsed = castSchema.safeParse(body);
	if (!parsed.success) return refuse(400, 'cast.error.badRequest');
	const message = decodeBytes(parsed.data.message, MESSAGE_BYTES);
	if (!message) return refuse(400, 'cast.error.badMessage');
	if (campaign.state !== 'open') return refuse(409, 'cast.error.closed');
	const sealed = decodeBytes(parsed.data.sealed);
	if (!sealed || sealed.length < SEALED_MIN_BYTES || sealed.length > SEALED_MAX_BYTES)
		return refuse(400, 'cast.error.badSealed');
	const keyHash = keyHashOf(message);
	const existing = await db
		.selectFrom('sealed_sheet')
		.select(['cell_id', 'campaign_id'])
		.where('key_hash', '=', keyHash)
		.executeTakeFirst();
	// key_hash is unique across campaigns: an m counted in another campaign must not overwrite that sheet.
	if (existing && existing.campaign_id !== campaign.id) return refuse(400, 'cast.error.badMessage');

	let cellId: number;
	if (existing) {
		cellId = existing.cell_id;
		if (parsed.data.cell !== undefined && parsed.data.cell !== cellId) return refuse(400, 'cast.error.wrongCell');
	} else {
		if (parsed.data.signature === undefined || parsed.data.cell === undefined)
			return refuse(403, 'cast.error.unknownCredential');
		// The round's own cells only (its published keys, read once per process).
		const cell = (await publishedKeys(db, campaign.id)).cells.find((c) => c.id === parsed.data.cell);
		if (!cell) return refuse(403, 'cast.error.badSignature');
		const signature = decodeBytes(parsed.data.signature);
		if (!signature || !verifyCredential(decodeBase64urlIgnorePadding(cell.publicKey), message, signature))
			return refuse(403, 'cast.error.badSignature');
		cellId = cell.id;
	}
	const receipt = receiptFromKeyHash(sha256(message));

	return inTransaction(db, async (trx) => {
		// Re-read inside the write: the campaign may have closed, or the same m been cast, meanwhile.
		const state = await trx
			.selectFrom('campaign')
			.select('state')
			.where('id', '=', campaign.id)
			.executeTakeFirstOrThrow();
		if (state.state !== 'open') return refuse(409, 'cast.error.closed');
		const before = await trx
			.selectFrom('sealed_sheet')
			.select(['campaign_id'])
			.where('key_hash', '=', keyHash)
			.executeTakeFirst();
		if (before && before.campaign_id !== campaign.id) return refuse(400, 'cast.error.badMessage');
		if (before) {
			await trx.updateTable('sealed_sheet').set({ sealed }).where('key_hash', '=', keyHash).execute();
			return { ok: true as const, receipt, revised: true };
		}
		await trx
			.insertInto('sealed_sheet')
			.values({ key_hash: keyHash, campaign_id: campaign.id, cell_id: cellId, receipt, sealed })
			.execute();
		return { ok: true as const, receipt, revised: false };
	});
}

/**
 * For a revision: the questionnaire to answer again and the key to seal it to, while the campaign is
 * open. Never the answers counted so far (nobody can read them anyway): whoever holds a revision code
 * (a coercer collecting them, say) learns nothing of what was answered.
 */
export async function openBallot(db: Db, slug: string, body: unknown) {
	const campaign = await findPublicCampaign(db, slug);
	if (!campaign) return refuse(404, 'cast.error.noCampaign');
	const parsed = z.strictObject({ message: z.string().max(200) }).safeParse(body);
	const message = parsed.success ? decodeBytes(parsed.data.message, MESSAGE_BYTES) : null;
	if (!message) return refuse(400, 'cast.error.badMessage');
	if (campaign.state !== 'open') return refuse(409, 'cast.error.closed');
	const row = await db
		.selectFrom('sealed_sheet')
		.select(['cell_id', 'receipt'])
		.where('key_hash', '=', keyHashOf(message))
		.where('campaign_id', '=', campaign.id)
		.executeTakeFirst();
	if (!row) return refuse(404, 'cast.error.unknownCredential');
	const form = await loadCellForm(db, row.cell_id);
	if (!form || !form.sealingKey) return refuse(409, 'cast.error.noQuestionnaire');
	return {
		ok: true as const,
		receipt: row.receipt,
		cell: row.cell_id,
		campaignId: campaign.id,
		sealingKey: form.sealingKey,
		questionnaire: form.questionnaire,
		ratedUnits: form.ratedUnits
	};
}
