// Issue 15 items 2 and 5, organiser side, through the routes' own actions on a real database (the seeded
// demo): every action that sends to many people or kills links first answers with what it will do and to
// how many, writes nothing, and acts only on confirm=1; "send to everyone without a link" goes out in one
// batch with progress; the per-person history shows the participation side and never reads a ballot table.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { isHttpError, type RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '$lib/i18n';
import type { Role } from '$lib/domain/roles';
import { getApp } from '$lib/server/app';
import type { AppKey } from '$lib/server/crypto/keyring';
import { createStaffUser } from '$lib/server/admin/staff-users';
import { countLiveLinks, revokeInvitation, type IssuedLink } from '$lib/server/outreach/invitations';
import { lettersCandidates } from '$lib/server/outreach/letters';
import { loadPersonHistory } from '$lib/server/outreach/person-history';
import { missingRecipients } from '$lib/server/outreach/recipient-counts';
import { actions as listActions } from '../../src/routes/(staff)/campaigns/[id=id]/invitations/+page.server';
import {
	actions as historyActions,
	load as historyLoad
} from '../../src/routes/(staff)/campaigns/[id=id]/invitations/[person=id]/+page.server';
import { actions as letterActions } from '../../src/routes/(staff)/campaigns/[id=id]/letters/+page.server';
import { actions as reminderActions } from '../../src/routes/(staff)/campaigns/[id=id]/reminders/+page.server';
import { META, NO_REQUEST, SYSTEM, type TestDb, queryLoggingDb, useAppDatabase } from './support';
import { removeTemplate, seededCopy, submitAnswers, verifiedRespondent } from './respondent-support';

type User = {
	id: number;
	username: string;
	displayName: string;
	role: Role;
	unitId: number | null;
	totpEnabled: boolean;
};
type Confirm = {
	confirm: {
		action: string;
		lines: { key: string; params?: Record<string, number | string> }[];
		fields: Record<string, string | number>;
	};
};
type Failure = { status: number; data: { action: string; errors: { form?: { key: string } } } };

let t: TestDb;
let key: AppKey;
let links: IssuedLink[];
let campaignId: number;
const users: Record<string, User> = {};
const vi = translator('vi');

async function unitId(code: string) {
	return (await t.db.selectFrom('unit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

function eventFor(
	username: string,
	route: string,
	fields: Record<string, string | number> | null,
	params = {}
): RequestEvent {
	const url = new URL(`http://localhost/campaigns/${campaignId}/${route}`);
	const body = fields ? new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])) : undefined;
	return {
		url,
		params: { id: String(campaignId), ...params },
		locals: { user: users[username], session: null, secondFactor: 'none', locale: 'vi', demo: true },
		request: new Request(url, body ? { method: 'POST', body } : {}),
		getClientAddress: () => '203.0.113.7',
		setHeaders: () => {},
		route: { id: null },
		cookies: { get: () => undefined }
	} as unknown as RequestEvent;
}

const call = <T>(fn: unknown, e: RequestEvent) => (fn as (e: RequestEvent) => Promise<T>)(e);

async function statusOf(fn: () => unknown): Promise<number> {
	try {
		await fn();
		return 200;
	} catch (e) {
		if (isHttpError(e)) return e.status;
		throw e;
	}
}

/** Everything an action could write: links, invitations, messages, batches, audit events. */
async function written() {
	const n = async (table: 'invitation_link' | 'invitation' | 'delivery' | 'delivery_batch' | 'audit_event') =>
		Number(
			(
				await t.db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	const revoked = await t.db
		.selectFrom('invitation_link')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('revoked_at', 'is not', null)
		.executeTakeFirstOrThrow();
	return {
		links: await n('invitation_link'),
		revoked: Number(revoked.n),
		invitations: await n('invitation'),
		deliveries: await n('delivery'),
		batches: await n('delivery_batch'),
		audit: await n('audit_event')
	};
}

function expectVietnamese(result: unknown, key: string) {
	const failure = result as Failure;
	expect(failure.status).toBe(400);
	expect(failure.data.errors.form?.key).toBe(key);
	expect(vi(key as never)).not.toBe(key);
}

beforeAll(async () => {
	({ t, key, links, campaignId } = await seededCopy());
	useAppDatabase(t);
	for (const u of await t.db
		.selectFrom('staff_user')
		.select(['id', 'username', 'display_name', 'role', 'unit_id'])
		.execute())
		users[u.username] = {
			id: u.id,
			username: u.username,
			displayName: u.display_name,
			role: u.role,
			unitId: u.unit_id,
			totpEnabled: false
		};
	const scoped = await createStaffUser(
		t.db,
		{
			username: 'tochuc-51',
			displayName: 'Tổ chức tỉnh',
			role: 'organiser',
			unitCode: '51',
			password: 'một mật khẩu đủ dài'
		},
		SYSTEM,
		NO_REQUEST
	);
	if (!scoped.ok) throw new Error(JSON.stringify(scoped.errors));
	users['tochuc-51'] = {
		id: scoped.id,
		username: 'tochuc-51',
		displayName: 'Tổ chức tỉnh',
		role: 'organiser',
		unitId: await unitId('51'),
		totpEnabled: false
	};
	await t.db
		.updateTable('campaign')
		.set({ scope_unit_id: await unitId('51') })
		.where('id', '=', campaignId)
		.execute();
	// A department moved out from under the province: outside the province organiser's scope.
	const now = Math.floor(Date.now() / 1000);
	const { id: other } = await t.db
		.insertInto('unit')
		.values({
			code: 'KHAC',
			parent_id: null,
			name: 'Đơn vị khác',
			full_name: 'Đơn vị khác',
			kind: 'khác',
			name_en: null,
			created_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await t.db.updateTable('unit').set({ parent_id: other }).where('code', '=', '51.SNV').execute();
});
afterAll(async () => {
	await (await getApp()).db.destroy();
	await t.close();
	removeTemplate();
});

describe('confirmations with counts', () => {
	it('"Gửi liên kết" for a unit says how many people and by which channel, writes nothing, then sends on confirm', async () => {
		const unit = await unitId('21025');
		const ids = await lettersCandidates(t.db, campaignId, unit);
		const before = await written();
		const asked = await call<Confirm>(listActions.sendUnit, eventFor('organiser', 'invitations', { unit: '21025' }));
		expect(await written()).toEqual(before);
		const [what, keeps] = asked.confirm.lines;
		expect(what.key).toBe('invitations.confirm.sendUnit');
		expect(what.params).toMatchObject({ people: ids.length, unit: expect.any(String) });
		const p = what.params as Record<string, number>;
		expect(p.email + p.sms + p.none).toBe(ids.length);
		expect(keeps.key).toBe('invitations.confirm.keepsOld');
		expect(asked.confirm.fields).toEqual({ unit: '21025' });
		expect(vi('invitations.confirm.sendUnit', what.params)).toMatch(
			new RegExp(`^Gửi liên kết đến ${ids.length} người của `)
		);

		const sent = await call<{ queued: number; notReached: number; batchId: number; progress: { total: number } }>(
			listActions.sendUnit,
			eventFor('organiser', 'invitations', { unit: '21025', confirm: '1' })
		);
		expect(sent.queued).toBe(p.email + p.sms);
		expect(sent.notReached).toBe(p.none);
		expect(sent.progress.total).toBe(sent.queued);
		const after = await written();
		expect(after.deliveries).toBe(before.deliveries + sent.queued);
		// Links sent before still work: the resend added links, it revoked none.
		expect(after.links).toBe(before.links + ids.length);
		expect(after.revoked).toBe(before.revoked);
	});

	it('refuses a unit outside the organiser’s scope, or with nobody left, in Vietnamese and writes nothing', async () => {
		const before = await written();
		for (const confirm of ['', '1']) {
			expectVietnamese(
				await call(listActions.sendUnit, eventFor('tochuc-51', 'invitations', { unit: '51.SNV', confirm })),
				'letters.error.unit'
			);
			expectVietnamese(
				await call(letterActions.print, eventFor('tochuc-51', 'letters', { unit: '51.SNV', confirm })),
				'letters.error.unit'
			);
		}
		expectVietnamese(
			await call(listActions.sendUnit, eventFor('organiser', 'invitations', { unit: 'NOPE' })),
			'letters.error.unit'
		);
		expect(await written()).toEqual(before);
	});

	it('"Tạo thư để in" and "Thu hồi" ask first, with the counts the action then uses', async () => {
		const before = await written();
		const letters = await call<Confirm>(letterActions.print, eventFor('organiser', 'letters', { unit: '21028' }));
		const people = (await lettersCandidates(t.db, campaignId, await unitId('21028'))).length;
		expect(letters.confirm.lines[0]).toMatchObject({ key: 'letters.confirm', params: { people } });
		const person = links[5].personId;
		const live = await countLiveLinks(t.db, campaignId, [person]);
		const revoke = await call<Confirm>(listActions.revoke, eventFor('organiser', 'invitations', { person }));
		expect(revoke.confirm.lines[0]).toMatchObject({
			key: 'invitations.confirm.revokeAll',
			params: { links: live.links }
		});
		expect(revoke.confirm.fields).toEqual({ person });
		expect(await written()).toEqual(before);

		const printed = await call<{ letters: unknown[] }>(
			letterActions.print,
			eventFor('organiser', 'letters', { unit: '21028', confirm: '1' })
		);
		expect(printed.letters).toHaveLength(people);
		expect(await call(listActions.revoke, eventFor('organiser', 'invitations', { person, confirm: '1' }))).toEqual({
			revoked: true
		});
		expect(await countLiveLinks(t.db, campaignId, [person])).toEqual({ people: 0, links: 0 });
		// Nothing left to revoke: a Vietnamese refusal, nothing written.
		const after = await written();
		expectVietnamese(
			await call(listActions.revoke, eventFor('organiser', 'invitations', { person })),
			'invitation.error.noActiveLink'
		);
		expect(await written()).toEqual(after);
	});

	it('sending reminders now: without confirm=1 only the counts by channel, nothing sent', async () => {
		const before = await written();
		const asked = await call<Confirm>(
			reminderActions.send,
			eventFor('organiser', 'reminders', { unit: '21034', group: '' })
		);
		expect(asked.confirm.lines[0].key).toBe('reminders.confirmText');
		const p = asked.confirm.lines[0].params as Record<string, number>;
		expect(p.people).toBeGreaterThan(0);
		expect(p.email + p.sms + p.none).toBe(p.people);
		expect(await written()).toEqual(before);
	});
});

describe('send to everyone without a link', () => {
	it('counts the scope’s people without a link, sends them in one batch with progress, then has nothing left', async () => {
		// Three people lose their links (one of them outside the province organiser's scope).
		const snv = await t.db
			.selectFrom('person')
			.select('id')
			.where('unit_id', '=', await unitId('51.SNV'))
			.executeTakeFirstOrThrow();
		for (const person of [links[10].personId, links[20].personId, snv.id])
			await revokeInvitation(t.db, { id: campaignId }, person, users.organiser, META);
		const scope = await unitId('51');
		const { people } = await missingRecipients(t.db, campaignId, scope);
		expect(people.map((p) => p.id)).toEqual(expect.arrayContaining([links[10].personId, links[20].personId]));
		expect(people.map((p) => p.id)).not.toContain(snv.id);

		const before = await written();
		const asked = await call<Confirm>(listActions.sendAll, eventFor('tochuc-51', 'invitations', {}));
		expect(await written()).toEqual(before);
		expect(asked.confirm.lines[0]).toMatchObject({
			key: 'invitations.confirm.sendAll',
			params: { people: people.length }
		});
		expect(asked.confirm.lines[1].key).toBe('invitations.confirm.keepsOld');

		const sent = await call<{
			queued: number;
			batchId: number;
			notReached: number;
			progress: { total: number; queued: number };
		}>(listActions.sendAll, eventFor('tochuc-51', 'invitations', { confirm: '1' }));
		expect(sent.queued + sent.notReached).toBe(people.length);
		expect(sent.progress).toMatchObject({ total: sent.queued, queued: sent.queued });
		expect((await written()).batches).toBe(before.batches + 1);
		// The person outside the scope still has no link; nobody inside is left.
		expect((await missingRecipients(t.db, campaignId, null)).people.map((p) => p.id)).toEqual([snv.id]);
		const after = await written();
		expectVietnamese(
			await call(listActions.sendAll, eventFor('tochuc-51', 'invitations', { confirm: '1' })),
			'invitations.error.nobodyMissing'
		);
		expectVietnamese(
			await call(listActions.issueMissing, eventFor('tochuc-51', 'invitations', {})),
			'invitations.error.nobodyMissing'
		);
		expect(await written()).toEqual(after);
	});
});

describe('a person’s history', () => {
	it('shows links, messages, codes, verification and the credential, and reads no ballot table', async () => {
		const person = links[0].personId;
		const { ctx } = await verifiedRespondent(t.db, key, links[0].token);
		await submitAnswers(t.db, key, ctx);
		const { db: logged, queries } = queryLoggingDb(t);
		const history = await loadPersonHistory(logged, campaignId, person, null);
		const kinds = history!.events.map((e) => e.kind);
		for (const kind of ['linkIssued', 'opened', 'codeSent', 'verified', 'attested', 'credential'])
			expect(kinds, kind).toContain(kind);
		expect(history!.credentialed).toBe(true);
		expect(queries.length).toBeGreaterThan(3);
		const ballotSide =
			/sealed_sheet|opened_sheet|opened_tally|counted_cell|counted_receipt|answer_sheet|answer_chunk|ballot/i;
		expect(queries.filter((q) => ballotSide.test(q))).toEqual([]);
		// Nor does the page's code name one, or a message body, a recipient or a code.
		const dir = 'src/routes/(staff)/campaigns/[id=id]/invitations';
		const files = [
			'src/lib/server/outreach/person-history.ts',
			'src/lib/domain/person-history.ts',
			...readdirSync(dir, { recursive: true, encoding: 'utf8' })
				.map((f) => path.join(dir, f))
				.filter((f) => /\.(ts|svelte)$/.test(f))
		];
		for (const f of files) expect(readFileSync(f, 'utf8'), f).not.toMatch(ballotSide);
		expect(readFileSync('src/lib/server/outreach/person-history.ts', 'utf8')).not.toMatch(
			/body_enc|recipient|code_mac|token_hash/
		);
	});

	it('is for the campaign’s organisers within their scope: 403 for an analyst, 404 outside the scope', async () => {
		const snv = await t.db
			.selectFrom('person')
			.select('id')
			.where('unit_id', '=', await unitId('51.SNV'))
			.executeTakeFirstOrThrow();
		const page = (username: string, person: number) =>
			call<{ person: { id: number } }>(
				historyLoad,
				eventFor(username, `invitations/${person}`, null, { person: String(person) })
			);
		expect((await page('tochuc-51', links[1].personId)).person.id).toBe(links[1].personId);
		expect(await statusOf(() => page('analyst', links[1].personId))).toBe(403);
		expect(await statusOf(() => page('tochuc-51', snv.id))).toBe(404);
		expect(await statusOf(() => page('organiser', 999999))).toBe(404);
	});

	it('revokes one link after a confirmation; the other links stay live', async () => {
		const person = links[2].personId;
		const ev = (fields: Record<string, string | number> | null) =>
			eventFor('organiser', `invitations/${person}`, fields, { person: String(person) });
		// A second link (a resend) so one can go and one stay.
		await call(
			listActions.sendUnit,
			eventFor('organiser', 'invitations', {
				unit: (
					await t.db
						.selectFrom('person as p')
						.innerJoin('unit as u', 'u.id', 'p.unit_id')
						.select('u.code')
						.where('p.id', '=', person)
						.executeTakeFirstOrThrow()
				).code,
				confirm: '1'
			})
		);
		const live = (await call<{ live: { id: number }[] }>(historyLoad, ev(null))).live;
		expect(live.length).toBeGreaterThanOrEqual(2);
		const before = await written();
		const asked = await call<Confirm>(historyActions.revokeLink, ev({ link: live[0].id }));
		expect(asked.confirm.lines[0].key).toBe('invitations.confirm.revokeLink');
		expect(vi('invitations.confirm.revokeLink', asked.confirm.lines[0].params)).toMatch(
			/Các liên kết khác của người này vẫn dùng được/
		);
		expect(await written()).toEqual(before);
		expect(await call(historyActions.revokeLink, ev({ link: live[0].id, confirm: '1' }))).toEqual({ revoked: true });
		const after = await call<{ live: { id: number }[]; events: { kind: string }[] }>(historyLoad, ev(null));
		expect(after.live.map((l) => l.id)).toEqual(live.slice(1).map((l) => l.id));
		expect(after.events.map((e) => e.kind)).toContain('linkRevoked');
		// An unknown or already dead link: refused in Vietnamese, nothing written.
		const w = await written();
		expectVietnamese(
			await call(historyActions.revokeLink, ev({ link: live[0].id, confirm: '1' })),
			'invitation.error.unknownLink'
		);
		expectVietnamese(await call(historyActions.revokeLink, ev({ link: 'x' })), 'invitation.error.unknownLink');
		expect(await written()).toEqual(w);
	});
});
