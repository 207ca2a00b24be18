// Printed letters: who gets one, and that each letter's link is the person's only live link.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lettersCandidates, printLetters } from '$lib/server/outreach/letters';
import { openLink } from '$lib/server/respondent/links';
import { demoOutbox } from '$lib/server/outreach/outbox';
import type { AppKey } from '$lib/server/crypto/keyring';
import type { IssuedLink } from '$lib/server/outreach/invitations';
import { META, type TestDb } from './support';
import { removeTemplate, seededCopy, submitAnswers, verifiedRespondent } from './respondent-support';

let t: TestDb;
let key: AppKey;
let links: IssuedLink[];
const staff = { id: 2, username: 'organiser', role: 'organiser' as const, unitId: null };
const options = { sender: demoOutbox({ quiet: true }), origin: 'https://khaosat.example.vn', demo: false };

beforeEach(async () => ({ t, key, links } = await seededCopy()));
afterEach(() => t.close());
afterAll(removeTemplate);

async function unitOf(personId: number) {
	return t.db
		.selectFrom('person')
		.select(['unit_id', 'campaign_id'])
		.where('id', '=', personId)
		.executeTakeFirstOrThrow();
}

describe('printed letters', () => {
	it('are for the unit subtree’s people without a credential; each letter carries the only live link', async () => {
		const { ctx } = await verifiedRespondent(t.db, key, links[0].token);
		await submitAnswers(t.db, key, ctx);
		const { unit_id, campaign_id } = await unitOf(links[0].personId);
		const sameUnit = await t.db
			.selectFrom('person')
			.select('id')
			.where('unit_id', '=', unit_id)
			.where('campaign_id', '=', campaign_id)
			.execute();
		const candidates = await lettersCandidates(t.db, campaign_id, unit_id);
		expect(candidates.sort()).toEqual(
			sameUnit
				.map((p) => p.id)
				.filter((id) => id !== links[0].personId)
				.sort()
		);
		// The province root holds every unit: everyone but the one who submitted.
		const root = await t.db.selectFrom('unit').select('id').where('code', '=', '51').executeTakeFirstOrThrow();
		expect((await lettersCandidates(t.db, campaign_id, root.id)).length).toBe(links.length - 1);

		const printed = await printLetters(
			t.db,
			{ id: campaign_id, state: 'open', title: 'ĐTXH 2026' },
			candidates,
			staff,
			META,
			options
		);
		if (!printed.ok) throw new Error(printed.error.key);
		expect(printed.letters).toHaveLength(candidates.length);
		const letter = printed.letters[0];
		expect(letter.url).toMatch(/^https:\/\/khaosat\.example\.vn\/s\/[a-z2-7]{32}$/);
		expect(letter.qr).toMatch(/^data:image\/svg\+xml;base64,/);
		expect(Buffer.from(letter.qr.split(',')[1], 'base64').toString()).toContain('<svg');
		expect(letter.attestation).toMatch(/không giao phiếu cho người khác trả lời thay/);
		// The new link opens, and so does the one sent before (a letter adds a link, issue 15 item 2).
		expect((await openLink(t.db, letter.url.split('/s/')[1], 'device-l', META)).ok).toBe(true);
		const before = links.find((l) => candidates.includes(l.personId) && l.fullName === letter.name)!;
		expect((await openLink(t.db, before.token, 'device-l', META)).ok).toBe(true);
		const channels = await t.db
			.selectFrom('invitation_link as l')
			.innerJoin('invitation as i', 'i.id', 'l.invitation_id')
			.select('l.channel')
			.where('i.person_id', '=', before.personId)
			.orderBy('l.id')
			.execute();
		expect(channels.map((c) => c.channel).slice(-1)).toEqual(['letter']);
	});

	it('refuses an empty selection with a clear key and issues nothing', async () => {
		const count = () =>
			t.db
				.selectFrom('invitation')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow();
		const before = await count();
		const { campaign_id } = await unitOf(links[0].personId);
		expect(await printLetters(t.db, { id: campaign_id, state: 'open', title: 'x' }, [], staff, META, options)).toEqual({
			ok: false,
			error: { key: 'letters.error.nobody' }
		});
		expect(await count()).toEqual(before);
	});
});
