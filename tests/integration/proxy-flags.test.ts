// Proxy-completion flags from a real respondent flow: the service reads the participation side of a
// seeded campaign and points at the very audit events behind each flag.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseVietnamDate } from '$lib/format';
import { listAuditEvents } from '$lib/server/audit';
import type { Staff } from '$lib/server/campaigns/campaigns';
import type { AppKey } from '$lib/server/crypto/keyring';
import { canViewProxyFlags, listProxyFlags, type FlagView } from '$lib/server/monitoring/proxy-flags';
import { attest } from '$lib/server/respondent/attest';
import type { IssuedLink } from '$lib/server/outreach/invitations';
import type { TestDb } from './support';
import { META } from './support';
import { removeTemplate, seededCopy, submitAnswers, verifiedRespondent } from './respondent-support';

let t: TestDb;
let key: AppKey;
let links: IssuedLink[];
let campaignId: number;

beforeEach(async () => {
	({ t, key, links, campaignId } = await seededCopy());
});
afterEach(() => t.close());
afterAll(removeTemplate);

const invitationOf = async (personId: number) =>
	(
		await t.db
			.selectFrom('invitation')
			.select('id')
			.where('person_id', '=', personId)
			.where('status', '=', 'active')
			.executeTakeFirstOrThrow()
	).id;

/** Seqs of one device's respondent events, read straight from the log. */
async function deviceEvents(device: string, actions: string[]) {
	const rows = await t.db
		.selectFrom('audit_event')
		.select(['seq', 'action', 'payload'])
		.where('actor_type', '=', 'invitation')
		.where('action', 'in', actions)
		.orderBy('seq')
		.execute();
	return rows.filter((r) => JSON.parse(r.payload).device === device);
}

/** Follows an evidence link the way the audit page reads its query string. */
async function auditRowsFor(href: string) {
	const url = new URL(href, 'http://localhost');
	expect(url.pathname).toBe('/audit');
	const q = url.searchParams;
	const from = parseVietnamDate(q.get('from')!);
	const to = parseVietnamDate(q.get('to')!);
	expect(from).not.toBeNull();
	const { rows } = await listAuditEvents(
		t.db,
		{ actor: q.get('actor')!, action: q.get('action')!, from: from!, to: to! + 86_400 },
		1,
		50
	);
	return rows;
}

const ofKind = (flags: FlagView[], kind: FlagView['kind']) => flags.filter((f) => f.kind === kind);

describe('proxy-completion flags', () => {
	it('raises nothing on the clean demo campaign', async () => {
		const { ctx } = await verifiedRespondent(t.db, key, links[0].token, 'device-own');
		await submitAnswers(t.db, key, ctx);
		expect(await listProxyFlags(t.db, campaignId)).toEqual([]);
	});

	it('flags one device verifying two people’s links, with both invitations and the real events', async () => {
		const first = await verifiedRespondent(t.db, key, links[0].token, 'device-shared');
		await verifiedRespondent(t.db, key, links[1].token, 'device-shared');
		await submitAnswers(t.db, key, first.ctx);

		const flags = await listProxyFlags(t.db, campaignId);
		const shared = ofKind(flags, 'sharedDevice');
		expect(shared).toHaveLength(1);
		expect(flags[0].kind).toBe('sharedDevice');
		const invitations = [await invitationOf(links[0].personId), await invitationOf(links[1].personId)].sort(
			(a, b) => a - b
		);
		expect(shared[0]).toMatchObject({
			severity: 'strong',
			invitationIds: invitations,
			params: { device: 'device-shared', people: 2 }
		});
		expect(shared[0].people.map((p) => [p.name, p.unit]).sort()).toEqual(
			[
				[links[0].fullName, links[0].unitName],
				[links[1].fullName, links[1].unitName]
			].sort()
		);

		const logged = await deviceEvents('device-shared', ['code.verified', 'credential.issued']);
		expect(logged.map((r) => r.action).sort()).toEqual(['code.verified', 'code.verified', 'credential.issued']);
		expect(shared[0].evidence.map((e) => e.seq)).toEqual(logged.map((r) => r.seq));

		// Each evidence link, read with the audit page's own filters, shows that very event.
		for (const ev of shared[0].evidence) {
			const rows = await auditRowsFor(ev.href);
			expect(rows.map((r) => r.seq)).toContain(ev.seq);
			expect(rows.every((r) => r.action === ev.action)).toBe(true);
		}
	});

	it('shows a declared assisted completion as information, with helper and reason', async () => {
		const { ctx } = await verifiedRespondent(t.db, key, links[2].token, 'device-help');
		const declared = await attest(
			t.db,
			ctx,
			{ mode: 'assisted', helper: 'Trần Thị Bích', reason: 'Khiếm thị, cần người đọc giúp', confirm: '1' },
			META
		);
		expect(declared.ok).toBe(true);

		const flags = await listProxyFlags(t.db, campaignId);
		expect(flags.map((f) => f.kind)).toEqual(['assisted']);
		expect(flags[0]).toMatchObject({
			severity: 'info',
			invitationIds: [await invitationOf(links[2].personId)],
			params: { helper: 'Trần Thị Bích', reason: 'Khiếm thị, cần người đọc giúp' },
			people: [{ name: links[2].fullName, unit: links[2].unitName }]
		});
		const logged = await deviceEvents('device-help', ['respondent.assisted']);
		expect(flags[0].evidence.map((e) => [e.seq, e.action])).toEqual(logged.map((r) => [r.seq, 'respondent.assisted']));
	});

	it('flags a contact shared in the roster and masks it on the way out', async () => {
		const owner = await t.db
			.selectFrom('person')
			.select(['id', 'email'])
			.where('id', '=', links[3].personId)
			.executeTakeFirstOrThrow();
		await t.db
			.updateTable('person')
			.set({ email: owner.email!.toUpperCase() })
			.where('id', '=', links[4].personId)
			.execute();
		// The code for the second person goes to the shared mailbox: that send is the evidence.
		await verifiedRespondent(t.db, key, links[4].token, 'device-five');

		const [flag] = ofKind(await listProxyFlags(t.db, campaignId), 'sharedContact');
		expect(flag.people.map((p) => p.name).sort()).toEqual([links[3].fullName, links[4].fullName].sort());
		expect(flag.params.channel).toBe('email');
		expect(String(flag.params.contact)).not.toContain(owner.email!.split('@')[0]);
		expect(flag.evidence.map((e) => e.action)).toEqual(['code.sent']);
	});

	it('applies the IP-burst threshold passed in', async () => {
		for (const [i, link] of links.slice(0, 3).entries()) await verifiedRespondent(t.db, key, link.token, `device-${i}`);
		expect(ofKind(await listProxyFlags(t.db, campaignId), 'ipBurst')).toEqual([]);
		const [burst] = ofKind(await listProxyFlags(t.db, campaignId, { ipBurstCount: 3, ipBurstMinutes: 10 }), 'ipBurst');
		expect(burst).toMatchObject({ severity: 'weak', params: { ip: META.ip, people: 3 } });
		expect(burst.evidence.map((e) => e.action)).toEqual(['code.verified', 'code.verified', 'code.verified']);
	});

	it('lets admins, auditors and in-scope organisers see flags, but not analysts or organisers of another unit', async () => {
		const campaign = await t.db
			.selectFrom('campaign')
			.select('scope_unit_id')
			.where('id', '=', campaignId)
			.executeTakeFirstOrThrow();
		const unit = await t.db.selectFrom('unit').select('id').where('code', '=', '51.SYT').executeTakeFirstOrThrow();
		const staff = (role: Staff['role'], unitId: number | null = null): Staff => ({
			id: 1,
			username: role,
			role,
			unitId
		});
		expect(await canViewProxyFlags(t.db, staff('admin'), campaign)).toBe(true);
		expect(await canViewProxyFlags(t.db, staff('auditor'), campaign)).toBe(true);
		expect(await canViewProxyFlags(t.db, staff('organiser'), campaign)).toBe(true);
		expect(await canViewProxyFlags(t.db, staff('organiser', unit.id), campaign)).toBe(false);
		expect(await canViewProxyFlags(t.db, staff('analyst'), campaign)).toBe(false);
	});

	it('reads the participation side only', () => {
		const server = readFileSync('src/lib/server/monitoring/proxy-flags.ts', 'utf8');
		const domain = readFileSync('src/lib/domain/proxy-flags.ts', 'utf8');
		expect(server).toMatch(/selectFrom\('invitation'\)/);
		const ballot =
			/'(sealed_sheet|opened_sheet|opened_tally|counted_cell|counted_receipt|opening_job|sealing_key|answer_sheet|answer_chunk|ballot_tally|ballot_cell_count)'|server\/ballot|server\/sealing|\/opening'/;
		for (const source of [server, domain]) expect(source).not.toMatch(ballot);
		// The pattern is not blind: the ballot side's own count names its tables so.
		expect(readFileSync('src/lib/server/ballot/count.ts', 'utf8')).toMatch(ballot);
	});
});
