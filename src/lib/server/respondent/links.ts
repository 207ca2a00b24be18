// Opening a personal link (docs/integrity.md step 1), the respondent's side of an invitation: the
// token's SHA-256 is looked up, and a valid one becomes a respondent session.
import { message, refuse, type Message } from '$lib/domain/message';
import { appendAuditEvent, type RequestMeta } from '../audit';
import { countFailure, secondsLocked } from '../auth/throttle';
import type { Db } from '../db/open';
import { inTransaction } from '../db/transaction';
import { nowSeconds } from '../time';
import { sha256Hex } from './cookies';
import { createRespondentSession } from './sessions';

const TOKEN_PATTERN = /^[a-z2-7]{32}$/;
// Guessing a 160-bit token is hopeless; this only stops a flood of bad links from filling the log.
const BAD_LINK_POLICY = { maxFailures: 100, windowSeconds: 15 * 60, lockSeconds: 15 * 60 };

/**
 * Opening a link: a valid token becomes a respondent session bound to the invitation and the device
 * (the token leaves the URL at once). Forged, revoked and unknown tokens all get the same answer.
 */
export async function openLink(
	db: Db,
	token: string,
	deviceHash: string,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true; token: string; expiresAt: number } | { ok: false; error: Message }> {
	const ipKey = `bad-link-ip:${meta.ip ?? 'unknown'}`;
	if ((await secondsLocked(db, ipKey, now)) > 0) return refuse(message('respondent.error.badLink'));
	const inv = TOKEN_PATTERN.test(token)
		? await db
				.selectFrom('invitation as i')
				.innerJoin('campaign as c', 'c.id', 'i.campaign_id')
				.select(['i.id', 'i.status', 'i.opened_at', 'c.state'])
				.where('i.token_hash', '=', sha256Hex(token))
				.executeTakeFirst()
		: undefined;
	if (!inv || inv.status !== 'active' || inv.state === 'draft') {
		await inTransaction(db, async (trx) => {
			await countFailure(trx, ipKey, BAD_LINK_POLICY, now);
			// Never the token itself: the log must not hold a key to anyone's questionnaire.
			await appendAuditEvent(
				trx,
				{
					actor: { type: 'anonymous' },
					action: 'link.invalid',
					meta,
					payload: { device: deviceHash, revoked: inv?.status === 'revoked' }
				},
				now
			);
		});
		return refuse(message('respondent.error.badLink'));
	}
	return inTransaction(db, async (trx) => {
		if (inv.opened_at === null)
			await trx.updateTable('invitation').set({ opened_at: now }).where('id', '=', inv.id).execute();
		const known = await trx
			.selectFrom('invitation_device')
			.select('device_hash')
			.where('invitation_id', '=', inv.id)
			.where('device_hash', '=', deviceHash)
			.executeTakeFirst();
		if (!known) {
			await trx
				.insertInto('invitation_device')
				.values({
					invitation_id: inv.id,
					device_hash: deviceHash,
					first_seen_at: now,
					verified_at: null,
					credential_at: null
				})
				.execute();
		}
		await appendAuditEvent(
			trx,
			{
				actor: { type: 'invitation', id: inv.id },
				action: 'link.opened',
				subject: { type: 'invitation', id: inv.id },
				meta,
				payload: { device: deviceHash, newDevice: !known }
			},
			now
		);
		const session = await createRespondentSession(trx, inv.id, deviceHash, now);
		return { ok: true, ...session } as const;
	});
}
