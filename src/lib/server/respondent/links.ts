// Opening a personal link (docs/integrity.md step 1), the respondent's side of an invitation: the
// token's SHA-256 is looked up among the person's links (invitation_link), and a live one becomes a
// respondent session. A dead one says why (revoked, replaced, already answered), never whose it is. Mail gateways fetch links
// to scan them, so the GET is only `link.fetched`: the link counts as opened, with its device, at the
// first human action (the code request, `markOpened`).
import { UNKNOWN_LINK, type DeadLink, type DeadLinkReason } from '$lib/domain/dead-link';
import { message, type Message } from '$lib/domain/message';
import { retryClock, type ThrottlePolicy } from '$lib/domain/throttle';
import type { Transaction } from 'kysely';
import { appendAuditEvent, type RequestMeta } from '../audit';
import { countFailure, secondsLocked } from '../auth/throttle';
import type { Db } from '../db/open';
import type { Database } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { nowSeconds } from '../time';
import { sha256Hex } from './cookies';
import { createRespondentSession } from './sessions';
import { refreshParticipationOf } from '../monitoring/counts';

const TOKEN_PATTERN = /^[a-z2-7]{32}$/;
// Guessing a 160-bit token is hopeless; this only stops a flood of bad links from filling the log.
export const BAD_LINK_POLICY: ThrottlePolicy = {
	freeFailures: 100,
	leakSeconds: 10,
	baseSeconds: 60,
	maxSeconds: 15 * 60
};

export type OpenLinkResult =
	{ ok: true; token: string; expiresAt: number } | { ok: false; error: Message; retryAt?: number; dead?: DeadLink };

const badLink = (dead: DeadLink): OpenLinkResult => ({ ok: false, error: message('respondent.error.badLink'), dead });

type FoundLink = {
	link_id: number;
	revoked_at: number | null;
	revoked_reason: string | null;
	id: number;
	person_id: number;
	status: 'active' | 'revoked';
	state: string;
	slug: string;
};

/** Why a known link is dead, in words the holder may read: nothing about the person beyond the letter. */
async function explainDeadLink(db: Db, link: FoundLink | undefined): Promise<DeadLink> {
	if (!link || link.state === 'draft') return UNKNOWN_LINK;
	const answered = await db
		.selectFrom('invitation')
		.select('id')
		.where('person_id', '=', link.person_id)
		.where('credential_at', 'is not', null)
		.executeTakeFirst();
	if (answered) return { reason: 'answered', at: null, newer: null, campaign: link.slug };
	const newer = await db
		.selectFrom('invitation_link as l')
		.innerJoin('invitation as i', 'i.id', 'l.invitation_id')
		.select(['l.channel', 'l.issued_at'])
		.where('i.person_id', '=', link.person_id)
		.where('i.status', '=', 'active')
		.where('l.revoked_at', 'is', null)
		.orderBy('l.issued_at', 'desc')
		.orderBy('l.id', 'desc')
		.executeTakeFirst();
	const reason: DeadLinkReason =
		link.revoked_reason === 'organiser' ? 'revoked' : link.revoked_reason === 'limit' ? 'replaced' : 'expired';
	return {
		reason,
		at: link.revoked_at,
		newer: newer ? { via: newer.channel === 'unknown' ? null : newer.channel, at: newer.issued_at } : null,
		campaign: link.slug
	};
}
const waitUntil = (moment: number): OpenLinkResult => ({
	ok: false,
	error: message('respondent.error.tooManyFromIp', { time: retryClock(moment) }),
	retryAt: moment
});

/**
 * Opening a link: a valid token becomes a respondent session bound to the device (the token leaves the URL
 * at once), whatever the address has done. A dead link says why (its holder was sent it, so that tells them
 * nothing new; a forged token is "not found" like any unknown one), or, while the address is held back for
 * too many of them, "try again at HH:MM" (never "invalid" for a valid one).
 */
export async function openLink(
	db: Db,
	token: string,
	deviceHash: string,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<OpenLinkResult> {
	const ipKey = `bad-link-ip:${meta.ip ?? 'unknown'}`;
	// Looked up first, throttled or not: a 160-bit token is not guessable, and the lookup costs the same.
	const inv: FoundLink | undefined = TOKEN_PATTERN.test(token)
		? await db
				.selectFrom('invitation_link as l')
				.innerJoin('invitation as i', 'i.id', 'l.invitation_id')
				.innerJoin('campaign as c', 'c.id', 'i.campaign_id')
				.select([
					'l.id as link_id',
					'l.revoked_at',
					'l.revoked_reason',
					'i.id',
					'i.person_id',
					'i.status',
					'c.state',
					'c.slug'
				])
				.where('l.token_hash', '=', sha256Hex(token))
				.executeTakeFirst()
		: undefined;
	if (!inv || inv.status !== 'active' || inv.revoked_at !== null || inv.state === 'draft') {
		const wait = await secondsLocked(db, ipKey, now);
		// Held back: nothing is written, so a flood cannot fill the log.
		if (wait > 0) return waitUntil(now + wait);
		const dead = await explainDeadLink(db, inv);
		return inTransaction(db, async (trx) => {
			const { lockedNow, lockedUntil } = await countFailure(trx, ipKey, BAD_LINK_POLICY, now);
			// Never the token itself: the log must not hold a key to anyone's questionnaire.
			await appendAuditEvent(
				trx,
				{
					actor: { type: 'anonymous' },
					action: 'link.invalid',
					meta,
					payload: { device: deviceHash, revoked: dead.reason !== 'invalid', reason: dead.reason }
				},
				now
			);
			if (!lockedNow) return badLink(dead);
			await appendAuditEvent(
				trx,
				{
					actor: { type: 'system' },
					action: 'link.throttled',
					subject: { type: 'ip', id: meta.ip ?? 'unknown' },
					meta,
					payload: { until: lockedUntil }
				},
				now
			);
			return waitUntil(lockedUntil!);
		});
	}
	return inTransaction(db, async (trx) => {
		// A low-weight event: no device, not "opened" (a scanner fetches links too).
		await appendAuditEvent(
			trx,
			{
				actor: { type: 'invitation', id: inv.id },
				action: 'link.fetched',
				subject: { type: 'invitation', id: inv.id },
				meta
			},
			now
		);
		const session = await createRespondentSession(trx, inv.id, deviceHash, now, inv.link_id);
		return { ok: true, ...session } as const;
	});
}

/** The first human action on a link (a code request): "opened" and its device, logged once per new device. */
export async function markOpened(
	trx: Transaction<Database>,
	invitationId: number,
	deviceHash: string,
	meta: RequestMeta,
	now: number
): Promise<void> {
	const opened = await trx
		.updateTable('invitation')
		.set({ opened_at: now })
		.where('id', '=', invitationId)
		.where('opened_at', 'is', null)
		.executeTakeFirst();
	if (Number(opened.numUpdatedRows) === 1) await refreshParticipationOf(trx, invitationId);
	const known = await trx
		.selectFrom('invitation_device')
		.select('device_hash')
		.where('invitation_id', '=', invitationId)
		.where('device_hash', '=', deviceHash)
		.executeTakeFirst();
	if (!known) {
		await trx
			.insertInto('invitation_device')
			.values({
				invitation_id: invitationId,
				device_hash: deviceHash,
				first_seen_at: now,
				verified_at: null,
				credential_at: null
			})
			.execute();
	}
	if (known && Number(opened.numUpdatedRows) === 0) return;
	await appendAuditEvent(
		trx,
		{
			actor: { type: 'invitation', id: invitationId },
			action: 'link.opened',
			subject: { type: 'invitation', id: invitationId },
			meta,
			payload: { device: deviceHash, newDevice: !known }
		},
		now
	);
}
