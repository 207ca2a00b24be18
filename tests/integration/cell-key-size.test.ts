// Issue 14 item 8: new campaigns get RSA-3072 cell keys, and a campaign opened with RSA-2048 keys
// keeps working: the stored key decides the size, through the server's credential and cast services.
import { createPublicKey } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cellKeyContext, generateCellKeyPair } from '$lib/server/crypto/cell-keys';
import type { AppKey } from '$lib/server/crypto/keyring';
import type { IssuedLink } from '$lib/server/outreach/invitations';
import type { TestDb } from './support';
import { removeTemplate, seededCopy, submitAnswers, verifiedRespondent } from './respondent-support';

let t: TestDb;
let key: AppKey;
let links: IssuedLink[];

beforeEach(async () => {
	({ t, key, links } = await seededCopy());
});
afterEach(() => t.close());
afterAll(removeTemplate);

const bitsOf = (spki: string) =>
	createPublicKey({ key: Buffer.from(spki, 'base64url'), format: 'der', type: 'spki' }).asymmetricKeyDetails
		?.modulusLength;

describe('cell key size', () => {
	it('opens a new campaign with RSA-3072 keys and a 3072-bit credential is cast', async () => {
		const cells = await t.db.selectFrom('reporting_cell').select('public_key').execute();
		expect(cells.length).toBeGreaterThan(0);
		expect(new Set(cells.map((c) => bitsOf(c.public_key)))).toEqual(new Set([3072]));
		const { ctx } = await verifiedRespondent(t.db, key, links[0].token);
		const done = await submitAnswers(t.db, key, ctx);
		expect(done.signature.length).toBe(384);
		expect(done.receipt).toBeTruthy();
	});

	it('keeps a campaign opened with RSA-2048 keys issuing and accepting credentials', async () => {
		const { ctx } = await verifiedRespondent(t.db, key, links[0].token);
		const cell = await t.db
			.selectFrom('reporting_cell')
			.select(['id', 'campaign_id', 'group_id', 'unit_id'])
			.where('id', '=', ctx.person.cellId!)
			.executeTakeFirstOrThrow();
		// What a cell opened before the change holds: a 2048-bit pair sealed under the same context.
		const old = await generateCellKeyPair(key, cellKeyContext(cell.campaign_id, cell.group_id, cell.unit_id), 2048);
		await t.db
			.updateTable('reporting_cell')
			.set({ public_key: old.publicKey, private_key_enc: old.privateKeyEnc, fingerprint: old.fingerprint })
			.where('id', '=', cell.id)
			.execute();
		const done = await submitAnswers(t.db, key, ctx);
		expect(done.form.publicKey).toBe(old.publicKey);
		expect(bitsOf(done.form.publicKey)).toBe(2048);
		expect(done.signature.length).toBe(256);
		const sheet = await t.db
			.selectFrom('sealed_sheet')
			.select(['cell_id', 'receipt'])
			.where('receipt', '=', done.receipt)
			.executeTakeFirst();
		expect(sheet).toEqual({ cell_id: cell.id, receipt: done.receipt });
	});
});
