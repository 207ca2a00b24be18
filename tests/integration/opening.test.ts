// The opening (kiểm phiếu) against the seeded demo round (committee kiemphieu1..3, 2 of 3): every way
// supplyShare says no — with its exact key, one `opening.share_refused` audit event and no other change
// to any table —, one share holding nothing open, two shares opening the round (counted receipts,
// tallies that recount, an intact audit chain with no share, code or passphrase in it), a sheet sealed
// for another cell counted as invalid; then the routes: who may see the page, the supply form, the
// progress JSON, the public page's receipt list and its text download.
import { isActionFailure, isHttpError, type RequestEvent } from '@sveltejs/kit';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BASE32_ALPHABET } from '$lib/domain/codes';
import type { MessageKey } from '$lib/domain/message';
import { translator } from '$lib/i18n';
import { finalizeCredential, toBase64url } from '$lib/respondent/blind-client';
import { sealSheet } from '$lib/respondent/seal-client';
import { decryptShareCode, readShareCode, shareFile, type ShareHeader } from '$lib/sealing/share-file';
import { getApp } from '$lib/server/app';
import { verifyAuditChain } from '$lib/server/audit';
import { castBallot } from '$lib/server/ballot/cast';
import { loadPublicCampaign } from '$lib/server/ballot/public';
import { advanceCampaign, createCampaign, type Staff } from '$lib/server/campaigns/campaigns';
import type { Db } from '$lib/server/db/open';
import type { AppKey } from '$lib/server/crypto/keyring';
import type { IssuedLink } from '$lib/server/outreach/invitations';
import { issueCredential } from '$lib/server/respondent/credential';
import { checkTallies } from '$lib/server/results/recompute';
import { HELD_SHARE_SECONDS, openingStatus, supplyShare, waitForOpening } from '$lib/server/sealing/opening';
import { runDemoCeremony, type DemoShare } from '$lib/server/seed/demo-committee';
import { nowSeconds } from '$lib/server/time';
import {
	actions as openingActions,
	load as openingLoad
} from '../../src/routes/(staff)/campaigns/[id=id]/opening/+page.server';
import { openingView } from '../../src/routes/(staff)/campaigns/[id=id]/opening/context';
import { GET as openingStatusJson } from '../../src/routes/(staff)/campaigns/[id=id]/opening/status.json/+server';
import { readSupplyForm } from '../../src/routes/(staff)/campaigns/[id=id]/opening/supply-form';
import { actions as publicActions, load as publicLoad } from '../../src/routes/c/[slug]/+page.server';
import { GET as receiptsTxt } from '../../src/routes/c/[slug]/receipts.txt/+server';
import { META, tableNames, useAppDatabase, type TestDb } from './support';
import {
	SLUG,
	blindFor,
	fullAnswers,
	removeTemplate,
	seededCopy,
	submitAnswers,
	verifiedRespondent
} from './respondent-support';

const vi = translator('vi');

/** The error key is a real key with a Vietnamese text (the translator echoes unknown keys). */
function expectKey(actual: string, expected: MessageKey) {
	expect(actual).toBe(expected);
	expect(vi(expected), `no Vietnamese text for ${expected}`).not.toBe(expected);
}

async function staffOf(db: Db, username: string): Promise<Staff> {
	const u = await db
		.selectFrom('staff_user')
		.select(['id', 'username', 'role', 'unit_id'])
		.where('username', '=', username)
		.executeTakeFirstOrThrow();
	return { id: u.id, username: u.username, role: u.role, unitId: u.unit_id };
}

async function campaignIdOf(db: Db, slug = SLUG): Promise<number> {
	return (await db.selectFrom('campaign').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

async function closeRound(db: Db, campaignId: number) {
	const closed = await advanceCampaign(db, campaignId, 'close', await staffOf(db, 'organiser'), META);
	if (!closed.ok) throw new Error(JSON.stringify(closed.errors));
}

/** n respondents of the round cast sheets with varied answers; their receipts. */
async function castSheets(db: Db, appKey: AppKey, links: IssuedLink[], n: number, from = 0): Promise<string[]> {
	const receipts: string[] = [];
	for (let i = from; i < from + n; i++) {
		const { ctx } = await verifiedRespondent(db, appKey, links[i].token, `device-${i}`);
		receipts.push((await submitAnswers(db, appKey, ctx, i % 3)).receipt);
	}
	return receipts;
}

/** Every row of every table but the audit log, as sorted JSON lines per table. */
async function snapshot(db: Db) {
	const out: Record<string, string[]> = {};
	for (const name of (await tableNames(db)).filter((n) => n !== 'audit_event')) {
		const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
		out[name] = rows.rows
			.map((r) => JSON.stringify(r, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)))
			.sort();
	}
	return out;
}

async function headSeq(db: Db): Promise<number> {
	const row = await db
		.selectFrom('audit_event')
		.select((eb) => eb.fn.max('seq').as('seq'))
		.executeTakeFirstOrThrow();
	return Number(row.seq ?? 0);
}

async function eventsAfter(db: Db, seq: number) {
	const rows = await db
		.selectFrom('audit_event')
		.select(['action', 'actor_label', 'subject_id', 'payload'])
		.where('seq', '>', seq)
		.orderBy('seq')
		.execute();
	return rows.map((r) => ({
		action: r.action,
		actor: r.actor_label,
		subject: r.subject_id,
		payload: JSON.parse(r.payload) as Record<string, unknown>
	}));
}

/** A share code with one character changed so that its own checksum catches it. */
async function mistype(code: string): Promise<string> {
	for (let i = 0; i < code.length; i++) {
		if (code[i] === ' ') continue;
		const swapped = code.slice(0, i) + (code[i] === 'A' ? 'B' : 'A') + code.slice(i + 1);
		const read = await readShareCode(swapped);
		if (!read.ok && read.error === 'shareFile.error.mistyped') return swapped;
	}
	throw new Error('no mistyped variant');
}

/** Forgets shares a test left in the process's memory (they expire, as after HELD_SHARE_SECONDS). */
async function forgetHeldShares(db: Db, campaignId: number) {
	await openingStatus(db, campaignId, nowSeconds() + HELD_SHARE_SECONDS + 60);
}

describe('supplying shares (service)', () => {
	let t: TestDb;
	let key: AppKey;
	let links: IssuedLink[];
	let shares: DemoShare[];
	let campaignId: number;
	const share = (username: string) => shares.find((s) => s.username === username)!;

	beforeEach(async () => {
		({ t, key, links, shares } = await seededCopy());
		campaignId = await campaignIdOf(t.db);
	});
	afterEach(async () => {
		await forgetHeldShares(t.db, campaignId);
		await t.close();
	});

	/** Supplies as `username`, expects the refusal `expected`, and that only its audit event was added. */
	async function refused(username: string, input: { code: string; passphrase: string }, expected: MessageKey) {
		const before = await snapshot(t.db);
		const seq = await headSeq(t.db);
		const staff = await staffOf(t.db, username);
		const result = await supplyShare({ db: t.db }, campaignId, staff, input, META);
		if (result.ok) throw new Error(`expected ${expected}, got a share accepted`);
		expectKey(result.error.key, expected);
		expect(await snapshot(t.db)).toEqual(before);
		expect(await eventsAfter(t.db, seq)).toEqual([
			{ action: 'opening.share_refused', actor: username, subject: String(campaignId), payload: { reason: expected } }
		]);
	}

	it('refuses a share from someone who is not on the committee (an organiser who manages the round)', async () => {
		await closeRound(t.db, campaignId);
		await refused('organiser', share('kiemphieu1'), 'opening.error.notMember');
	});

	it('refuses a share while the round is still open', async () => {
		await castSheets(t.db, key, links, 1);
		await refused('kiemphieu1', share('kiemphieu1'), 'opening.error.notClosed');
	});

	it('refuses a wrong passphrase and a mistyped code', async () => {
		await closeRound(t.db, campaignId);
		await refused(
			'kiemphieu1',
			{ code: share('kiemphieu1').code, passphrase: 'not-the-passphrase' },
			'shareFile.error.passphrase'
		);
		await refused(
			'kiemphieu1',
			{ code: await mistype(share('kiemphieu1').code), passphrase: share('kiemphieu1').passphrase },
			'shareFile.error.mistyped'
		);
		await refused(
			'kiemphieu1',
			{ code: 'hello', passphrase: share('kiemphieu1').passphrase },
			'shareFile.error.format'
		);
	});

	it('after five wrong tries in 15 minutes refuses even the right share before any decryption, and takes it once the window has passed', async () => {
		await closeRound(t.db, campaignId);
		const now = Math.floor(Date.now() / 1000);
		const staff = await staffOf(t.db, 'kiemphieu1');
		for (let i = 0; i < 5; i++) {
			const r = await supplyShare(
				{ db: t.db },
				campaignId,
				staff,
				{ code: share('kiemphieu1').code, passphrase: `sai-mat-khau-${i}` },
				META,
				now + i
			);
			expect(r).toEqual({ ok: false, error: { key: 'shareFile.error.passphrase' } });
		}
		// Another member is not locked by kiemphieu1's mistakes.
		expect(
			await supplyShare(
				{ db: t.db },
				campaignId,
				await staffOf(t.db, 'kiemphieu2'),
				{ code: share('kiemphieu2').code, passphrase: 'sai-mat-khau-x' },
				META,
				now + 5
			)
		).toEqual({ ok: false, error: { key: 'shareFile.error.passphrase' } });
		const before = await snapshot(t.db);
		const seq = await headSeq(t.db);
		expect(await supplyShare({ db: t.db }, campaignId, staff, share('kiemphieu1'), META, now + 6)).toEqual({
			ok: false,
			error: { key: 'opening.error.tooManyAttempts' }
		});
		expect(await snapshot(t.db)).toEqual(before);
		expect(await eventsAfter(t.db, seq)).toEqual([
			{
				action: 'opening.share_refused',
				actor: 'kiemphieu1',
				subject: String(campaignId),
				payload: { reason: 'opening.error.tooManyAttempts' }
			}
		]);
		expect((await openingStatus(t.db, campaignId, now + 6)).heldSlots).toEqual([]);
		// Fifteen minutes after the first wrong try, one try is free again: the right share is held.
		expect(
			await supplyShare({ db: t.db }, campaignId, staff, share('kiemphieu1'), META, now + 15 * 60 + 1)
		).toMatchObject({ ok: true, held: 1 });
		// The share was held at a future time: let it expire now, for the next test.
		expect((await openingStatus(t.db, campaignId, now + 15 * 60 + 2 + HELD_SHARE_SECONDS)).heldSlots).toEqual([]);
	});

	it('refuses a share made for another campaign, even with the right slot and passphrase', async () => {
		const organiser = await staffOf(t.db, 'organiser');
		const other = await createCampaign(
			t.db,
			{
				title: 'Đợt khác',
				slug: 'dot-khac-2027',
				year: 2027,
				kThreshold: 5,
				opensOn: null,
				closesOn: null,
				scopeUnitCode: null,
				frameworkVersionId: null
			},
			organiser,
			META
		);
		if (!other.ok) throw new Error(JSON.stringify(other.errors));
		const foreign = (await runDemoCeremony(t.db, other.id, organiser, META)).find((s) => s.username === 'kiemphieu1')!;
		expect(foreign.slot).toBe(share('kiemphieu1').slot);
		await closeRound(t.db, campaignId);
		await refused('kiemphieu1', { code: foreign.code, passphrase: foreign.passphrase }, 'opening.error.foreignShare');
	});

	it("refuses another member's share (kiemphieu1 supplying kiemphieu2's code and passphrase)", async () => {
		await closeRound(t.db, campaignId);
		await refused('kiemphieu1', share('kiemphieu2'), 'opening.error.notYourShare');
	});

	it('refuses the same member twice; the first share stays held', async () => {
		await closeRound(t.db, campaignId);
		const first = await supplyShare(
			{ db: t.db },
			campaignId,
			await staffOf(t.db, 'kiemphieu1'),
			share('kiemphieu1'),
			META
		);
		expect(first).toEqual({ ok: true, held: 1, threshold: 2, started: false });
		await refused('kiemphieu1', share('kiemphieu1'), 'opening.error.alreadySupplied');
		expect((await openingStatus(t.db, campaignId)).heldSlots).toEqual([1]);
	});

	it('refuses a share whose check value does not match the one stored at the ceremony', async () => {
		await closeRound(t.db, campaignId);
		const member = await staffOf(t.db, 'kiemphieu1');
		await t.db
			.updateTable('committee_member')
			.set({ share_check: 'ab'.repeat(32) })
			.where('campaign_id', '=', campaignId)
			.where('staff_user_id', '=', member.id)
			.execute();
		await refused('kiemphieu1', share('kiemphieu1'), 'opening.error.badCheck');
		// A damaged value of another length is a mismatch too, not a crash.
		await t.db
			.updateTable('committee_member')
			.set({ share_check: 'abc' })
			.where('campaign_id', '=', campaignId)
			.where('staff_user_id', '=', member.id)
			.execute();
		await refused('kiemphieu1', share('kiemphieu1'), 'opening.error.badCheck');
		await t.db
			.updateTable('committee_member')
			.set({ share_check: null })
			.where('campaign_id', '=', campaignId)
			.where('staff_user_id', '=', member.id)
			.execute();
		await refused('kiemphieu1', share('kiemphieu1'), 'opening.error.noKey');
	});

	it('holds one share of two and opens nothing; the status names the slot held', async () => {
		const receipts = await castSheets(t.db, key, links, 2);
		await closeRound(t.db, campaignId);
		const seq = await headSeq(t.db);
		const result = await supplyShare(
			{ db: t.db },
			campaignId,
			await staffOf(t.db, 'kiemphieu2'),
			share('kiemphieu2'),
			META
		);
		expect(result).toEqual({ ok: true, held: 1, threshold: 2, started: false });
		const status = await openingStatus(t.db, campaignId);
		expect(status).toMatchObject({ threshold: 2, heldSlots: [2], counted: false, job: null });
		expect(await eventsAfter(t.db, seq)).toEqual([
			{
				action: 'opening.share_supplied',
				actor: 'kiemphieu2',
				subject: String(campaignId),
				payload: { slot: 2, held: 1, threshold: 2 }
			}
		]);
		const sealed = await t.db
			.selectFrom('sealed_sheet')
			.select('receipt')
			.where('campaign_id', '=', campaignId)
			.execute();
		expect(sealed.map((r) => r.receipt).sort()).toEqual([...receipts].sort());
		expect(await t.db.selectFrom('opened_sheet').selectAll().execute()).toEqual([]);
		expect(
			await t.db.selectFrom('counted_receipt').selectAll().where('campaign_id', '=', campaignId).execute()
		).toEqual([]);
		expect(
			(await t.db.selectFrom('campaign').select('counted_at').where('id', '=', campaignId).executeTakeFirstOrThrow())
				.counted_at
		).toBeNull();
	});

	it('two members supplying at the same moment start one opening, not two (no spurious failure)', async () => {
		const receipts = await castSheets(t.db, key, links, 3);
		await closeRound(t.db, campaignId);
		const [a, b] = await Promise.all([
			supplyShare({ db: t.db }, campaignId, await staffOf(t.db, 'kiemphieu1'), share('kiemphieu1'), META),
			supplyShare({ db: t.db }, campaignId, await staffOf(t.db, 'kiemphieu3'), share('kiemphieu3'), META)
		]);
		expect([a.ok, b.ok]).toEqual([true, true]);
		expect([a, b].filter((r) => r.ok && r.started)).toHaveLength(1);
		expect((await waitForOpening(campaignId))?.phase).toBe('done');
		const actions = (
			await t.db
				.selectFrom('audit_event')
				.select('action')
				.where('action', 'like', 'opening.%')
				.orderBy('seq')
				.execute()
		).map((e) => e.action);
		expect(actions.filter((x) => x === 'opening.committed')).toHaveLength(1);
		expect(actions).not.toContain('opening.failed');
		expect(
			(
				await t.db
					.selectFrom('counted_receipt')
					.select('receipt')
					.where('campaign_id', '=', campaignId)
					.orderBy('receipt')
					.execute()
			).map((r) => r.receipt)
		).toEqual([...receipts].sort());
	});

	it('opens with two shares: counted receipts, tallies that recount, invalid sheets reported, no secret in the audit log', async () => {
		const receipts = await castSheets(t.db, key, links, 4);
		// A respondent's sheet sealed for another cell than the one it is cast in: invalid at the opening.
		const { ctx } = await verifiedRespondent(t.db, key, links[4].token, 'device-x');
		const b = await blindFor(t.db, ctx.person.cellId!);
		const issued = await issueCredential(t.db, key, ctx, b.blinded, META);
		if (!issued.ok) throw new Error(issued.error.key);
		const signature = await finalizeCredential(
			b.form.publicKey,
			b.message,
			Buffer.from(issued.blindSignature, 'base64url'),
			b.inv
		);
		const otherCell = await t.db
			.selectFrom('reporting_cell')
			.select('id')
			.where('campaign_id', '=', campaignId)
			.where('id', '!=', b.form.cellId)
			.executeTakeFirstOrThrow();
		const sheet = fullAnswers(
			b.form.questionnaire,
			b.form.ratedUnits.map((u) => u.id)
		);
		const misfiled = await castBallot(t.db, SLUG, {
			cell: b.form.cellId,
			message: toBase64url(b.message),
			signature: toBase64url(signature),
			sealed: await sealSheet(b.form.sealingKey!, campaignId, otherCell.id, sheet)
		});
		if (!misfiled.ok) throw new Error(JSON.stringify(misfiled.error));
		await closeRound(t.db, campaignId);

		const first = await supplyShare(
			{ db: t.db },
			campaignId,
			await staffOf(t.db, 'kiemphieu3'),
			share('kiemphieu3'),
			META
		);
		expect(first).toMatchObject({ ok: true, started: false });
		const second = await supplyShare(
			{ db: t.db },
			campaignId,
			await staffOf(t.db, 'kiemphieu1'),
			share('kiemphieu1'),
			META
		);
		expect(second).toEqual({ ok: true, held: 2, threshold: 2, started: true });
		const done = await waitForOpening(campaignId);
		expect(done).toMatchObject({ phase: 'done', result: { sheets: 4, invalid: 1 } });

		const campaign = await t.db
			.selectFrom('campaign')
			.selectAll()
			.where('id', '=', campaignId)
			.executeTakeFirstOrThrow();
		expect(campaign.counted_at).not.toBeNull();
		expect(await t.db.selectFrom('sealed_sheet').selectAll().where('campaign_id', '=', campaignId).execute()).toEqual(
			[]
		);
		expect(
			await t.db.selectFrom('opened_sheet').select('id').where('campaign_id', '=', campaignId).execute()
		).toHaveLength(4);
		const cells = await t.db
			.selectFrom('counted_cell')
			.select(['id', 'sheets'])
			.where('campaign_id', '=', campaignId)
			.execute();
		expect(cells.reduce((s, c) => s + c.sheets, 0)).toBe(4);
		expect(
			await t.db
				.selectFrom('opened_tally')
				.select('count')
				.where(
					'cell_id',
					'in',
					cells.map((c) => c.id)
				)
				.execute()
		).not.toHaveLength(0);
		const counted = await t.db
			.selectFrom('counted_receipt')
			.select('receipt')
			.where('campaign_id', '=', campaignId)
			.orderBy('receipt')
			.execute();
		expect(counted.map((r) => r.receipt)).toEqual([...receipts].sort());
		expect(counted.map((r) => r.receipt)).not.toContain(misfiled.receipt);
		expect(
			await t.db.selectFrom('opening_job').selectAll().where('campaign_id', '=', campaignId).executeTakeFirstOrThrow()
		).toMatchObject({ status: 'finished', sheets: 4, invalid: 1 });
		expect((await checkTallies(t.db, campaign)).ok).toBe(true);
		expect((await verifyAuditChain(t.db)).ok).toBe(true);
		expect(await openingStatus(t.db, campaignId)).toMatchObject({
			heldSlots: [],
			counted: true,
			job: { status: 'finished', sheets: 4, invalid: 1 }
		});
		expect((await loadPublicCampaign(t.db, SLUG))?.counted).toMatchObject({ sheets: 4, invalid: 1, receipts: 4 });

		// No share code (whole or any three of its groups), passphrase or share byte string in any audit row.
		const audit = (await t.db.selectFrom('audit_event').selectAll().execute()).map((r) => JSON.stringify(r)).join('\n');
		const secrets: string[] = [];
		for (const s of shares) {
			const groups = s.code.split(' ');
			secrets.push(s.code, s.code.replace(/ /g, ''), s.passphrase);
			for (let i = 0; i + 3 <= groups.length; i++)
				secrets.push(groups.slice(i, i + 3).join(' '), groups.slice(i, i + 3).join(''));
			const decrypted = await decryptShareCode(s.code, s.passphrase);
			if (!decrypted.ok) throw new Error(decrypted.error);
			const bytes = Buffer.from(decrypted.share);
			secrets.push(
				bytes.toString('hex'),
				bytes.toString('base64'),
				bytes.toString('base64url'),
				bytes.subarray(0, 12).toString('hex')
			);
		}
		for (const secret of secrets) expect(audit.includes(secret), `audit log holds ${secret.slice(0, 8)}…`).toBe(false);
		const actions = (await eventsAfter(t.db, 0)).filter((e) => e.action.startsWith('opening.'));
		expect(actions.map((e) => e.action)).toEqual([
			'opening.share_supplied',
			'opening.share_supplied',
			'opening.committed',
			'opening.finished'
		]);
		expect(actions[2].payload).toMatchObject({ sheets: 4, invalid: 1 });
		expect((actions[2].payload.members as { slot: number }[]).map((m) => m.slot).sort()).toEqual([1, 3]);

		// Once counted, another share is refused and changes nothing.
		await refused('kiemphieu2', share('kiemphieu2'), 'opening.error.alreadyCounted');
	});
});

describe('the supply form', () => {
	const form = (fields: Record<string, string | File>) => {
		const body = new FormData();
		for (const [k, v] of Object.entries(fields)) body.set(k, v);
		return new Request('http://localhost/campaigns/1/opening?/supply', { method: 'POST', body });
	};
	const header: ShareHeader = { campaignId: 1, slot: 1, threshold: 2, size: 3 };
	const fileOf = (code: string) =>
		new File(
			[
				JSON.stringify(
					shareFile(header, { campaignSlug: SLUG, campaignTitle: 'ĐTXH', holder: 'kiemphieu1', fingerprint: 'x' }, code)
				)
			],
			'share.json',
			{ type: 'application/json' }
		);

	it('takes the code from the file, else from the text box; refuses what is missing or too large', async () => {
		await expect(
			readSupplyForm(form({ file: fileOf('ABCD EFGH'), code: 'IGNORED', passphrase: 'p' }))
		).resolves.toEqual({ ok: true, value: { code: 'ABCD EFGH', passphrase: 'p' } });
		await expect(readSupplyForm(form({ code: '  ABCD EFGH \n', passphrase: 'p' }))).resolves.toEqual({
			ok: true,
			value: { code: 'ABCD EFGH', passphrase: 'p' }
		});
		await expect(readSupplyForm(form({ code: '', passphrase: 'p' }))).resolves.toEqual({
			ok: false,
			error: { key: 'opening.error.noCode' }
		});
		await expect(readSupplyForm(form({ code: 'ABCD', passphrase: '' }))).resolves.toEqual({
			ok: false,
			error: { key: 'opening.error.noPassphrase' }
		});
		await expect(
			readSupplyForm(form({ file: new File(['x'.repeat(5000)], 'big.json'), passphrase: 'p' }))
		).resolves.toEqual({ ok: false, error: { key: 'opening.error.fileTooLarge' } });
		await expect(
			readSupplyForm(form({ file: new File([Uint8Array.from([0xff, 0xfe, 0x00])], 'bin.json'), passphrase: 'p' }))
		).resolves.toEqual({ ok: false, error: { key: 'shareFile.error.format' } });
		await expect(
			readSupplyForm(form({ file: new File(['{"format":"other"}'], 'x.json'), passphrase: 'p' }))
		).resolves.toEqual({ ok: false, error: { key: 'shareFile.error.format' } });
		await expect(
			readSupplyForm(
				new Request('http://localhost/', {
					method: 'POST',
					body: 'x',
					headers: { 'content-type': 'multipart/form-data; boundary=zz' }
				})
			)
		).resolves.toEqual({ ok: false, error: { key: 'opening.error.upload' } });
		for (const k of [
			'opening.error.noCode',
			'opening.error.noPassphrase',
			'opening.error.fileTooLarge',
			'opening.error.upload'
		] as const)
			expectKey(k, k);
	});
});

describe('the opening page, its status JSON and the public page (routes)', () => {
	let t: TestDb;
	let key: AppKey;
	let links: IssuedLink[];
	let shares: DemoShare[];
	let db: Db;
	let campaignId: number;
	const users: Record<string, Staff & { displayName: string; totpEnabled: boolean }> = {};
	const share = (username: string) => shares.find((s) => s.username === username)!;

	beforeAll(async () => {
		({ t, key, links, shares } = await seededCopy());
		// The routes use the app's own handle on this file (opened once per process).
		useAppDatabase(t);
		db = (await getApp()).db;
		campaignId = await campaignIdOf(db);
		for (const u of await db
			.selectFrom('staff_user')
			.select(['id', 'username', 'display_name', 'role', 'unit_id'])
			.execute()) {
			users[u.username] = {
				id: u.id,
				username: u.username,
				displayName: u.display_name,
				role: u.role,
				unitId: u.unit_id,
				totpEnabled: false
			};
		}
	}, 120_000);
	afterAll(async () => {
		await forgetHeldShares(db, campaignId);
		await t.close();
		removeTemplate();
	});

	function staffEvent(username: string | null, path: string, init: RequestInit = {}): RequestEvent {
		const url = new URL(`http://localhost/campaigns/${campaignId}/opening${path}`);
		const headers = new Map<string, string>();
		return {
			url,
			params: { id: String(campaignId) },
			locals: {
				user: username ? users[username] : null,
				session: null,
				secondFactor: 'none',
				locale: 'vi',
				demo: true
			},
			request: new Request(url, init),
			getClientAddress: () => '203.0.113.7',
			setHeaders: (h: Record<string, string>) => Object.entries(h).forEach(([k, v]) => headers.set(k, v)),
			route: { id: null },
			cookies: { get: () => undefined }
		} as unknown as RequestEvent;
	}

	function publicEvent(query = '', init: RequestInit = {}): RequestEvent {
		const url = new URL(`http://localhost/c/${SLUG}${query}`);
		return {
			url,
			params: { slug: SLUG },
			locals: { user: null, locale: 'vi' },
			request: new Request(url, init),
			getClientAddress: () => '203.0.113.7',
			setHeaders: () => {},
			route: { id: null },
			cookies: { get: () => undefined }
		} as unknown as RequestEvent;
	}

	type View = Awaited<ReturnType<typeof openingView>>;
	const view = async (username: string) => (await openingLoad(staffEvent(username, '') as never)) as View;
	async function statusOf(fn: () => unknown): Promise<number> {
		try {
			const r = await fn();
			return r instanceof Response ? r.status : 200;
		} catch (e) {
			if (isHttpError(e)) return e.status;
			throw e;
		}
	}
	const supplyForm = (fields: Record<string, string | File>) => {
		const body = new FormData();
		for (const [k, v] of Object.entries(fields)) body.set(k, v);
		return { method: 'POST', body } satisfies RequestInit;
	};
	const supply = (username: string, fields: Record<string, string | File>) =>
		openingActions.supply(staffEvent(username, '?/supply', supplyForm(fields)) as never);
	const check = async (receipt: string) => {
		const body = new FormData();
		body.set('receipt', receipt);
		const r = (await publicActions.check(publicEvent('?/check', { method: 'POST', body }) as never)) as
			{ check: { status: string } } | { data: { check: { status: string } } };
		return 'check' in r ? r.check.status : r.data.check.status;
	};

	let receipts: string[] = [];

	it('refuses staff who are neither on the committee nor managing the round, page and JSON alike (audited)', async () => {
		const seq = await headSeq(db);
		expect(await statusOf(() => view('analyst'))).toBe(403);
		expect(await statusOf(() => openingStatusJson(staffEvent('analyst', '/status.json') as never))).toBe(403);
		expect(
			await statusOf(() =>
				supply('auditor', { code: share('kiemphieu1').code, passphrase: share('kiemphieu1').passphrase })
			)
		).toBe(403);
		const events = await eventsAfter(db, seq);
		expect(events.map((e) => [e.action, e.payload.reason])).toEqual([
			['access.denied', 'opening.committee'],
			['access.denied', 'opening.committee'],
			['access.denied', 'opening.committee']
		]);
		expect(events.every((e) => !JSON.stringify(e).includes(share('kiemphieu1').passphrase))).toBe(true);
		expect(await statusOf(() => view('kiemphieu1'))).toBe(200);
	});

	it('while the round is open: members and managers see the status, nobody gets the form', async () => {
		receipts = await castSheets(db, key, links, 3);
		const member = await view('kiemphieu2');
		expect(member).toMatchObject({
			stage: 'notClosed',
			isMember: true,
			canSupply: false,
			threshold: 2,
			size: 3,
			key: { threshold: 2, size: 3 }
		});
		expect(member.members.map((m) => [m.slot, m.username, m.you, m.held])).toEqual([
			[1, 'kiemphieu1', false, false],
			[2, 'kiemphieu2', true, false],
			[3, 'kiemphieu3', false, false]
		]);
		const admin = await view('admin');
		expect(admin).toMatchObject({ stage: 'notClosed', isMember: false, canSupply: false });
		expect(admin.key?.fingerprint).toBe((await loadPublicCampaign(db, SLUG))?.sealing?.fingerprint);
		const pub = await publicLoad(publicEvent() as never);
		expect(pub).toMatchObject({ sealing: { threshold: 2, size: 3 }, counted: null, receipts: null });
		expect(await check(receipts[0])).toBe('recorded');
		// No list exists before the opening.
		expect(await statusOf(() => receiptsTxt(publicEvent('/receipts.txt') as never))).toBe(404);
	});

	it('says plainly when too few members remain to open the round', async () => {
		await db
			.updateTable('staff_user')
			.set({ disabled_at: nowSeconds() })
			.where('username', 'in', ['kiemphieu2', 'kiemphieu3'])
			.execute();
		await closeRound(db, campaignId);
		try {
			expect(await view('kiemphieu1')).toMatchObject({ stage: 'cannotOpen', usable: 1, canSupply: false });
			expect(vi('opening.cannotOpen', { usable: 1, t: 2 })).toContain('Không thể mở niêm phong');
		} finally {
			await db
				.updateTable('staff_user')
				.set({ disabled_at: null })
				.where('username', 'in', ['kiemphieu2', 'kiemphieu3'])
				.execute();
		}
		expect(await view('kiemphieu1')).toMatchObject({ stage: 'ready', usable: 3, canSupply: true });
		expect(await view('organiser')).toMatchObject({ stage: 'ready', isMember: false, canSupply: false });
	});

	it('the supply action refuses a wrong passphrase without echoing anything back, then takes a file', async () => {
		const mine = share('kiemphieu1');
		const file = new File(
			[
				JSON.stringify(
					shareFile(
						{ campaignId, slot: 1, threshold: 2, size: 3 },
						{ campaignSlug: SLUG, campaignTitle: 'x', holder: 'kiemphieu1', fingerprint: 'x' },
						mine.code
					)
				)
			],
			'share.json'
		);
		const wrong = await supply('kiemphieu1', { file, passphrase: 'sai-mat-khau-roi' });
		expect(isActionFailure(wrong)).toBe(true);
		expect(wrong).toMatchObject({
			status: 400,
			data: { action: 'supply', errors: { form: { key: 'shareFile.error.passphrase' } } }
		});
		const echoed = JSON.stringify(wrong);
		for (const secret of ['sai-mat-khau-roi', mine.code, mine.code.split(' ')[3]]) expect(echoed).not.toContain(secret);
		// A manager who is not a member is refused by the service (and audited), not by the page.
		expect(await supply('admin', { code: mine.code, passphrase: mine.passphrase })).toMatchObject({
			status: 400,
			data: { errors: { form: { key: 'opening.error.notMember' } } }
		});

		const ok = await supply('kiemphieu1', { file, code: '', passphrase: mine.passphrase });
		expect(ok).toEqual({ action: 'supply', saved: { key: 'opening.supplied' } });
		expect(await view('kiemphieu1')).toMatchObject({
			stage: 'ready',
			mineHeld: true,
			canSupply: false,
			poll: true,
			snapshot: { held: 1, phase: 'idle' }
		});
		expect((await view('kiemphieu2')).members.map((m) => m.held)).toEqual([true, false, false]);

		const res = await openingStatusJson(staffEvent('kiemphieu3', '/status.json') as never);
		expect(res.headers.get('cache-control')).toBe('no-store');
		const body = await res.json();
		expect(Object.keys(body).sort()).toEqual(['counted', 'done', 'held', 'phase', 'threshold', 'total']);
		expect(body).toEqual({ phase: 'idle', done: 0, total: 0, held: 1, threshold: 2, counted: false });
	});

	it('the second share (a typed code) opens the round; the page shows the counts and who may read results', async () => {
		const theirs = share('kiemphieu3');
		expect(await supply('kiemphieu3', { code: theirs.code.toLowerCase(), passphrase: theirs.passphrase })).toEqual({
			action: 'supply',
			saved: { key: 'opening.started' }
		});
		expect(await waitForOpening(campaignId)).toMatchObject({ phase: 'done' });
		const member = await view('kiemphieu3');
		expect(member).toMatchObject({
			stage: 'counted',
			canSupply: false,
			poll: false,
			snapshot: { phase: 'done', done: 3, total: 3, counted: true },
			job: { sheets: 3, invalid: 0, status: 'finished' }
		});
		// Committee members (auditors here) open the round but do not read its answers; admins do.
		expect(member.resultsVisible).toBe(false);
		expect((await view('admin')).resultsVisible).toBe(true);
		const res = await openingStatusJson(staffEvent('kiemphieu1', '/status.json') as never);
		expect(await res.json()).toEqual({ phase: 'done', done: 3, total: 3, held: 0, threshold: 2, counted: true });
		expect(
			await supply('kiemphieu2', { code: share('kiemphieu2').code, passphrase: share('kiemphieu2').passphrase })
		).toMatchObject({ status: 400, data: { errors: { form: { key: 'opening.error.alreadyCounted' } } } });
	});

	it('the public page lists the counted receipts sorted, 500 a page, and as a text file; the check says "đã được kiểm"', async () => {
		const pub = await publicLoad(publicEvent() as never);
		expect(pub).toMatchObject({
			counted: { sheets: 3, invalid: 0 },
			receipts: { after: '', list: [...receipts].sort(), next: null }
		});
		expect(await check(receipts[1].toLowerCase())).toBe('counted');
		expect(await check('AAAAA-AAAAA')).toBe('unknown');
		expect(await check('not a receipt')).toBe('malformed');
		expect(vi('public.receipt.counted')).toContain('đã được kiểm');

		// Enough receipts for three pages (the list is public: synthetic rows stand in for 1,200 sheets).
		const alphabet = BASE32_ALPHABET;
		const extra = Array.from(
			{ length: 1200 },
			(_, i) => `Z${alphabet[i % 32]}${alphabet[(i >> 5) % 32]}${alphabet[(i >> 10) % 32]}Z-ZZZZZ`
		);
		for (let i = 0; i < extra.length; i += 200)
			await db
				.insertInto('counted_receipt')
				.values(extra.slice(i, i + 200).map((receipt) => ({ campaign_id: campaignId, receipt })))
				.execute();
		const all = [...receipts, ...extra].sort();
		const seen: string[] = [];
		let query = '';
		for (let page = 0; page < 5; page++) {
			const data = (await publicLoad(publicEvent(query) as never)) as {
				receipts: { list: string[]; next: string | null };
			};
			seen.push(...data.receipts.list);
			expect(data.receipts.list.length).toBe(Math.min(500, all.length - page * 500));
			if (!data.receipts.next) break;
			query = `?after=${encodeURIComponent(data.receipts.next)}`;
		}
		expect(seen).toEqual(all);

		const txt = await receiptsTxt(publicEvent('/receipts.txt') as never);
		expect(txt.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		expect(await txt.text()).toBe(all.map((r) => `${r}\n`).join(''));
	});
});
