// One-time codes (docs/integrity.md step 3, docs/security.md): 6 digits, 10 minutes, 5 tries per code, dead
// after use and after a resend, resend throttled per invitation, per IP and service-wide, lockout after
// repeated failures (longer at each lock). Every step is an audit event with the device, IP and user agent.
// The code request is the respondent's first human action: the link counts as "opened" there, not at the
// GET a mail scanner also makes (links.ts).
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { appendAuditEvent } from '../audit';
import type { Db } from '../db/open';
import { inTransaction } from '../db/transaction';
import type { AppKey } from '../crypto/keyring';
import { countFailure, secondsLocked } from '../auth/throttle';
import { retryClock, type ThrottlePolicy } from '$lib/domain/throttle';
import { markOpened } from './links';
import { refuseIfServiceBusy } from './send-cap';
import { nowSeconds } from '../time';
import { PRIORITY } from '$lib/domain/delivery';
import { message, type Message, type MessageKey, type MessageParams } from '$lib/domain/message';
import { cancelQueued } from '../delivery/queue';
import { codeMessage } from '../delivery/templates';
import { contactOf, type Sender } from '../outreach/outbox';
import { fingerprintPayload, type RespondentMeta } from './fingerprint';
import { createRespondentSession, type RespondentContext } from './sessions';
import { refreshParticipationOf } from '../monitoring/counts';

export const CODE_TTL = 10 * 60;
export const MAX_ATTEMPTS = 5;
export const RESEND_INTERVAL = 60;
export const MAX_CODES_PER_HOUR = 5;
export const LOCK_AFTER_FAILURES = 10;
export const LOCK_SECONDS = 30 * 60;
export const MAX_LOCK_SECONDS = 24 * 60 * 60;

/** The n-th lock (1-based) lasts LOCK_SECONDS doubled n − 1 times, at most a day. */
export function lockSecondsFor(lockNumber: number): number {
	return Math.min(MAX_LOCK_SECONDS, LOCK_SECONDS * 2 ** Math.max(0, lockNumber - 1));
}
// Offices share one NAT address: generous (about 180 sends and 45 wrong codes per quarter hour), but a script
// requesting codes for many links, or guessing them, waits longer and longer.
const IP_SEND_POLICY: ThrottlePolicy = { freeFailures: 200, leakSeconds: 5, baseSeconds: 60, maxSeconds: 15 * 60 };
export const IP_FAIL_POLICY: ThrottlePolicy = {
	freeFailures: 50,
	leakSeconds: 20,
	baseSeconds: 60,
	maxSeconds: 15 * 60
};

type Outcome<T = object> = ({ ok: true } & T) | { ok: false; error: Message };

const fail = (key: MessageKey, params?: MessageParams): { ok: false; error: Message } => ({
	ok: false,
	error: message(key, params)
});
/** A refusal says when to try again, on Vietnam's clock. */
const until = (moment: number) => ({ time: retryClock(moment) });

function codeMac(appKey: AppKey, invitationId: number, code: string): string {
	return createHmac('sha256', appKey).update(`otp:v1:${invitationId}:${code}`).digest('hex');
}

/** Whether a code sent to this link can still be entered (the page then offers "resend" rather than "send"). */
export async function hasLiveCode(db: Db, invitationId: number, now = nowSeconds()): Promise<boolean> {
	const row = await db
		.selectFrom('otp_code')
		.select('id')
		.where('invitation_id', '=', invitationId)
		.where('used_at', 'is', null)
		.where('dead_at', 'is', null)
		.where('expires_at', '>', now)
		.executeTakeFirst();
	return row !== undefined;
}

export interface OtpDeps {
	appKey: AppKey;
	sender: Sender;
}

export async function sendCode(
	db: Db,
	deps: OtpDeps,
	ctx: RespondentContext,
	meta: RespondentMeta,
	now = nowSeconds()
): Promise<Outcome<{ channel: 'email' | 'sms' }>> {
	const inv = ctx.invitation;
	const actor = { type: 'invitation', id: inv.id } as const;
	const subject = { type: 'invitation', id: inv.id };
	const contact = contactOf(ctx.person);
	if (!contact) return fail('respondent.error.noContact');
	// Only the person's own registered contact, and only through a configured channel: nothing is written otherwise.
	const route = deps.sender.routeFor(ctx.person);
	if (!route) return fail('respondent.error.noChannel');
	const ipKey = `otp-send-ip:${meta.ip ?? 'unknown'}`;
	const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
	return inTransaction(db, async (trx) => {
		// Limits are read inside the write transaction: parallel requests must not all pass the same check.
		const state = await trx
			.selectFrom('invitation')
			.select(['status', 'locked_until', 'credential_at'])
			.where('id', '=', inv.id)
			.executeTakeFirstOrThrow();
		// Revoked since the session was read: no code goes out for a dead link.
		if (state.status !== 'active') return fail('respondent.error.noSession');
		if (state.credential_at !== null) return fail('respondent.error.alreadySubmitted');
		if (state.locked_until && state.locked_until > now)
			return fail('respondent.error.locked', until(state.locked_until));
		const ipWait = await secondsLocked(trx, ipKey, now);
		if (ipWait > 0) return fail('respondent.error.tooManyFromIp', until(now + ipWait));
		const recent = await trx
			.selectFrom('otp_code')
			.select(['created_at'])
			.where('invitation_id', '=', inv.id)
			.where('created_at', '>', now - 60 * 60)
			.orderBy('created_at', 'desc')
			.execute();
		if (recent.length && now - recent[0].created_at < RESEND_INTERVAL) {
			return fail('respondent.error.resendWait', { seconds: RESEND_INTERVAL - (now - recent[0].created_at) });
		}
		if (recent.length >= MAX_CODES_PER_HOUR) {
			await appendAuditEvent(
				trx,
				{ actor, action: 'code.send_refused', subject, meta, payload: { device: ctx.deviceHash, reason: 'hourly' } },
				now
			);
			return fail('respondent.error.hourlyLimit', until(recent[recent.length - 1].created_at + 3600));
		}
		const busy = await refuseIfServiceBusy(trx, meta, now);
		if (busy) return fail('respondent.error.serviceBusy');
		// A resend kills every earlier code of this link.
		await trx
			.updateTable('otp_code')
			.set({ dead_at: now })
			.where('invitation_id', '=', inv.id)
			.where('used_at', 'is', null)
			.where('dead_at', 'is', null)
			.execute();
		await trx
			.insertInto('otp_code')
			.values({
				invitation_id: inv.id,
				code_mac: codeMac(deps.appKey, inv.id, code),
				device_hash: ctx.deviceHash,
				channel: route.contact,
				created_at: now,
				expires_at: now + CODE_TTL,
				used_at: null,
				dead_at: null
			})
			.execute();
		await markOpened(trx, inv.id, ctx.deviceHash, meta, now);
		const ipTrip = await countFailure(trx, ipKey, IP_SEND_POLICY, now);
		if (ipTrip.lockedNow) await auditIpTrip(trx, 'send', ipTrip.lockedUntil!, meta, now);
		await appendAuditEvent(
			trx,
			{
				actor,
				action: 'code.sent',
				subject,
				meta,
				payload: { device: ctx.deviceHash, channel: route.contact, ...fingerprintPayload(meta) }
			},
			now
		);
		// The queued code dies with the code it carries: a resend must not deliver a dead one later.
		await cancelQueued(trx, { personIds: [ctx.person.id], kinds: ['code'] }, 'delivery.error.cancelledNewCode', now);
		// Signed by the campaign's issuing body, as its invitations are (issue 15, item 4).
		const issuer = await trx
			.selectFrom('campaign')
			.select('issuing_body')
			.where('id', '=', ctx.campaign.id)
			.executeTakeFirst();
		const content = codeMessage({ title: ctx.campaign.title, code, issuer: issuer?.issuing_body }, route);
		await deps.sender.send(
			trx,
			[{ campaignId: ctx.campaign.id, personId: ctx.person.id, kind: 'code', route, content, priority: PRIORITY.code }],
			now
		);
		return { ok: true, channel: route.contact } as const;
	});
}

export async function verifyCode(
	db: Db,
	deps: OtpDeps,
	ctx: RespondentContext,
	input: string,
	meta: RespondentMeta,
	now = nowSeconds()
): Promise<Outcome<{ token: string; expiresAt: number }>> {
	const inv = ctx.invitation;
	const actor = { type: 'invitation', id: inv.id } as const;
	const subject = { type: 'invitation', id: inv.id };
	const code = input.replace(/[\s.-]/g, '');
	if (!/^\d{6}$/.test(code)) return fail('respondent.error.codeFormat');
	if (inv.lockedUntil && inv.lockedUntil > now) return fail('respondent.error.locked', until(inv.lockedUntil));
	const ipKey = `otp-fail-ip:${meta.ip ?? 'unknown'}`;
	const ipWait = await secondsLocked(db, ipKey, now);
	if (ipWait > 0) return fail('respondent.error.tooManyFromIp', until(now + ipWait));

	return inTransaction(db, async (trx) => {
		// The counters in ctx were read before this write: parallel wrong codes must each count (and not undo a lock).
		const counters = await trx
			.selectFrom('invitation')
			.select(['failed_codes', 'locked_until'])
			.where('id', '=', inv.id)
			.executeTakeFirstOrThrow();
		if (counters.locked_until && counters.locked_until > now)
			return fail('respondent.error.locked', until(counters.locked_until));
		const live = await trx
			.selectFrom('otp_code')
			.selectAll()
			.where('invitation_id', '=', inv.id)
			.where('used_at', 'is', null)
			.where('dead_at', 'is', null)
			.where('expires_at', '>', now)
			.orderBy('id', 'desc')
			.executeTakeFirst();
		if (!live) return fail('respondent.error.noLiveCode');
		const attempts = live.attempts + 1;
		const good = timingSafeEqual(
			Buffer.from(live.code_mac, 'hex'),
			Buffer.from(codeMac(deps.appKey, inv.id, code), 'hex')
		);
		if (!good) {
			// The counter survives a lock, so each further 10 failures locks for longer (only a right code resets it).
			const failures = counters.failed_codes + 1;
			const lock = failures % LOCK_AFTER_FAILURES === 0;
			const lockSeconds = lockSecondsFor(failures / LOCK_AFTER_FAILURES);
			await trx
				.updateTable('otp_code')
				.set({ attempts, dead_at: attempts >= MAX_ATTEMPTS ? now : null })
				.where('id', '=', live.id)
				.execute();
			await trx
				.updateTable('invitation')
				.set({ failed_codes: failures, locked_until: lock ? now + lockSeconds : counters.locked_until })
				.where('id', '=', inv.id)
				.execute();
			const ipTrip = await countFailure(trx, ipKey, IP_FAIL_POLICY, now);
			await appendAuditEvent(
				trx,
				{ actor, action: 'code.failed', subject, meta, payload: { device: ctx.deviceHash, attempt: attempts } },
				now
			);
			if (ipTrip.lockedNow) await auditIpTrip(trx, 'verify', ipTrip.lockedUntil!, meta, now);
			if (lock) {
				await appendAuditEvent(
					trx,
					{
						actor,
						action: 'code.locked',
						subject,
						meta,
						payload: { device: ctx.deviceHash, minutes: lockSeconds / 60 }
					},
					now
				);
				return fail('respondent.error.locked', until(now + lockSeconds));
			}
			const left = MAX_ATTEMPTS - attempts;
			return left > 0 ? fail('respondent.error.wrongCode', { left }) : fail('respondent.error.codeExhausted');
		}
		await trx.updateTable('otp_code').set({ attempts, used_at: now }).where('id', '=', live.id).execute();
		await trx.updateTable('invitation').set({ failed_codes: 0, verified_at: now }).where('id', '=', inv.id).execute();
		await refreshParticipationOf(trx, inv.id);
		const otherDevices = await trx
			.selectFrom('invitation_device')
			.select('device_hash')
			.where('invitation_id', '=', inv.id)
			.where('device_hash', '!=', ctx.deviceHash)
			.where('verified_at', 'is not', null)
			.execute();
		await trx
			.insertInto('invitation_device')
			.values({
				invitation_id: inv.id,
				device_hash: ctx.deviceHash,
				first_seen_at: now,
				verified_at: now,
				credential_at: null
			})
			.onConflict((oc) => oc.columns(['invitation_id', 'device_hash']).doUpdateSet({ verified_at: now }))
			.execute();
		await appendAuditEvent(
			trx,
			{
				actor,
				action: 'code.verified',
				subject,
				meta,
				payload: {
					device: ctx.deviceHash,
					requestedOnDevice: live.device_hash,
					otherDevice: live.device_hash !== ctx.deviceHash,
					...fingerprintPayload(meta)
				}
			},
			now
		);
		if (otherDevices.length) {
			await appendAuditEvent(
				trx,
				{
					actor,
					action: 'link.second_device',
					subject,
					meta,
					payload: { device: ctx.deviceHash, earlierDevices: otherDevices.map((d) => d.device_hash) }
				},
				now
			);
		}
		// A new session token after the code, so a token seen before verification is worth nothing.
		// The new session keeps the link that opened the old one (revoking that link ends it).
		const opened = await trx
			.selectFrom('respondent_session')
			.select('link_id')
			.where('id', '=', ctx.sessionId)
			.executeTakeFirst();
		await trx.deleteFrom('respondent_session').where('id', '=', ctx.sessionId).execute();
		const session = await createRespondentSession(trx, inv.id, ctx.deviceHash, now, opened?.link_id ?? null);
		await trx
			.updateTable('respondent_session')
			.set({ verified_at: now })
			.where('id', '=', session.token.split('.')[0])
			.execute();
		return { ok: true, ...session };
	});
}

/** One event when a network starts waiting (not one per refused request while it waits). */
async function auditIpTrip(
	trx: Transaction<Database>,
	step: 'send' | 'verify',
	lockedUntil: number,
	meta: RespondentMeta,
	now: number
): Promise<void> {
	await appendAuditEvent(
		trx,
		{
			actor: { type: 'system' },
			action: 'code.ip_throttled',
			subject: { type: 'ip', id: meta.ip ?? 'unknown' },
			meta,
			payload: { step, until: lockedUntil }
		},
		now
	);
}
