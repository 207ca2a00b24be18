// Issuing the blind credential (docs/integrity.md step 6): the server signs a blinded message it cannot
// read, at most once per invitation, and only for a session verified within the last hour.
import type { KeyObject } from 'node:crypto';
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import type { Message, MessageKey } from '$lib/domain/message';
import { appendAuditEvent } from '../audit';
import { BlindSignError, privateKeyFromPkcs8, signBlinded } from '../crypto/blind-signer';
import { cellKeyContext, openCellPrivateKey } from '../crypto/cell-keys';
import type { Db } from '../db/open';
import { inTransaction } from '../db/transaction';
import type { AppKey } from '../crypto/keyring';
import { nowSeconds } from '../time';
import { sha256Hex } from './cookies';
import { fingerprintPayload, type RespondentMeta } from './fingerprint';
import { isFreshlyVerified, type RespondentContext } from './sessions';
import { refreshParticipationOf } from '../monitoring/counts';

/** Why no credential, and the HTTP status the endpoint answers with. */
export type CredentialRefusal = Message & { status: number };
export type CredentialResult =
	{ ok: true; blindSignature: string; cellId: number } | { ok: false; error: CredentialRefusal };

const fail = (status: number, key: MessageKey): { ok: false; error: CredentialRefusal } => ({
	ok: false,
	error: { status, key }
});

// Unsealing a key costs an AES-GCM open and a PKCS#8 parse: keep each cell's key object once opened.
// Per database too: several files opened in one process share cell ids.
const keyCaches = new WeakMap<object, Map<number, KeyObject>>();

async function cellSigningKey(db: Db, appKey: AppKey, cellId: number): Promise<KeyObject | null> {
	let keyCache = keyCaches.get(db);
	if (!keyCache) keyCaches.set(db, (keyCache = new Map()));
	const cached = keyCache.get(cellId);
	if (cached) return cached;
	const cell = await db
		.selectFrom('reporting_cell')
		.select(['campaign_id', 'group_id', 'unit_id', 'private_key_enc'])
		.where('id', '=', cellId)
		.executeTakeFirst();
	if (!cell) return null;
	const key = privateKeyFromPkcs8(
		openCellPrivateKey(appKey, cell.private_key_enc, cellKeyContext(cell.campaign_id, cell.group_id, cell.unit_id))
	);
	if (keyCache.size > 5000) keyCache.clear();
	keyCache.set(cellId, key);
	return key;
}

function hexOf(bytes: Uint8Array): string {
	return Buffer.from(bytes).toString('hex');
}

export async function issueCredential(
	db: Db,
	appKey: AppKey,
	ctx: RespondentContext,
	blindedInput: unknown,
	meta: RespondentMeta,
	now = nowSeconds()
): Promise<CredentialResult> {
	const inv = ctx.invitation;
	if (ctx.campaign.state !== 'open') return fail(409, 'respondent.error.campaignClosed');
	if (!isFreshlyVerified(ctx, now)) return fail(401, 'respondent.error.reverify');
	if (inv.attestation === null) return fail(409, 'respondent.error.notAttested');
	if (ctx.person.cellId === null) return fail(409, 'respondent.error.noCell');
	let blinded: Uint8Array;
	try {
		if (typeof blindedInput !== 'string' || blindedInput.length > 1024) throw new Error('shape');
		blinded = decodeBase64urlIgnorePadding(blindedInput);
	} catch {
		return fail(400, 'respondent.error.badRequest');
	}
	const key = await cellSigningKey(db, appKey, ctx.person.cellId);
	if (!key) return fail(409, 'respondent.error.noCell');
	const requestHash = sha256Hex(hexOf(blinded));
	const actor = { type: 'invitation', id: inv.id } as const;
	const subject = { type: 'invitation', id: inv.id };
	const sign = () => {
		try {
			return { ok: true as const, signature: signBlinded(key, blinded) };
		} catch (e) {
			if (e instanceof BlindSignError) return { ok: false as const };
			throw e;
		}
	};
	return inTransaction(db, async (trx) => {
		// The one write that makes "at most one credential per invitation" atomic.
		const claimed = await trx
			.updateTable('invitation')
			.set({ credential_at: now, credential_request_hash: requestHash })
			.where('id', '=', inv.id)
			.where('status', '=', 'active')
			.where('credential_at', 'is', null)
			.executeTakeFirst();
		if (Number(claimed.numUpdatedRows) === 1) {
			const signed = sign();
			if (!signed.ok) {
				// Roll back the claim: an unusable blinded message must not cost the respondent their credential.
				throw new RefusedBlind();
			}
			await refreshParticipationOf(trx, inv.id);
			await trx
				.updateTable('invitation_device')
				.set({ credential_at: now })
				.where('invitation_id', '=', inv.id)
				.where('device_hash', '=', ctx.deviceHash)
				.execute();
			await appendAuditEvent(
				trx,
				{
					actor,
					action: 'credential.issued',
					subject,
					meta,
					payload: { device: ctx.deviceHash, cell: ctx.person.cellId, ...fingerprintPayload(meta) }
				},
				now
			);
			return {
				ok: true as const,
				blindSignature: encodeBase64urlNoPadding(signed.signature),
				cellId: ctx.person.cellId!
			};
		}
		const current = await trx
			.selectFrom('invitation')
			.select(['status', 'credential_request_hash'])
			.where('id', '=', inv.id)
			.executeTakeFirst();
		// Revoked while this request was on its way: say so, instead of "already used".
		if (current?.status !== 'active') return fail(401, 'respondent.error.noSession');
		if (current.credential_request_hash === requestHash) {
			// The same blinded message again (a lost response): signing it again yields the same
			// signature, so the respondent still holds exactly one credential.
			const signed = sign();
			if (!signed.ok) return fail(400, 'respondent.error.badRequest');
			await appendAuditEvent(
				trx,
				{ actor, action: 'credential.repeated', subject, meta, payload: { device: ctx.deviceHash } },
				now
			);
			return {
				ok: true as const,
				blindSignature: encodeBase64urlNoPadding(signed.signature),
				cellId: ctx.person.cellId!
			};
		}
		await appendAuditEvent(
			trx,
			{ actor, action: 'credential.refused', subject, meta, payload: { device: ctx.deviceHash } },
			now
		);
		return fail(409, 'respondent.error.alreadyIssued');
	}).catch((e) => {
		if (e instanceof RefusedBlind) return fail(400, 'respondent.error.badRequest');
		throw e;
	});
}

class RefusedBlind extends Error {}
