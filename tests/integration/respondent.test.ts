// The respondent protocol end to end on the server side: link → code → attest → credential → cast
// → receipt → revision, and the refusals around it.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toBase64url } from '$lib/respondent/blind-client';
import { castBallot, keyHashOf, openBallot } from '$lib/server/ballot/cast';
import { receiptRecorded } from '$lib/server/ballot/public';
import { sealSheet } from '$lib/respondent/seal-client';
import type { SheetAnswers } from '$lib/domain/ballot';
import { loadPublicCampaign } from '$lib/server/ballot/public';
import type { IssuedLink } from '$lib/server/outreach/invitations';
import type { AppKey } from '$lib/server/crypto/keyring';
import { issueCredential } from '$lib/server/respondent/credential';
import { sha256Hex } from '$lib/server/respondent/cookies';
import { issueInvitations } from '$lib/server/outreach/invitations';
import { openLink } from '$lib/server/respondent/links';
import { sendCode } from '$lib/server/respondent/otp';
import { senderFor } from '$lib/server/outreach/outbox';
import { validateRespondentSession } from '$lib/server/respondent/sessions';
import { translator } from '$lib/i18n';
import { readDeliveryConfig } from '$lib/server/config';
import { META, type TestDb } from './support';
import {
	SLUG,
	blindFor,
	fullAnswers,
	removeTemplate,
	seededCopy,
	submitAnswers,
	verifiedRespondent
} from './respondent-support';
import { closeAndOpen } from './results-support';
import type { DemoShare } from '$lib/server/seed/demo-committee';

let t: TestDb;
let key: AppKey;
let links: IssuedLink[];
let shares: DemoShare[];

beforeEach(async () => {
	({ t, key, links, shares } = await seededCopy());
});
afterEach(() => t.close());
afterAll(removeTemplate);

// The server's own sender with an empty environment: no SMTP, no gateway, not the demo.
const noChannels = () => senderFor({ demo: false, appKey: key }, readDeliveryConfig({}));

describe('outside demo mode', () => {
	it('sends no code without a delivery channel and writes no code or link anywhere', async () => {
		const opened = await openLink(t.db, links[2].token, 'device-x', META);
		if (!opened.ok) throw new Error(opened.error.key);
		const ctx = (await validateRespondentSession(t.db, opened.token))!;
		const outboxBefore = await t.db
			.selectFrom('demo_outbox')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		const result = await sendCode(t.db, { appKey: key, sender: noChannels() }, ctx, META);
		expect(result).toEqual({ ok: false, error: { key: 'respondent.error.noChannel', params: undefined } });
		expect(translator('vi')('respondent.error.noChannel')).toMatch(/chưa được cấu hình/);
		expect(await t.db.selectFrom('otp_code').selectAll().execute()).toEqual([]);
		const staff = { id: 2, username: 'organiser', role: 'organiser' as const, unitId: null };
		const reissued = await issueInvitations(
			t.db,
			{ id: ctx.campaign.id, state: 'open', title: 't' },
			[links[3].personId],
			staff,
			META,
			{ sender: noChannels(), origin: 'https://example.org', demo: false }
		);
		expect(reissued.ok).toBe(true);
		// Asked to deliver with no channel configured: refused before anything is written.
		const delivered = await issueInvitations(
			t.db,
			{ id: ctx.campaign.id, state: 'open', title: 't' },
			[links[4].personId],
			staff,
			META,
			{ sender: noChannels(), origin: 'https://example.org', demo: false, deliver: true }
		);
		expect(delivered).toEqual({ ok: false, error: { key: 'delivery.error.noChannel' } });
		expect(await t.db.selectFrom('delivery').select('id').where('channel', '!=', 'demo').execute()).toEqual([]);
		const outboxAfter = await t.db
			.selectFrom('demo_outbox')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(outboxAfter.n).toBe(outboxBefore.n);
		// Only the hash of the new token is stored.
		if (reissued.ok) {
			const token = reissued.links[0].token;
			const rows = await t.db.selectFrom('invitation_link').select('token_hash').execute();
			expect(rows.some((r) => r.token_hash === token || r.token_hash.includes(token))).toBe(false);
			expect(rows.some((r) => r.token_hash === sha256Hex(token))).toBe(true);
		}
	});
});

/** Neither the JSON of the sheet nor any of its question keys appears in the stored bytes. */
function expectUnreadable(sealed: Uint8Array, sheet: SheetAnswers) {
	const text = Buffer.from(sealed).toString('latin1');
	expect(text).not.toContain(JSON.stringify(sheet));
	expect(text).not.toContain('"answers"');
	const keys = Object.keys(sheet.answers);
	expect(keys.length).toBeGreaterThan(10);
	for (const k of keys) expect(text).not.toContain(k);
}

/** Everything the ballot side holds for the campaign after an opening: counted cells, opened sheets, tallies. */
async function ballotResults(campaignId: number) {
	const cells = await t.db
		.selectFrom('counted_cell')
		.select(['id', 'sheets'])
		.where('campaign_id', '=', campaignId)
		.execute();
	const sheets = await t.db.selectFrom('opened_sheet').select('body').where('campaign_id', '=', campaignId).execute();
	const tallies = cells.length
		? await t.db
				.selectFrom('opened_tally')
				.select(['option_id', 'count'])
				.where(
					'cell_id',
					'in',
					cells.map((c) => c.id)
				)
				.execute()
		: [];
	return { cells, sheets: sheets.map((r) => r.body), tallies };
}

describe('respondent protocol', () => {
	it('takes a respondent from the link to a sealed, revisable answer sheet, counted at the opening', async () => {
		const { ctx } = await verifiedRespondent(t.db, key, links[0].token);
		const done = await submitAnswers(t.db, key, ctx, 0);
		expect(done.receipt).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
		const campaignId = ctx.campaign.id;
		expect(await receiptRecorded(t.db, campaignId, done.receipt)).toBe(true);

		const pub = await loadPublicCampaign(t.db, SLUG);
		expect(pub!.counts).toMatchObject({ credentials: 1, sheets: 1 });
		// Stored sealed: the row holds the ciphertext, never the answers, and no tally exists yet.
		const sealedRow = async () =>
			t.db
				.selectFrom('sealed_sheet')
				.selectAll()
				.where('key_hash', '=', keyHashOf(done.message))
				.executeTakeFirstOrThrow();
		const first = await sealedRow();
		expect(first).toMatchObject({ campaign_id: campaignId, cell_id: done.form.cellId, receipt: done.receipt });
		expectUnreadable(first.sealed, done.sheet);
		expect(await ballotResults(campaignId)).toEqual({ cells: [], sheets: [], tallies: [] });

		// Revision with m alone: the sealed sheet is replaced, the sheet count stays 1.
		const revised = fullAnswers(
			done.form.questionnaire,
			done.form.ratedUnits.map((u) => u.id),
			1
		);
		const opened = await openBallot(t.db, SLUG, { message: toBase64url(done.message) });
		if (!opened.ok) throw new Error(JSON.stringify(opened.error));
		expect(opened).toMatchObject({
			receipt: done.receipt,
			cell: done.form.cellId,
			campaignId,
			sealingKey: done.form.sealingKey
		});
		// The revision form never shows the answers cast so far, to whoever holds the code.
		expect(JSON.stringify(opened)).not.toContain('"answers"');
		const sealed = await sealSheet(opened.sealingKey, opened.campaignId, opened.cell, revised);
		const again = await castBallot(t.db, SLUG, { message: toBase64url(done.message), sealed });
		expect(again).toMatchObject({ ok: true, revised: true, receipt: done.receipt });
		const second = await sealedRow();
		expect(Buffer.from(second.sealed).toString('base64url')).toBe(sealed);
		expectUnreadable(second.sealed, revised);
		expect(
			await t.db.selectFrom('sealed_sheet').select('key_hash').where('campaign_id', '=', campaignId).execute()
		).toHaveLength(1);
		expect((await loadPublicCampaign(t.db, SLUG))!.counts.sheets).toBe(1);
		expect(await ballotResults(campaignId)).toEqual({ cells: [], sheets: [], tallies: [] });

		// Closed and opened: the one sheet counted is the revision, and the receipt is still recorded.
		expect(await closeAndOpen(t, shares)).toMatchObject({ status: 'finished', sheets: 1, invalid: 0 });
		const counted = await ballotResults(campaignId);
		expect(counted.sheets.map((b) => JSON.parse(b))).toEqual([revised]);
		expect(counted.cells.map((c) => c.sheets)).toEqual([1]);
		expect(counted.tallies.length).toBeGreaterThan(0);
		expect(counted.tallies.every((r) => r.option_id === 'B' && r.count === 1)).toBe(true);
		expect(await t.db.selectFrom('sealed_sheet').select('key_hash').execute()).toEqual([]);
		expect(await receiptRecorded(t.db, campaignId, done.receipt)).toBe(true);
		expect((await loadPublicCampaign(t.db, SLUG))!.counts.sheets).toBe(1);
	});

	it('refuses a second credential for the same invitation but repeats the first for the same request', async () => {
		const { ctx } = await verifiedRespondent(t.db, key, links[1].token);
		const first = await blindFor(t.db, ctx.person.cellId!);
		const a = await issueCredential(t.db, key, ctx, first.blinded, META);
		expect(a.ok).toBe(true);
		const repeat = await issueCredential(t.db, key, ctx, first.blinded, META);
		expect(repeat.ok && a.ok && repeat.blindSignature === a.blindSignature).toBe(true);
		const second = await blindFor(t.db, ctx.person.cellId!);
		const b = await issueCredential(t.db, key, ctx, second.blinded, META);
		expect(b).toEqual({ ok: false, error: { status: 409, key: 'respondent.error.alreadyIssued' } });
		const actions = await t.db
			.selectFrom('audit_event')
			.select('action')
			.where('action', 'like', 'credential.%')
			.orderBy('seq')
			.execute();
		expect(actions.map((r) => r.action)).toEqual(['credential.issued', 'credential.repeated', 'credential.refused']);
	});
});
