// Every way the respondent protocol says no: each refusal has a clear error key with a Vietnamese
// text, and changes nothing on the ballot side or in the invitation (audit events may be added, and
// are asserted where the design asks for one). Time moves through the `now` parameters, not sleeps.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SheetAnswers } from '$lib/domain/ballot';
import { retryClock } from '$lib/domain/throttle';
import { translator, type MessageKey } from '$lib/i18n';
import { blindBallotMessage, finalizeCredential, toBase64url } from '$lib/respondent/blind-client';
import { staffActor } from '$lib/server/audit';
import { castBallot, keyHashOf, openBallot, type CastResult } from '$lib/server/ballot/cast';
import { sealSheet } from '$lib/respondent/seal-client';
import { SEALED_MAX_BYTES } from '$lib/server/ballot/cast';
import { runDemoCeremony, type DemoShare } from '$lib/server/seed/demo-committee';
import { openCampaign } from '$lib/server/campaigns/open';
import { advanceCampaign, createCampaign, saveGroup, type Staff } from '$lib/server/campaigns/campaigns';
import type { InvitationTable } from '$lib/server/db/schema';
import { ensureDefaultDocuments } from '$lib/server/templates/documents';
import { readJsonBody } from '$lib/server/http/json-body';
import type { AppKey } from '$lib/server/crypto/keyring';
import { upsertPeople } from '$lib/server/roster/people';
import { issueCredential } from '$lib/server/respondent/credential';
import { issueInvitations, revokeInvitation, type IssuedLink } from '$lib/server/outreach/invitations';
import { BAD_LINK_POLICY, openLink } from '$lib/server/respondent/links';
import { countFailure } from '$lib/server/auth/throttle';
import {
	CODE_TTL,
	IP_FAIL_POLICY,
	LOCK_SECONDS,
	MAX_ATTEMPTS,
	MAX_LOCK_SECONDS,
	RESEND_INTERVAL,
	lockSecondsFor,
	sendCode,
	verifyCode
} from '$lib/server/respondent/otp';
import { demoOutbox } from '$lib/server/outreach/outbox';
import { VERIFICATION_FRESHNESS, validateRespondentSession } from '$lib/server/respondent/sessions';
import { nowSeconds } from '$lib/server/time';
import { META, type TestDb } from './support';
import {
	SLUG,
	blindFor,
	contextOf,
	deps,
	fullAnswers,
	lastCode,
	removeTemplate,
	seededCopy,
	verifiedRespondent
} from './respondent-support';
import { closeAndOpen } from './results-support';

let t: TestDb;
let key: AppKey;
let links: IssuedLink[];
let shares: DemoShare[];
let T: number;

beforeEach(async () => {
	({ t, key, links, shares } = await seededCopy());
	T = nowSeconds();
});
afterEach(() => t.close());
afterAll(removeTemplate);

const vi = translator('vi');

/** The error key is a real key with a Vietnamese text (the translator echoes unknown keys). */
function expectKey(actual: string, expected: MessageKey) {
	expect(actual).toBe(expected);
	const text = vi(expected);
	expect(text, `no Vietnamese text for ${expected}`).not.toBe(expected);
	expect(text.trim().length).toBeGreaterThan(0);
}

type InvitationColumn = keyof InvitationTable;

/** The ballot tables (sealed and opened) and every invitation, minus the columns a refusal is meant to change. */
async function snapshot(ignore: InvitationColumn[] = []) {
	const invitations = await t.db.selectFrom('invitation').selectAll().orderBy('id').execute();
	return {
		sealed_sheet: await t.db.selectFrom('sealed_sheet').selectAll().orderBy('key_hash').execute(),
		counted_cell: await t.db.selectFrom('counted_cell').selectAll().orderBy('id').execute(),
		opened_sheet: await t.db.selectFrom('opened_sheet').selectAll().orderBy('id').execute(),
		opened_tally: await t.db
			.selectFrom('opened_tally')
			.selectAll()
			.orderBy('cell_id')
			.orderBy('question_id')
			.orderBy('unit_key')
			.orderBy('option_id')
			.execute(),
		counted_receipt: await t.db
			.selectFrom('counted_receipt')
			.selectAll()
			.orderBy('campaign_id')
			.orderBy('receipt')
			.execute(),
		invitation: invitations.map((row) =>
			Object.fromEntries(Object.entries(row).filter(([k]) => !ignore.includes(k as InvitationColumn)))
		)
	};
}

/** Runs fn and asserts the ballot tables and invitations are exactly as before. */
async function unchanged<R>(fn: () => Promise<R>, ignore: InvitationColumn[] = []): Promise<R> {
	const before = await snapshot(ignore);
	const result = await fn();
	expect(await snapshot(ignore)).toEqual(before);
	return result;
}

async function headSeq(): Promise<number> {
	const row = await t.db
		.selectFrom('audit_event')
		.select((eb) => eb.fn.max('seq').as('seq'))
		.executeTakeFirstOrThrow();
	return Number(row.seq ?? 0);
}

async function eventsAfter(seq: number) {
	const rows = await t.db
		.selectFrom('audit_event')
		.select(['action', 'subject_id', 'payload'])
		.where('seq', '>', seq)
		.orderBy('seq')
		.execute();
	return rows.map((r) => ({
		action: r.action,
		subject: r.subject_id,
		payload: JSON.parse(r.payload) as Record<string, unknown>
	}));
}

async function organiser(): Promise<Staff> {
	const u = await t.db
		.selectFrom('staff_user')
		.select(['id', 'username', 'role', 'unit_id'])
		.where('username', '=', 'organiser')
		.executeTakeFirstOrThrow();
	return { id: u.id, username: u.username, role: u.role, unitId: u.unit_id };
}

async function campaignId(slug = SLUG): Promise<number> {
	return (await t.db.selectFrom('campaign').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

async function invitationOf(personId: number) {
	return t.db
		.selectFrom('invitation')
		.selectAll()
		.where('person_id', '=', personId)
		.where('status', '=', 'active')
		.executeTakeFirstOrThrow();
}

/** A link opened on a device: the session token and a way to read its context at a given time. */
async function opened(link: IssuedLink, now: number, device = 'device-a') {
	const o = await openLink(t.db, link.token, device, META, now);
	if (!o.ok) throw new Error(o.error.key);
	return { token: o.token, ctx: (at = now) => contextOf(t.db, o.token, at) };
}

const otherCode = (code: string, step = 1) => String((Number(code) + step) % 1_000_000).padStart(6, '0');

/** A credential (signed, unblinded) for a verified respondent, not yet cast. */
async function credentialFor(db: TestDb['db'], ctx: Awaited<ReturnType<typeof contextOf>>) {
	const b = await blindFor(db, ctx.person.cellId!);
	const issued = await issueCredential(db, key, ctx, b.blinded, META);
	if (!issued.ok) throw new Error(issued.error.key);
	const signature = await finalizeCredential(
		b.form.publicKey,
		b.message,
		Buffer.from(issued.blindSignature, 'base64url'),
		b.inv
	);
	const sheet = fullAnswers(
		b.form.questionnaire,
		b.form.ratedUnits.map((u) => u.id),
		0
	);
	const sealed = await sealFor(b.form, sheet);
	return {
		...b,
		signature,
		sheet,
		sealed,
		body: { cell: b.form.cellId, message: toBase64url(b.message), signature: toBase64url(signature), sealed }
	};
}

/** A sheet sealed in the browser's way to the campaign key, for the given cell. */
function sealFor(form: Awaited<ReturnType<typeof blindFor>>['form'], sheet: SheetAnswers | unknown) {
	return sealSheet(form.sealingKey!, form.campaignId, form.cellId, sheet as SheetAnswers);
}

/** The sealed bytes stored for a ballot message, base64url (as cast), or null. */
async function sealedOf(message: Uint8Array): Promise<string | null> {
	const row = await t.db
		.selectFrom('sealed_sheet')
		.select('sealed')
		.where('key_hash', '=', keyHashOf(message))
		.executeTakeFirst();
	return row ? Buffer.from(row.sealed).toString('base64url') : null;
}

function castError(result: CastResult): { status: number; keys: string[] } {
	if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
	return { status: result.error.status, keys: result.error.errors.map((e) => e.key) };
}

describe('personal links', () => {
	it('a forged or malformed token is "not found", a revoked one says when it was revoked; nothing changes', async () => {
		const staff = await organiser();
		const victim = links[2];
		expect((await revokeInvitation(t.db, { id: await campaignId() }, victim.personId, staff, META)).ok).toBe(true);
		const seq = await headSeq();
		const forged = await unchanged(() => openLink(t.db, 'a'.repeat(32), 'device-x', META, T));
		expect(forged.ok).toBe(false);
		if (!forged.ok) expectKey(forged.error.key, 'respondent.error.badLink');
		for (const malformed of [
			'',
			'short',
			links[0].token.toUpperCase(),
			`${links[0].token}a`,
			'../../etc/passwd',
			links[0].token.slice(0, 31) + '1'
		]) {
			expect(await unchanged(() => openLink(t.db, malformed, 'device-x', META, T))).toEqual(forged);
		}
		if (!forged.ok) expect(forged.dead).toEqual({ reason: 'invalid', at: null, newer: null, campaign: null });
		// Its holder was sent it: saying it was revoked, and when, tells them nothing new (issue 15 item 2).
		const revoked = await unchanged(() => openLink(t.db, victim.token, 'device-x', META, T));
		expect(revoked).toMatchObject({ ok: false, error: { key: 'respondent.error.badLink' } });
		if (!revoked.ok) expect(revoked.dead).toMatchObject({ reason: 'revoked', newer: null, campaign: SLUG });
		const events = await eventsAfter(seq);
		expect(events.map((e) => e.action)).toEqual(Array(8).fill('link.invalid'));
		expect(events.map((e) => e.payload.revoked)).toEqual([false, false, false, false, false, false, false, true]);
		// The token itself is never logged.
		for (const e of events) expect(JSON.stringify(e)).not.toContain(victim.token);
		// Nothing was opened and no session exists for the revoked invitation.
		expect(await t.db.selectFrom('respondent_session').selectAll().execute()).toEqual([]);
	});

	it('a valid link opens behind an address held back for bad links; a bad one says "try again at HH:MM"', async () => {
		// The address has used up its allowance (counted directly); the next bad link trips the wait.
		for (let i = 0; i < BAD_LINK_POLICY.freeFailures; i++)
			await countFailure(t.db, `bad-link-ip:${META.ip}`, BAD_LINK_POLICY, T);
		const seq = await headSeq();
		const trip = await unchanged(() => openLink(t.db, 'a'.repeat(32), 'device-x', META, T));
		const busy = {
			ok: false,
			error: { key: 'respondent.error.tooManyFromIp', params: { time: retryClock(T + 60) } },
			retryAt: T + 60
		};
		expect(trip).toEqual(busy);
		expect(vi('respondent.error.tooManyFromIp', { time: '09:05' })).toBe(
			'Quá nhiều lần thử từ mạng này, vui lòng thử lại lúc 09:05.'
		);
		expect((await eventsAfter(seq)).map((e) => e.action)).toEqual(['link.invalid', 'link.throttled']);
		// While it waits, bad links get the same answer and write nothing (a flood cannot fill the log)...
		const held = await headSeq();
		expect(await unchanged(() => openLink(t.db, 'b'.repeat(32), 'device-x', META, T + 10))).toEqual(busy);
		expect(await headSeq()).toBe(held);
		// ...and a valid link from the same address opens as always.
		const ok = await openLink(t.db, links[1].token, 'device-x', META, T + 11);
		expect(ok.ok).toBe(true);
	});

	it('opening a link (a GET, as a mail scanner makes) is not "opened"; the code request is', async () => {
		const seq = await headSeq();
		const s = await opened(links[4], T, 'scanner');
		expect(await invitationOf(links[4].personId)).toMatchObject({ opened_at: null });
		expect(await t.db.selectFrom('invitation_device').selectAll().execute()).toEqual([]);
		const fetched = await eventsAfter(seq);
		expect(fetched.map((e) => [e.action, e.payload])).toEqual([['link.fetched', {}]]);
		// The person's own request for a code is the first human action: opened, with its device.
		expect((await sendCode(t.db, deps(key), await s.ctx(T + 5), META, T + 5)).ok).toBe(true);
		expect(await invitationOf(links[4].personId)).toMatchObject({ opened_at: T + 5 });
		const devices = await t.db.selectFrom('invitation_device').select(['device_hash', 'verified_at']).execute();
		expect(devices).toEqual([{ device_hash: 'scanner', verified_at: null }]);
		expect((await eventsAfter(seq)).map((e) => e.action)).toEqual(['link.fetched', 'link.opened', 'code.sent']);
	});

	it('revoking a link ends its respondent sessions, verified or not', async () => {
		const { sessionToken, ctx } = await verifiedRespondent(t.db, key, links[3].token, 'device-a', META, T);
		const other = await opened(links[3], T + 5, 'device-b');
		const staff = await organiser();
		expect((await revokeInvitation(t.db, { id: ctx.campaign.id }, ctx.person.id, staff, META, T + 10)).ok).toBe(true);
		expect(await validateRespondentSession(t.db, sessionToken, T + 11)).toBeNull();
		expect(await validateRespondentSession(t.db, other.token, T + 11)).toBeNull();
		// A request already holding the old context cannot get a credential either.
		const b = await blindFor(t.db, ctx.person.cellId!);
		const refused = await unchanged(() => issueCredential(t.db, key, ctx, b.blinded, META, T + 12));
		expect(refused).toEqual({ ok: false, error: { status: 401, key: 'respondent.error.noSession' } });
		expect(vi('respondent.error.noSession')).not.toBe('respondent.error.noSession');
		expect(
			(
				await t.db
					.selectFrom('invitation')
					.select('credential_at')
					.where('id', '=', ctx.invitation.id)
					.executeTakeFirstOrThrow()
			).credential_at
		).toBeNull();
	});

	it('re-issuing a link keeps the old one working', async () => {
		const staff = await organiser();
		const id = await campaignId();
		const reissued = await issueInvitations(
			t.db,
			{ id, state: 'open', title: 'x' },
			[links[4].personId],
			staff,
			META,
			{ sender: demoOutbox({ quiet: true }), origin: 'http://localhost', demo: false },
			T
		);
		expect(reissued.ok).toBe(true);
		expect((await openLink(t.db, links[4].token, 'device-a', META, T + 1)).ok).toBe(true);
		if (reissued.ok) expect((await openLink(t.db, reissued.links[0].token, 'device-a', META, T + 2)).ok).toBe(true);
	});

	it('the link of someone who already holds a credential cannot be revoked', async () => {
		const { ctx } = await verifiedRespondent(t.db, key, links[5].token, 'device-a', META, T);
		await credentialFor(t.db, ctx);
		const seq = await headSeq();
		const r = await unchanged(async () =>
			revokeInvitation(t.db, { id: ctx.campaign.id }, ctx.person.id, await organiser(), META, T + 10)
		);
		expect(r.ok).toBe(false);
		if (!r.ok) expectKey(r.error.key, 'invitation.error.revokeCredentialed');
		expect(await eventsAfter(seq)).toEqual([]);
		expect((await invitationOf(ctx.person.id)).status).toBe('active');
	});

	it('"missing" skips someone whose credential came through a since-revoked link; naming them is refused', async () => {
		const staff = await organiser();
		const id = await campaignId();
		const { ctx } = await verifiedRespondent(t.db, key, links[5].token, 'device-a', META, T);
		await credentialFor(t.db, ctx);
		// Data from before revoking a credentialed link was refused.
		await t.db
			.updateTable('invitation')
			.set({ status: 'revoked', revoked_at: T + 5 })
			.where('id', '=', ctx.invitation.id)
			.execute();
		for (const link of [links[6], links[7]])
			expect((await revokeInvitation(t.db, { id }, link.personId, staff, META, T + 6)).ok).toBe(true);
		const options = { sender: demoOutbox({ quiet: true }), origin: 'http://localhost', demo: false };
		const named = await unchanged(() =>
			issueInvitations(
				t.db,
				{ id, state: 'open', title: 'x' },
				[links[6].personId, links[5].personId],
				staff,
				META,
				options,
				T + 7
			)
		);
		expect(named.ok).toBe(false);
		if (!named.ok) expectKey(named.error.key, 'invitation.error.alreadyCredentialed');
		const missing = await issueInvitations(
			t.db,
			{ id, state: 'open', title: 'x' },
			'missing',
			staff,
			META,
			options,
			T + 8
		);
		if (!missing.ok) throw new Error(missing.error.key);
		expect(missing.links.map((l) => l.personId).sort()).toEqual([links[6].personId, links[7].personId].sort());
		expect(
			await t.db
				.selectFrom('invitation')
				.select('id')
				.where('person_id', '=', links[5].personId)
				.where('status', '=', 'active')
				.execute()
		).toEqual([]);
	});
});

describe('one-time codes', () => {
	it('a wrong code says how many tries are left and counts the failure', async () => {
		const s = await opened(links[0], T);
		expect((await sendCode(t.db, deps(key), await s.ctx(), META, T)).ok).toBe(true);
		const right = await lastCode(t.db);
		const seq = await headSeq();
		const r = await unchanged(
			async () => verifyCode(t.db, deps(key), await s.ctx(), otherCode(right), META, T + 1),
			['failed_codes']
		);
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expectKey(r.error.key, 'respondent.error.wrongCode');
			expect(r.error.params).toEqual({ left: MAX_ATTEMPTS - 1 });
		}
		expect((await eventsAfter(seq)).map((e) => e.action)).toEqual(['code.failed']);
		const inv = await invitationOf(links[0].personId);
		expect(inv).toMatchObject({ failed_codes: 1, verified_at: null, locked_until: null });
		// The right code still works afterwards.
		expect((await verifyCode(t.db, deps(key), await s.ctx(T + 2), right, META, T + 2)).ok).toBe(true);
	});

	it('a code that is not six digits is a format error: no try used, nothing logged', async () => {
		const s = await opened(links[0], T);
		expect((await sendCode(t.db, deps(key), await s.ctx(), META, T)).ok).toBe(true);
		const right = await lastCode(t.db);
		const seq = await headSeq();
		for (const input of ['', '12345', '1234567', 'abcdef', '12345a', '١٢٣٤٥٦', `${right}0`]) {
			const r = await unchanged(async () => verifyCode(t.db, deps(key), await s.ctx(), input, META, T + 1));
			expect(r.ok, input).toBe(false);
			if (!r.ok) expectKey(r.error.key, 'respondent.error.codeFormat');
		}
		expect(await eventsAfter(seq)).toEqual([]);
		expect((await t.db.selectFrom('otp_code').select('attempts').executeTakeFirstOrThrow()).attempts).toBe(0);
		// Spaces and dashes people type are not format errors.
		expect(
			(await verifyCode(t.db, deps(key), await s.ctx(), `${right.slice(0, 3)} - ${right.slice(3)}`, META, T + 2)).ok
		).toBe(true);
	});

	it('five wrong tries kill the code: even the right one is refused afterwards', async () => {
		const s = await opened(links[0], T);
		expect((await sendCode(t.db, deps(key), await s.ctx(), META, T)).ok).toBe(true);
		const right = await lastCode(t.db);
		const keys: string[] = [];
		for (let i = 1; i <= MAX_ATTEMPTS; i++) {
			const r = await unchanged(
				async () => verifyCode(t.db, deps(key), await s.ctx(), otherCode(right, i), META, T + i),
				['failed_codes']
			);
			keys.push(r.ok ? 'ok' : r.error.key);
		}
		expect(keys).toEqual([
			...Array(MAX_ATTEMPTS - 1).fill('respondent.error.wrongCode'),
			'respondent.error.codeExhausted'
		]);
		expectKey(keys[MAX_ATTEMPTS - 1], 'respondent.error.codeExhausted');
		const late = await unchanged(async () => verifyCode(t.db, deps(key), await s.ctx(), right, META, T + 10));
		expect(late.ok).toBe(false);
		if (!late.ok) expectKey(late.error.key, 'respondent.error.noLiveCode');
		expect(await t.db.selectFrom('otp_code').select(['attempts', 'used_at']).execute()).toEqual([
			{ attempts: MAX_ATTEMPTS, used_at: null }
		]);
	});

	it('ten wrong codes lock the link with an event; then the right code and new codes are refused too', async () => {
		const s = await opened(links[0], T);
		const send = async (at: number) => {
			const r = await sendCode(t.db, deps(key), await s.ctx(at), META, at);
			expect(r.ok).toBe(true);
			return lastCode(t.db);
		};
		const wrong = async (code: string, tries: number, at: number) => {
			const keys: string[] = [];
			for (let i = 1; i <= tries; i++) {
				const r = await verifyCode(t.db, deps(key), await s.ctx(at), otherCode(code, i), META, at);
				keys.push(r.ok ? 'ok' : r.error.key);
			}
			return keys;
		};
		await wrong(await send(T), 5, T + 1);
		await wrong(await send(T + RESEND_INTERVAL + 1), 4, T + 70);
		const t3 = T + 2 * RESEND_INTERVAL + 2;
		const third = await send(t3);
		const seq = await headSeq();
		const last = await unchanged(
			async () => verifyCode(t.db, deps(key), await s.ctx(t3 + 1), otherCode(third), META, t3 + 1),
			['failed_codes', 'locked_until']
		);
		expect(last.ok).toBe(false);
		if (!last.ok) {
			expectKey(last.error.key, 'respondent.error.locked');
			expect(last.error.params).toEqual({ time: retryClock(t3 + 1 + LOCK_SECONDS) });
		}
		expect((await eventsAfter(seq)).map((e) => e.action)).toEqual(['code.failed', 'code.locked']);
		expect((await invitationOf(links[0].personId)).locked_until).toBe(t3 + 1 + LOCK_SECONDS);

		// Locked: the right code of the still-live third code is refused, and so is a new code.
		const right = await unchanged(async () => verifyCode(t.db, deps(key), await s.ctx(t3 + 2), third, META, t3 + 2));
		expect(right.ok).toBe(false);
		if (!right.ok) expectKey(right.error.key, 'respondent.error.locked');
		const resend = await unchanged(async () => sendCode(t.db, deps(key), await s.ctx(t3 + 120), META, t3 + 120));
		expect(resend.ok).toBe(false);
		if (!resend.ok) expectKey(resend.error.key, 'respondent.error.locked');
		expect(await t.db.selectFrom('otp_code').select('used_at').where('used_at', 'is not', null).execute()).toEqual([]);
		expect((await eventsAfter(seq)).filter((e) => e.action === 'code.locked')).toHaveLength(1);
		expect((await invitationOf(links[0].personId)).verified_at).toBeNull();

		// The lock ends: a new code works again.
		const after = t3 + 1 + LOCK_SECONDS + 1;
		const code = await send(after);
		expect((await verifyCode(t.db, deps(key), await s.ctx(after), code, META, after + 1)).ok).toBe(true);
	});

	it('wrong codes entered in parallel (requests holding the same context) all count towards the lock', async () => {
		const s = await opened(links[0], T);
		expect((await sendCode(t.db, deps(key), await s.ctx(), META, T)).ok).toBe(true);
		const first = await lastCode(t.db);
		const ctx = await s.ctx();
		await Promise.all([1, 2, 3, 4, 5].map((i) => verifyCode(t.db, deps(key), ctx, otherCode(first, i), META, T + 1)));
		expect((await invitationOf(links[0].personId)).failed_codes).toBe(5);
		expect((await sendCode(t.db, deps(key), await s.ctx(T + 61), META, T + 61)).ok).toBe(true);
		const second = await lastCode(t.db);
		const ctx2 = await s.ctx(T + 62);
		const seq = await headSeq();
		const results = await Promise.all(
			[1, 2, 3, 4, 5].map((i) => verifyCode(t.db, deps(key), ctx2, otherCode(second, i), META, T + 62))
		);
		expect(results.map((r) => (r.ok ? 'ok' : r.error.key)).sort()).toEqual(
			[...Array(4).fill('respondent.error.wrongCode'), 'respondent.error.locked'].sort()
		);
		expect((await invitationOf(links[0].personId)).locked_until).toBe(T + 62 + LOCK_SECONDS);
		expect((await eventsAfter(seq)).filter((e) => e.action === 'code.locked')).toHaveLength(1);
	});

	it('eight parallel sends (requests holding the same context) give one code and one message; the others must wait', async () => {
		const s = await opened(links[0], T);
		const ctx = await s.ctx();
		const outbox = (await t.db.selectFrom('demo_outbox').select('id').execute()).length;
		const results = await Promise.all(Array.from({ length: 8 }, () => sendCode(t.db, deps(key), ctx, META, T)));
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		for (const r of results.filter((x) => !x.ok)) {
			if (r.ok) continue;
			expectKey(r.error.key, 'respondent.error.resendWait');
			expect(r.error.params).toEqual({ seconds: RESEND_INTERVAL });
		}
		expect(
			await t.db.selectFrom('otp_code').select('id').where('invitation_id', '=', ctx.invitation.id).execute()
		).toHaveLength(1);
		expect(await t.db.selectFrom('demo_outbox').select('id').execute()).toHaveLength(outbox + 1);
	});

	it('no code once the link holds a credential, even for a request holding the context from before', async () => {
		const { ctx } = await verifiedRespondent(t.db, key, links[0].token, 'device-a', META, T);
		expect(ctx.invitation.credentialAt).toBeNull();
		await credentialFor(t.db, ctx);
		const at = T + 2 * RESEND_INTERVAL;
		const r = await unchanged(() => sendCode(t.db, deps(key), ctx, META, at));
		expect(r.ok).toBe(false);
		if (!r.ok) expectKey(r.error.key, 'respondent.error.alreadySubmitted');
		expect(
			await t.db.selectFrom('otp_code').select('id').where('invitation_id', '=', ctx.invitation.id).execute()
		).toHaveLength(1);
	});

	it('the lockout escalates: every tenth failure in a row locks for twice as long (at most a day); a right code resets it', async () => {
		expect([1, 2, 3, 6, 7, 20].map(lockSecondsFor)).toEqual([
			LOCK_SECONDS,
			2 * LOCK_SECONDS,
			4 * LOCK_SECONDS,
			32 * LOCK_SECONDS,
			MAX_LOCK_SECONDS,
			MAX_LOCK_SECONDS
		]);
		/** Ten wrong codes on two fresh codes from `at` (the link re-opened, as an attacker holding it would). */
		const tenWrong = async (at: number) => {
			const s = await opened(links[0], at);
			let r: Awaited<ReturnType<typeof verifyCode>> | undefined;
			for (const sentAt of [at, at + RESEND_INTERVAL]) {
				expect((await sendCode(t.db, deps(key), await s.ctx(sentAt), META, sentAt)).ok).toBe(true);
				const code = await lastCode(t.db);
				for (let i = 1; i <= MAX_ATTEMPTS; i++)
					r = await verifyCode(t.db, deps(key), await s.ctx(sentAt), otherCode(code, i), META, sentAt + 1);
			}
			return { s, r: r!, lockedAt: at + RESEND_INTERVAL + 1 };
		};
		let at = T;
		for (const [lock, minutes] of [
			[1, 30],
			[2, 60],
			[3, 120]
		] as const) {
			const seq = await headSeq();
			const { r, lockedAt } = await tenWrong(at);
			expect(r, `lock ${lock}`).toEqual({
				ok: false,
				error: { key: 'respondent.error.locked', params: { time: retryClock(lockedAt + minutes * 60) } }
			});
			expect(await invitationOf(links[0].personId)).toMatchObject({
				failed_codes: 10 * lock,
				locked_until: lockedAt + minutes * 60
			});
			expect((await eventsAfter(seq)).filter((e) => e.action === 'code.locked').map((e) => e.payload.minutes)).toEqual([
				minutes
			]);
			at = lockedAt + minutes * 60 + 1;
		}
		// After the third lock, a right code resets the count: the next lock would be 30 minutes again.
		const s = await opened(links[0], at);
		expect((await sendCode(t.db, deps(key), await s.ctx(), META, at)).ok).toBe(true);
		expect((await verifyCode(t.db, deps(key), await s.ctx(), await lastCode(t.db), META, at + 1)).ok).toBe(true);
		expect((await invitationOf(links[0].personId)).failed_codes).toBe(0);
	});

	it('a resend within a minute is refused with the seconds to wait, and the first code stays valid', async () => {
		const s = await opened(links[0], T);
		expect((await sendCode(t.db, deps(key), await s.ctx(), META, T)).ok).toBe(true);
		const code = await lastCode(t.db);
		const outbox = await t.db.selectFrom('demo_outbox').select('id').execute();
		for (const [at, seconds] of [
			[T, RESEND_INTERVAL],
			[T + 45, RESEND_INTERVAL - 45]
		] as const) {
			const r = await unchanged(async () => sendCode(t.db, deps(key), await s.ctx(at), META, at));
			expect(r.ok).toBe(false);
			if (!r.ok) {
				expectKey(r.error.key, 'respondent.error.resendWait');
				expect(r.error.params).toEqual({ seconds });
			}
		}
		expect(await t.db.selectFrom('demo_outbox').select('id').execute()).toEqual(outbox);
		expect(await t.db.selectFrom('otp_code').select('dead_at').execute()).toEqual([{ dead_at: null }]);
		expect((await verifyCode(t.db, deps(key), await s.ctx(T + 50), code, META, T + 50)).ok).toBe(true);
	});

	it('at most five codes an hour per link, with an event and the minutes to wait', async () => {
		const s = await opened(links[0], T);
		for (let i = 0; i < 5; i++)
			expect(
				(await sendCode(t.db, deps(key), await s.ctx(T + i * RESEND_INTERVAL), META, T + i * RESEND_INTERVAL)).ok
			).toBe(true);
		const seq = await headSeq();
		const at = T + 5 * RESEND_INTERVAL;
		const r = await unchanged(async () => sendCode(t.db, deps(key), await s.ctx(at), META, at));
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expectKey(r.error.key, 'respondent.error.hourlyLimit');
			expect(r.error.params).toEqual({ time: retryClock(T + 3600) });
		}
		expect((await eventsAfter(seq)).map((e) => [e.action, e.payload.reason])).toEqual([
			['code.send_refused', 'hourly']
		]);
		expect(await t.db.selectFrom('otp_code').select('id').execute()).toHaveLength(5);
		// An hour after the first code, one more may be sent.
		expect((await sendCode(t.db, deps(key), await s.ctx(T + 3601), META, T + 3601)).ok).toBe(true);
	});

	it('the service-wide ceiling on sends per minute refuses with "busy", writes nothing but one event a minute', async () => {
		await t.db
			.insertInto('setting')
			.values({ key: 'code_sends_per_minute', value: '10', updated_at: T, updated_by: null })
			.execute();
		const minute = T - (T % 60);
		for (let i = 0; i < 10; i++) {
			const s = await opened(links[i], minute);
			expect((await sendCode(t.db, deps(key), await s.ctx(minute + i), META, minute + i)).ok).toBe(true);
		}
		const seq = await headSeq();
		const late = await opened(links[10], minute);
		const outbox = await t.db.selectFrom('demo_outbox').select('id').execute();
		for (const at of [minute + 20, minute + 40]) {
			const r = await unchanged(async () => sendCode(t.db, deps(key), await late.ctx(at), META, at));
			expect(r.ok).toBe(false);
			if (!r.ok) expectKey(r.error.key, 'respondent.error.serviceBusy');
		}
		expect((await eventsAfter(seq)).map((e) => [e.action, e.payload])).toEqual([
			['link.fetched', {}],
			['code.service_busy', { limit: 10, minute }]
		]);
		expect(await t.db.selectFrom('demo_outbox').select('id').execute()).toEqual(outbox);
		expect(await t.db.selectFrom('otp_code').select('id').execute()).toHaveLength(10);
		// The next minute has room again.
		expect((await sendCode(t.db, deps(key), await late.ctx(minute + 60), META, minute + 60)).ok).toBe(true);
	});

	it('a network guessing codes waits until HH:MM (one event per trip); the right code says when, never "wrong"', async () => {
		const s = await opened(links[0], T);
		expect((await sendCode(t.db, deps(key), await s.ctx(), META, T)).ok).toBe(true);
		const code = await lastCode(t.db);
		// The address has used its allowance of wrong codes (counted directly); the next wrong one trips the wait.
		for (let i = 0; i < IP_FAIL_POLICY.freeFailures; i++)
			await countFailure(t.db, `otp-fail-ip:${META.ip}`, IP_FAIL_POLICY, T);
		const seq = await headSeq();
		expect((await verifyCode(t.db, deps(key), await s.ctx(), otherCode(code), META, T + 1)).ok).toBe(false);
		expect((await eventsAfter(seq)).map((e) => e.action)).toEqual(['code.failed', 'code.ip_throttled']);
		const waiting = await unchanged(async () => verifyCode(t.db, deps(key), await s.ctx(), code, META, T + 2));
		expect(waiting).toEqual({
			ok: false,
			error: { key: 'respondent.error.tooManyFromIp', params: { time: retryClock(T + 61) } }
		});
		expect((await eventsAfter(seq)).map((e) => e.action)).toEqual(['code.failed', 'code.ip_throttled']);
		// After the wait the same code still works.
		expect((await verifyCode(t.db, deps(key), await s.ctx(T + 62), code, META, T + 62)).ok).toBe(true);
	});

	it('a code expires after ten minutes', async () => {
		const s = await opened(links[0], T);
		expect((await sendCode(t.db, deps(key), await s.ctx(), META, T)).ok).toBe(true);
		const code = await lastCode(t.db);
		const at = T + CODE_TTL + 1;
		const r = await unchanged(async () => verifyCode(t.db, deps(key), await s.ctx(at), code, META, at));
		expect(r.ok).toBe(false);
		if (!r.ok) expectKey(r.error.key, 'respondent.error.noLiveCode');
		expect(await t.db.selectFrom('otp_code').select(['attempts', 'used_at']).execute()).toEqual([
			{ attempts: 0, used_at: null }
		]);
	});

	it('a code is dead after a resend and after use, and is worth nothing on another link', async () => {
		const s = await opened(links[0], T);
		expect((await sendCode(t.db, deps(key), await s.ctx(), META, T)).ok).toBe(true);
		const first = await lastCode(t.db);
		let second = first;
		let at = T;
		// Two codes in a row can be equal (one in a million): resend until they differ.
		while (second === first) {
			at += RESEND_INTERVAL;
			expect((await sendCode(t.db, deps(key), await s.ctx(at), META, at)).ok).toBe(true);
			second = await lastCode(t.db);
		}
		const afterResend = await unchanged(
			async () => verifyCode(t.db, deps(key), await s.ctx(at), first, META, at + 1),
			['failed_codes']
		);
		expect(afterResend.ok).toBe(false);
		if (!afterResend.ok) expectKey(afterResend.error.key, 'respondent.error.wrongCode');

		// The live code of link 0 entered on link 1 (which has a code of its own) is a wrong code there.
		const other = await opened(links[1], at);
		expect((await sendCode(t.db, deps(key), await other.ctx(), META, at)).ok).toBe(true);
		const own = await lastCode(t.db);
		// (Skipped in the one-in-a-million case where link 1's own code happens to be the same digits.)
		if (own !== second) {
			const crossed = await unchanged(
				async () => verifyCode(t.db, deps(key), await other.ctx(), second, META, at + 1),
				['failed_codes']
			);
			expect(crossed.ok).toBe(false);
			if (!crossed.ok) expectKey(crossed.error.key, 'respondent.error.wrongCode');
		}

		const used = await verifyCode(t.db, deps(key), await s.ctx(at + 2), second, META, at + 2);
		expect(used.ok).toBe(true);
		if (!used.ok) return;
		const again = await unchanged(async () =>
			verifyCode(t.db, deps(key), await contextOf(t.db, used.token, at + 3), second, META, at + 3)
		);
		expect(again.ok).toBe(false);
		if (!again.ok) expectKey(again.error.key, 'respondent.error.noLiveCode');
		// The session token from before the code is replaced by a new one.
		expect(await validateRespondentSession(t.db, s.token, at + 3)).toBeNull();
	});

	it('verifying on a second device works but raises link.second_device naming the first device', async () => {
		await verifiedRespondent(t.db, key, links[0].token, 'device-a', META, T);
		const s = await opened(links[0], T + RESEND_INTERVAL, 'device-b');
		expect((await sendCode(t.db, deps(key), await s.ctx(), META, T + RESEND_INTERVAL)).ok).toBe(true);
		const seq = await headSeq();
		const r = await unchanged(
			async () => verifyCode(t.db, deps(key), await s.ctx(), await lastCode(t.db), META, T + RESEND_INTERVAL + 1),
			['verified_at']
		);
		expect(r.ok).toBe(true);
		const events = await eventsAfter(seq);
		expect(events.map((e) => e.action)).toEqual(['code.verified', 'link.second_device']);
		expect(events[1].payload).toEqual({ device: 'device-b', earlierDevices: ['device-a'] });
	});
});

describe('credentials', () => {
	it('a session verified more than an hour ago must enter a new code first', async () => {
		const { sessionToken } = await verifiedRespondent(t.db, key, links[0].token, 'device-a', META, T);
		const at = T + VERIFICATION_FRESHNESS + 1;
		const ctx = await contextOf(t.db, sessionToken, at);
		const b = await blindFor(t.db, ctx.person.cellId!);
		const seq = await headSeq();
		const stale = await unchanged(() => issueCredential(t.db, key, ctx, b.blinded, META, at));
		expect(stale.ok).toBe(false);
		if (!stale.ok) {
			expect(stale.error.status).toBe(401);
			expectKey(stale.error.key, 'respondent.error.reverify');
		}
		expect(await eventsAfter(seq)).toEqual([]);
		// A new code makes the session fresh again; the attestation still stands.
		expect((await sendCode(t.db, deps(key), ctx, META, at)).ok).toBe(true);
		const again = await verifyCode(t.db, deps(key), ctx, await lastCode(t.db), META, at + 1);
		expect(again.ok).toBe(true);
		if (!again.ok) return;
		const fresh = await issueCredential(t.db, key, await contextOf(t.db, again.token, at + 2), b.blinded, META, at + 2);
		expect(fresh.ok).toBe(true);
	});

	it('no credential before verification or before the attestation', async () => {
		const s = await opened(links[0], T);
		const b = await blindFor(t.db, (await s.ctx()).person.cellId!);
		const unverified = await unchanged(async () => issueCredential(t.db, key, await s.ctx(), b.blinded, META, T));
		expect(unverified).toEqual({ ok: false, error: { status: 401, key: 'respondent.error.reverify' } });
		expect((await sendCode(t.db, deps(key), await s.ctx(), META, T)).ok).toBe(true);
		const v = await verifyCode(t.db, deps(key), await s.ctx(), await lastCode(t.db), META, T + 1);
		if (!v.ok) throw new Error(v.error.key);
		const seq = await headSeq();
		const r = await unchanged(async () =>
			issueCredential(t.db, key, await contextOf(t.db, v.token, T + 2), b.blinded, META, T + 2)
		);
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.error.status).toBe(409);
			expectKey(r.error.key, 'respondent.error.notAttested');
		}
		expect(await eventsAfter(seq)).toEqual([]);
	});

	it('a malformed blinded message is refused and does not use up the credential', async () => {
		const { ctx } = await verifiedRespondent(t.db, key, links[0].token);
		for (const bad of [
			42,
			null,
			'not base64url!',
			// Cell keys are RSA-3072 (384 bytes): a 2048-bit-sized value, one byte short, zero, above the modulus.
			toBase64url(new Uint8Array(256).fill(7)),
			toBase64url(new Uint8Array(383).fill(7)),
			toBase64url(new Uint8Array(384)),
			toBase64url(new Uint8Array(384).fill(0xff)),
			'A'.repeat(2000)
		]) {
			const r = await unchanged(() => issueCredential(t.db, key, ctx, bad, META));
			expect(r.ok).toBe(false);
			if (!r.ok) {
				expect(r.error.status).toBe(400);
				expectKey(r.error.key, 'respondent.error.badRequest');
			}
		}
		const b = await blindFor(t.db, ctx.person.cellId!);
		expect((await issueCredential(t.db, key, ctx, b.blinded, META)).ok).toBe(true);
	});
});

describe('casting and revising', () => {
	async function withOneSheetCounted() {
		// Someone has already answered, so "nothing changed" is checked against real rows.
		const first = await verifiedRespondent(t.db, key, links[10].token);
		const counted = await credentialFor(t.db, first.ctx);
		expect((await castBallot(t.db, SLUG, counted.body)).ok).toBe(true);
		return counted;
	}

	it('a signature with one bit flipped is refused; the credential still works afterwards', async () => {
		await withOneSheetCounted();
		const { ctx } = await verifiedRespondent(t.db, key, links[0].token);
		const c = await credentialFor(t.db, ctx);
		for (const bit of [0, 7, 1000, c.signature.length * 8 - 1]) {
			const tampered = new Uint8Array(c.signature);
			tampered[bit >> 3] ^= 1 << (bit & 7);
			const r = await unchanged(() => castBallot(t.db, SLUG, { ...c.body, signature: toBase64url(tampered) }));
			expect(castError(r)).toEqual({ status: 403, keys: ['cast.error.badSignature'] });
		}
		const truncated = await unchanged(() =>
			castBallot(t.db, SLUG, { ...c.body, signature: toBase64url(c.signature.slice(1)) })
		);
		expect(castError(truncated)).toEqual({ status: 403, keys: ['cast.error.badSignature'] });
		expectKey('cast.error.badSignature', 'cast.error.badSignature');
		expect((await castBallot(t.db, SLUG, c.body)).ok).toBe(true);
	});

	it('keys and cells of another campaign are refused, and an m counted in one campaign cannot be cast in another', async () => {
		await withOneSheetCounted();
		// A second open campaign with its own cell key (the demo's own template, one cell of five).
		const staff = await organiser();
		const docs = await ensureDefaultDocuments(t.db, staffActor(staff), META);
		const created = await createCampaign(
			t.db,
			{
				title: 'Khảo sát thử',
				slug: 'thu-2027',
				year: 2027,
				kThreshold: 5,
				opensOn: null,
				closesOn: null,
				scopeUnitCode: null,
				frameworkVersionId: docs.frameworkVersionId
			},
			staff,
			META
		);
		if (!created.ok) throw new Error(JSON.stringify(created.errors));
		const group = await saveGroup(
			t.db,
			created.id,
			{
				code: 'LDX',
				name: 'Lãnh đạo xã',
				questionnaireVersionId: docs.questionnaireVersionId,
				ratedUnitCodes: ['51.SNV', '51.STP']
			},
			staff,
			META
		);
		if (!group.ok) throw new Error(JSON.stringify(group.errors));
		const commune = await t.db.selectFrom('unit').select('id').where('code', '=', '21025').executeTakeFirstOrThrow();
		await t.db.transaction().execute((trx) =>
			upsertPeople(
				trx,
				created.id,
				Array.from({ length: 5 }, (_, i) => ({
					personalCode: `THU${i}`,
					fullName: `Người thử ${i}`,
					unitId: commune.id,
					groupId: group.id,
					position: null,
					email: `thu${i}@example.vn`,
					phone: null
				})),
				T
			)
		);
		await runDemoCeremony(t.db, created.id, staff, META);
		const openedCampaign = await openCampaign(t.db, key, created.id, staff, META);
		expect(openedCampaign).toMatchObject({ ok: true, cells: 1 });
		const issued = await issueInvitations(
			t.db,
			{ id: created.id, state: 'open', title: 'Khảo sát thử' },
			'missing',
			staff,
			META,
			{ sender: demoOutbox({ quiet: true }), origin: 'http://localhost', demo: true }
		);
		if (!issued.ok) throw new Error(issued.error.key);
		const otherCell = (
			await t.db
				.selectFrom('reporting_cell')
				.select('id')
				.where('campaign_id', '=', created.id)
				.executeTakeFirstOrThrow()
		).id;

		const mine = await verifiedRespondent(t.db, key, links[0].token);
		const ours = await credentialFor(t.db, mine.ctx);
		const theirs = await verifiedRespondent(t.db, key, issued.links[0].token);
		const foreign = await credentialFor(t.db, theirs.ctx);
		expect(foreign.form.cellId).toBe(otherCell);

		// Signed by the other campaign's cell key, claiming one of our cells.
		const r1 = await unchanged(() =>
			castBallot(t.db, SLUG, { ...foreign.body, cell: ours.form.cellId, sealed: ours.sealed })
		);
		expect(castError(r1)).toEqual({ status: 403, keys: ['cast.error.badSignature'] });
		// A valid signature, but the cell it names belongs to the other campaign.
		const r2 = await unchanged(() => castBallot(t.db, SLUG, foreign.body));
		expect(castError(r2)).toEqual({ status: 403, keys: ['cast.error.badSignature'] });
		// Our valid credential cast to the other campaign.
		const r3 = await unchanged(() => castBallot(t.db, 'thu-2027', ours.body));
		expect(castError(r3)).toEqual({ status: 403, keys: ['cast.error.badSignature'] });
		const r4 = await unchanged(() => castBallot(t.db, 'thu-2027', { ...ours.body, cell: otherCell }));
		expect(castError(r4)).toEqual({ status: 403, keys: ['cast.error.badSignature'] });

		// The same m, counted here, then signed by the other campaign's cell for someone in both:
		// it must not replace the sheet cast here.
		expect((await castBallot(t.db, SLUG, ours.body)).ok).toBe(true);
		const again = await blindFor(t.db, otherCell);
		const blind = await blindBallotMessage(again.form.publicKey, ours.message);
		const second = await verifiedRespondent(t.db, key, issued.links[1].token);
		const signed = await issueCredential(t.db, key, second.ctx, toBase64url(blind.blindedMsg), META);
		if (!signed.ok) throw new Error(signed.error.key);
		const reused = await finalizeCredential(
			again.form.publicKey,
			ours.message,
			Buffer.from(signed.blindSignature, 'base64url'),
			blind.inv
		);
		const crossSheet: SheetAnswers = fullAnswers(
			again.form.questionnaire,
			again.form.ratedUnits.map((u) => u.id),
			1
		);
		const crossSealed = await sealFor(again.form, crossSheet);
		const r5 = await unchanged(() =>
			castBallot(t.db, 'thu-2027', {
				cell: otherCell,
				message: toBase64url(ours.message),
				signature: toBase64url(reused),
				sealed: crossSealed
			})
		);
		expect(castError(r5)).toEqual({ status: 400, keys: ['cast.error.badMessage'] });
		// Nor revise it without a signature, from the other campaign.
		const r6 = await unchanged(() =>
			castBallot(t.db, 'thu-2027', { message: toBase64url(ours.message), sealed: crossSealed })
		);
		expect(castError(r6)).toEqual({ status: 400, keys: ['cast.error.badMessage'] });
		expect(await sealedOf(ours.message)).toBe(ours.sealed);
		expect(
			await t.db
				.selectFrom('sealed_sheet')
				.select('campaign_id')
				.where('key_hash', '=', keyHashOf(ours.message))
				.execute()
		).toEqual([{ campaign_id: ours.form.campaignId }]);
	});

	it('a message that is not 64 bytes, and a revision with an unknown m, are refused', async () => {
		const counted = await withOneSheetCounted();
		for (const message of [
			toBase64url(new Uint8Array(32)),
			toBase64url(new Uint8Array(65)),
			toBase64url(counted.message.slice(0, 63)),
			'',
			'!!!not-base64!!!',
			'x'.repeat(200)
		]) {
			const r = await unchanged(() => castBallot(t.db, SLUG, { ...counted.body, message }));
			expect(castError(r)).toEqual({ status: 400, keys: ['cast.error.badMessage'] });
			const o = await openBallot(t.db, SLUG, { message });
			expect(o.ok).toBe(false);
		}
		expectKey('cast.error.badMessage', 'cast.error.badMessage');
		const unknown = toBase64url(crypto.getRandomValues(new Uint8Array(64)));
		const r = await unchanged(() => castBallot(t.db, SLUG, { message: unknown, sealed: counted.sealed }));
		expect(castError(r)).toEqual({ status: 403, keys: ['cast.error.unknownCredential'] });
		expectKey('cast.error.unknownCredential', 'cast.error.unknownCredential');
		const o = await openBallot(t.db, SLUG, { message: unknown });
		expect(o.ok ? 'ok' : castError(o)).toEqual({ status: 404, keys: ['cast.error.unknownCredential'] });
		// Anything but {cell?, message, signature?, sealed} is a bad request: readable answers included.
		const { sealed: _sealed, ...noSealed } = counted.body;
		void _sealed;
		for (const body of [
			{ ...counted.body, invitation: 1 },
			{ ...counted.body, answers: counted.sheet },
			{ ...noSealed, answers: counted.sheet },
			noSealed,
			{ message: toBase64url(counted.message) },
			null,
			'x'
		]) {
			const extra = await unchanged(() => castBallot(t.db, SLUG, body));
			expect(castError(extra), JSON.stringify(body)).toEqual({ status: 400, keys: ['cast.error.badRequest'] });
		}
		expectKey('cast.error.badRequest', 'cast.error.badRequest');
	});

	it('a sealed sheet that is not base64url, too short or too large is refused, for a new sheet and for a revision', async () => {
		const counted = await withOneSheetCounted();
		const { ctx } = await verifiedRespondent(t.db, key, links[0].token);
		const fresh = await credentialFor(t.db, ctx);
		const random = (n: number) => {
			const out = new Uint8Array(n);
			for (let i = 0; i < n; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
			return toBase64url(out);
		};
		// 100 bytes end in 2 characters with 4 spare bits: set one, and the text decodes to the same bytes.
		const spareBits = (text: string) => {
			const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
			return text.slice(0, -1) + alphabet[alphabet.indexOf(text.at(-1)!) ^ 1];
		};
		const cases: [string, unknown, string][] = [
			['not text', 42, 'cast.error.badRequest'],
			['empty', '', 'cast.error.badSealed'],
			['not base64url', '!!!not-base64!!!', 'cast.error.badSealed'],
			[
				'standard base64',
				Buffer.from(fresh.sealed, 'base64url').toString('base64').replace(/=+$/, '') + '+/',
				'cast.error.badSealed'
			],
			['not canonical', spareBits(random(100)), 'cast.error.badSealed'],
			['padding inside', fresh.sealed.slice(0, 8) + '==' + fresh.sealed.slice(8), 'cast.error.badSealed'],
			['shorter than a sealed empty text', random(32 + 16 + 1), 'cast.error.badSealed'],
			['one byte over the limit', random(SEALED_MAX_BYTES + 1), 'cast.error.badSealed'],
			['far over the limit', 'A'.repeat(400_000), 'cast.error.badRequest']
		];
		for (const [name, sealed, errorKey] of cases) {
			const cast = await unchanged(() => castBallot(t.db, SLUG, { ...fresh.body, sealed }));
			expect(castError(cast), name).toEqual({ status: 400, keys: [errorKey] });
			const revise = await unchanged(() => castBallot(t.db, SLUG, { message: toBase64url(counted.message), sealed }));
			expect(castError(revise), name).toEqual({ status: 400, keys: [errorKey] });
		}
		expectKey('cast.error.badSealed', 'cast.error.badSealed');
		// Neither the new credential nor the sheet already cast was harmed.
		expect(await castBallot(t.db, SLUG, fresh.body)).toMatchObject({ ok: true, revised: false });
		expect(await sealedOf(counted.message)).toBe(counted.sealed);
		expect(await sealedOf(fresh.message)).toBe(fresh.sealed);
	});

	it('a sealed sheet whose answers do not fit the questionnaire is accepted (the server cannot read it) and counted as invalid at the opening', async () => {
		const counted = await withOneSheetCounted();
		const { ctx } = await verifiedRespondent(t.db, key, links[0].token);
		const fresh = await credentialFor(t.db, ctx);
		const firstKey = Object.keys(fresh.sheet.answers)[0];
		const unknownOption = { answers: { ...fresh.sheet.answers, [firstKey]: 'ZZ' }, comments: {} };
		const sealed = await sealFor(fresh.form, unknownOption);
		expect(await castBallot(t.db, SLUG, { ...fresh.body, sealed })).toMatchObject({
			ok: true,
			revised: false,
			receipt: expect.any(String)
		});
		expect(await sealedOf(fresh.message)).toBe(sealed);
		// A third sheet revised into one the questionnaire refuses: the last revision is what counts.
		const third = await verifiedRespondent(t.db, key, links[1].token);
		const revisedAway = await credentialFor(t.db, third.ctx);
		expect((await castBallot(t.db, SLUG, revisedAway.body)).ok).toBe(true);
		const missingRequired = {
			answers: Object.fromEntries(Object.entries(revisedAway.sheet.answers).slice(1)),
			comments: {}
		};
		expect(
			await castBallot(t.db, SLUG, {
				message: toBase64url(revisedAway.message),
				sealed: await sealFor(revisedAway.form, missingRequired)
			})
		).toMatchObject({ ok: true, revised: true });
		expect((await t.db.selectFrom('sealed_sheet').select('key_hash').execute()).length).toBe(3);

		const job = await closeAndOpen(t, shares);
		expect(job).toMatchObject({ status: 'finished', sheets: 1, invalid: 2 });
		const campaign = counted.form.campaignId;
		const opened = await t.db.selectFrom('opened_sheet').select('body').where('campaign_id', '=', campaign).execute();
		expect(opened.map((r) => JSON.parse(r.body))).toEqual([counted.sheet]);
		const cells = await t.db
			.selectFrom('counted_cell')
			.select(['id', 'sheets'])
			.where('campaign_id', '=', campaign)
			.execute();
		expect(cells.map((c) => c.sheets)).toEqual([1]);
		const tallies = await t.db
			.selectFrom('opened_tally')
			.select(['option_id', 'count'])
			.where('cell_id', '=', cells[0].id)
			.execute();
		expect(tallies.length).toBe(Object.keys(counted.sheet.answers).length);
		expect(tallies.every((r) => r.count === 1 && r.option_id !== 'ZZ')).toBe(true);
		// The invalid sheets' receipts are not listed as counted; the audit says how many, never which.
		const receipts = await t.db
			.selectFrom('counted_receipt')
			.select('receipt')
			.where('campaign_id', '=', campaign)
			.execute();
		expect(receipts).toHaveLength(1);
		const committed = await t.db
			.selectFrom('audit_event')
			.select('payload')
			.where('action', '=', 'opening.committed')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(committed.payload)).toMatchObject({ sheets: 1, invalid: 2 });
		expect(await t.db.selectFrom('sealed_sheet').select('key_hash').execute()).toEqual([]);
	});

	it('once the campaign is closed, no credential, no new sheet and no revision', async () => {
		const counted = await withOneSheetCounted();
		const { ctx } = await verifiedRespondent(t.db, key, links[0].token);
		const pending = await credentialFor(t.db, ctx);
		const third = await verifiedRespondent(t.db, key, links[1].token);
		expect(await advanceCampaign(t.db, ctx.campaign.id, 'close', await organiser(), META)).toEqual({
			ok: true,
			state: 'closed'
		});

		const cast = await unchanged(() => castBallot(t.db, SLUG, pending.body));
		expect(castError(cast)).toEqual({ status: 409, keys: ['cast.error.closed'] });
		const revisedSheet = fullAnswers(
			counted.form.questionnaire,
			counted.form.ratedUnits.map((u) => u.id),
			1
		);
		const revise = await unchanged(async () =>
			castBallot(t.db, SLUG, {
				message: toBase64url(counted.message),
				sealed: await sealFor(counted.form, revisedSheet)
			})
		);
		expect(castError(revise)).toEqual({ status: 409, keys: ['cast.error.closed'] });
		expectKey('cast.error.closed', 'cast.error.closed');
		const b = await blindFor(t.db, third.ctx.person.cellId!);
		const credential = await unchanged(async () =>
			issueCredential(t.db, key, await contextOf(t.db, third.sessionToken), b.blinded, META)
		);
		expect(credential.ok).toBe(false);
		if (!credential.ok) expectKey(credential.error.key, 'respondent.error.campaignClosed');
		// Nor can the revision form be opened any more; the sealed sheet is untouched.
		const o = await openBallot(t.db, SLUG, { message: toBase64url(counted.message) });
		expect(castError(o as CastResult)).toEqual({ status: 409, keys: ['cast.error.closed'] });
		expect(await sealedOf(counted.message)).toBe(counted.sealed);
	});
});

describe('JSON bodies', () => {
	const post = (body: string, type = 'application/json') =>
		new Request('http://x', { method: 'POST', headers: { 'content-type': type }, body });

	it('a 1 MB body is 413, and a streamed one is not read to the end; exactly the limit is accepted', async () => {
		const big = await readJsonBody(post(JSON.stringify({ a: 'x'.repeat(1024 * 1024) })), 256 * 1024);
		expect(big).toEqual({ ok: false, status: 413, key: 'error.bodyTooLarge' });
		expectKey('error.bodyTooLarge', 'error.bodyTooLarge');
		// Without a Content-Length, 16 chunks of 64 KiB: reading stops just past the cap.
		let pulled = 0;
		const stream = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (pulled++ === 16) return controller.close();
				controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
			}
		});
		const streamed = new Request('http://x', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: stream,
			duplex: 'half'
		} as RequestInit);
		expect(await readJsonBody(streamed, 256 * 1024)).toEqual({ ok: false, status: 413, key: 'error.bodyTooLarge' });
		expect(pulled).toBeLessThan(16);
		const atLimit = JSON.stringify({ a: 'x'.repeat(256 * 1024 - 8) });
		expect(atLimit.length).toBe(256 * 1024);
		expect(await readJsonBody(post(atLimit), 256 * 1024)).toMatchObject({ ok: true });
		expect(await readJsonBody(post(`${atLimit} `), 256 * 1024)).toEqual({
			ok: false,
			status: 413,
			key: 'error.bodyTooLarge'
		});
	});

	it('anything but JSON is 415, and broken JSON is 400', async () => {
		for (const type of [
			'text/plain',
			'application/x-www-form-urlencoded',
			'multipart/form-data; boundary=x',
			'application/jsonp',
			'application/json-seq',
			''
		]) {
			expect(await readJsonBody(post('{"a":1}', type), 256 * 1024), type).toEqual({
				ok: false,
				status: 415,
				key: 'error.jsonOnly'
			});
		}
		expectKey('error.jsonOnly', 'error.jsonOnly');
		for (const body of ['', '{', '{"a":1', "{'a':1}", 'undefined', '{"a":1}}']) {
			expect(await readJsonBody(post(body), 256 * 1024), body).toEqual({
				ok: false,
				status: 400,
				key: 'error.badJson'
			});
		}
		expectKey('error.badJson', 'error.badJson');
		expect(await readJsonBody(post('{"a":1}', 'application/json; charset=utf-8'), 256 * 1024)).toEqual({
			ok: true,
			value: { a: 1 }
		});
	});
});
