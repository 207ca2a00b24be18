// The counting committee (Tổ kiểm phiếu) and the key ceremony's record, against a real SQLite file:
// naming members and threshold, every refusal by its exact key with the database untouched, and the
// ceremony run in Node through the same steps as the browser page.
import { DhkemX25519HkdfSha256 } from '@hpke/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '$lib/i18n';
import { toBase64url } from '$lib/sealing/bytes';
import { forgetShares, startCeremony, type CeremonyRecord } from '$lib/sealing/ceremony';
import { verifyAuditChain } from '$lib/server/audit';
import { createCampaign, saveGroup, type Staff } from '$lib/server/campaigns/campaigns';
import { checkCampaignCanOpen, openCampaign } from '$lib/server/campaigns/open';
import { ensureDefaultDocuments } from '$lib/server/templates/documents';
import { upsertPeople } from '$lib/server/roster/people';
import { listCommitteeRoundsOf, loadCommittee, recordCeremony, saveCommittee } from '$lib/server/sealing/committee';
import type { Message, MessageKey } from '$lib/domain/message';
import { createStaffUser, setStaffDisabled } from '$lib/server/admin/staff-users';
import { insertUnits } from '$lib/server/units/units';
import { freshDb, makeUser, META, SYSTEM, testKey, type TestDb } from './support';

const UNITS = [
	{ code: '51', parentCode: null, name: 'Quảng Ngãi', fullName: 'Tỉnh Quảng Ngãi', kind: 'tỉnh', nameEn: null },
	{ code: 'SNV', parentCode: '51', name: 'Sở Nội vụ', fullName: 'Sở Nội vụ', kind: 'sở', nameEn: null },
	{ code: 'STP', parentCode: '51', name: 'Sở Tư pháp', fullName: 'Sở Tư pháp', kind: 'sở', nameEn: null },
	{ code: '21025', parentCode: '51', name: 'Cẩm Thành', fullName: 'Phường Cẩm Thành', kind: 'phường', nameEn: null }
];
/** Members of any role: membership is per campaign, not a role. */
const MEMBERS = [
	['kp1', 'analyst'],
	['kp2', 'auditor'],
	['kp3', 'organiser'],
	['kp4', 'admin'],
	['kp5', 'analyst']
] as const;
const USERNAMES = MEMBERS.map(([u]) => u);
const vi = translator('vi');
const en = translator('en');

describe('counting committee and key ceremony', () => {
	let t: TestDb;
	let organiser: Staff;
	let campaignId: number;
	const ids = new Map<string, number>();

	beforeEach(async () => {
		t = await freshDb();
		await insertUnits(t.db, UNITS);
		const unitIds = new Map(
			(await t.db.selectFrom('unit').select(['id', 'code']).execute()).map((u) => [u.code, u.id])
		);
		organiser = { ...(await makeUser(t, 'org', 'organiser')), role: 'organiser', unitId: null };
		for (const [username, role] of MEMBERS) ids.set(username, (await makeUser(t, username, role)).id);
		// An organiser scoped to one department: the campaign (province-wide) is outside that scope.
		const scoped = await createStaffUser(
			t.db,
			{
				username: 'org-snv',
				displayName: 'Cán bộ Sở Nội vụ',
				role: 'organiser',
				unitCode: 'SNV',
				password: 'một mật khẩu đủ dài'
			},
			SYSTEM,
			META
		);
		if (!scoped.ok) throw new Error('scoped organiser');
		ids.set('org-snv', scoped.id);
		const docs = await ensureDefaultDocuments(t.db, SYSTEM, META);
		const created = await createCampaign(
			t.db,
			{
				title: 'ĐTXH 2026',
				slug: 'dtxh-2026',
				year: 2026,
				kThreshold: 5,
				opensOn: null,
				closesOn: null,
				scopeUnitCode: null,
				frameworkVersionId: docs.frameworkVersionId
			},
			organiser,
			META
		);
		if (!created.ok) throw new Error('campaign');
		campaignId = created.id;
		// A group the open guard is otherwise happy with, so the sealing key is the only thing missing.
		const g = await saveGroup(
			t.db,
			campaignId,
			{
				code: 'LDX',
				name: 'Lãnh đạo UBND cấp xã',
				questionnaireVersionId: docs.questionnaireVersionId,
				ratedUnitCodes: ['SNV', 'STP']
			},
			organiser,
			META
		);
		if (!g.ok) throw new Error('group');
		await t.db.transaction().execute((trx) =>
			upsertPeople(
				trx,
				campaignId,
				Array.from({ length: 7 }, (_, i) => ({
					personalCode: `p${i}`,
					fullName: `Người ${i}`,
					unitId: unitIds.get('21025')!,
					groupId: g.id,
					position: null,
					email: `p${i}@example.vn`,
					phone: null
				})),
				1
			)
		);
	});
	afterEach(() => t.close());

	const staffNamed = (username: string, role: Staff['role'], unitId: number | null = null): Staff => ({
		id: ids.get(username)!,
		username,
		role,
		unitId
	});

	async function snapshot() {
		return {
			members: await t.db.selectFrom('committee_member').selectAll().orderBy('campaign_id').orderBy('slot').execute(),
			campaigns: await t.db.selectFrom('campaign').selectAll().orderBy('id').execute(),
			keys: await t.db.selectFrom('sealing_key').selectAll().execute(),
			audit: await t.db.selectFrom('audit_event').selectAll().orderBy('seq').execute()
		};
	}

	/** Runs fn and asserts the committee, campaign, key and audit rows did not move. */
	async function unchanged<R>(fn: () => Promise<R>): Promise<R> {
		const before = await snapshot();
		const result = await fn();
		expect(await snapshot()).toEqual(before);
		return result;
	}

	/** A refusal with exactly this key (and params), whose text exists in both languages. */
	function refused(
		result: { ok: true } | { ok: false; error: Message },
		key: MessageKey,
		params?: Record<string, string | number>
	) {
		expect(result).toEqual({ ok: false, error: params ? { key, params } : { key } });
		expect(vi(key, params)).not.toBe(key);
		expect(en(key, params)).not.toBe(key);
		if (params) expect(vi(key, params)).not.toMatch(/\{\w+\}/);
	}

	const save = (usernames: string[], threshold: number, staff: Staff = organiser, demo = false) =>
		saveCommittee(t.db, campaignId, { usernames, threshold }, staff, META, { demo });

	async function ceremonyFor(
		size: number,
		threshold: number
	): Promise<{ record: CeremonyRecord; shareTexts: string[] }> {
		const ceremony = await startCeremony(new DhkemX25519HkdfSha256(), campaignId, { size, threshold });
		const shareTexts = ceremony.shares.flatMap((s) => [
			toBase64url(s),
			Buffer.from(s).toString('hex'),
			Buffer.from(s).toString('base64')
		]);
		forgetShares(ceremony);
		return { record: ceremony.record, shareTexts };
	}

	const lastEvent = async () =>
		t.db.selectFrom('audit_event').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();

	it('names members of any role in slot order with their threshold, audited; saving again replaces them', async () => {
		const order = ['kp3', 'kp1', 'kp5', 'kp2', 'kp4'];
		expect(await save(order, 3)).toEqual({ ok: true });
		const rows = await t.db
			.selectFrom('committee_member')
			.select(['staff_user_id', 'slot', 'share_check'])
			.where('campaign_id', '=', campaignId)
			.orderBy('slot')
			.execute();
		expect(rows).toEqual(order.map((u, i) => ({ staff_user_id: ids.get(u), slot: i + 1, share_check: null })));
		expect(
			(
				await t.db
					.selectFrom('campaign')
					.select('committee_threshold')
					.where('id', '=', campaignId)
					.executeTakeFirstOrThrow()
			).committee_threshold
		).toBe(3);
		const event = await lastEvent();
		expect(event.action).toBe('committee.saved');
		expect([event.actor_type, event.actor_id, event.subject_type, event.subject_id]).toEqual([
			'staff',
			String(organiser.id),
			'campaign',
			String(campaignId)
		]);
		expect(JSON.parse(event.payload)).toEqual({ members: order, threshold: 3 });

		const committee = await loadCommittee(t.db, campaignId);
		expect(committee?.threshold).toBe(3);
		expect(committee?.key).toBeNull();
		expect(committee?.members.map((m) => [m.slot, m.username, m.role, m.hasShare])).toEqual([
			[1, 'kp3', 'organiser', false],
			[2, 'kp1', 'analyst', false],
			[3, 'kp5', 'analyst', false],
			[4, 'kp2', 'auditor', false],
			[5, 'kp4', 'admin', false]
		]);

		// An admin may name the committee too; the new list replaces the old one entirely.
		expect(await save(['kp2', 'kp4', 'kp1'], 2, staffNamed('kp4', 'admin'))).toEqual({ ok: true });
		expect((await loadCommittee(t.db, campaignId))?.members.map((m) => [m.slot, m.username])).toEqual([
			[1, 'kp2'],
			[2, 'kp4'],
			[3, 'kp1']
		]);
		expect(JSON.parse((await lastEvent()).payload)).toEqual({ members: ['kp2', 'kp4', 'kp1'], threshold: 2 });
		expect(
			await t.db.selectFrom('audit_event').select('action').where('action', '=', 'committee.saved').execute()
		).toHaveLength(2);
		// Each member's home page lists the round (their only way in when their role has no campaign pages).
		expect(await listCommitteeRoundsOf(t.db, ids.get('kp2')!)).toEqual([
			{ id: campaignId, title: 'ĐTXH 2026', state: 'draft', slot: 1, counted: false }
		]);
		expect(await listCommitteeRoundsOf(t.db, ids.get('kp3')!)).toEqual([]);
	});

	it('refuses every bad committee by its exact key and changes nothing', async () => {
		expect(await save(USERNAMES, 3)).toEqual({ ok: true });
		refused(await unchanged(() => save([], 3)), 'committee.error.noMembers');
		refused(
			await unchanged(() =>
				save(
					Array.from({ length: 16 }, (_, i) => `kp${i + 1}`),
					3
				)
			),
			'committee.error.tooMany'
		);
		refused(await unchanged(() => save(['kp1', 'kp2', 'kp1'], 2)), 'committee.error.duplicate');
		refused(await unchanged(() => save(['kp1', 'kp2', 'kp3'], 4)), 'committee.error.threshold', { size: 3 });
		refused(await unchanged(() => save(['kp1', 'kp2', 'kp3'], 0)), 'committee.error.threshold', { size: 3 });
		refused(await unchanged(() => save(['kp1', 'kp2', 'kp3'], 1)), 'committee.error.threshold', { size: 3 });
		refused(await unchanged(() => save(['kp1', 'kp2', 'kp3'], 2.5)), 'committee.error.threshold', { size: 3 });
		// A threshold that is not a number at all (a mangled form field) still says how many members were chosen.
		refused(await unchanged(() => save(['kp1', 'kp2', 'kp3'], Number('abc'))), 'committee.error.threshold', {
			size: 3
		});
		refused(await unchanged(() => save(['kp1'], 1)), 'committee.error.oneOfOne');
		refused(await unchanged(() => save(['kp1', 'nobody', 'kp2'], 2)), 'committee.error.unknownUser', {
			username: 'nobody'
		});
		refused(
			await unchanged(() => save(['kp1', 'kp2', 'kp3'], 2, staffNamed('kp1', 'analyst'))),
			'committee.error.forbidden'
		);
		refused(
			await unchanged(() => save(['kp1', 'kp2', 'kp3'], 2, staffNamed('kp2', 'auditor'))),
			'committee.error.forbidden'
		);
		const snv = (await t.db.selectFrom('unit').select('id').where('code', '=', 'SNV').executeTakeFirstOrThrow()).id;
		refused(
			await unchanged(() => save(['kp1', 'kp2', 'kp3'], 2, staffNamed('org-snv', 'organiser', snv))),
			'committee.error.forbidden'
		);

		expect(await setStaffDisabled(t.db, ids.get('kp5')!, true, SYSTEM, META)).toEqual({ ok: true });
		refused(await unchanged(() => save(['kp1', 'kp5', 'kp2'], 2)), 'committee.error.disabledUser', { username: 'kp5' });
		// The committee as first saved is still there.
		expect((await loadCommittee(t.db, campaignId))?.members.map((m) => m.username)).toEqual(USERNAMES);
	});

	it('allows 1 of 1 only in demo mode', async () => {
		refused(await unchanged(() => save(['kp1'], 1)), 'committee.error.oneOfOne');
		expect(await save(['kp1'], 1, organiser, true)).toEqual({ ok: true });
		const { record } = await ceremonyFor(1, 1);
		expect(await recordCeremony(t.db, campaignId, record, organiser, META)).toEqual({
			ok: true,
			fingerprint: record.fingerprint
		});
		expect(await t.db.selectFrom('sealing_key').select(['threshold', 'size']).execute()).toEqual([
			{ threshold: 1, size: 1 }
		]);
	});

	it('records a ceremony: public key and check values stored, audited by fingerprint only; no share anywhere', async () => {
		expect(await save(USERNAMES, 3)).toEqual({ ok: true });
		expect(await checkCampaignCanOpen(t.db, campaignId)).toEqual([{ key: 'campaign.guard.noSealingKey' }]);
		const { record, shareTexts } = await ceremonyFor(5, 3);
		expect(record.fingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);

		expect(
			await recordCeremony(t.db, campaignId, JSON.parse(JSON.stringify(record)), organiser, META, 1_800_000_000)
		).toEqual({ ok: true, fingerprint: record.fingerprint });
		expect(await t.db.selectFrom('sealing_key').selectAll().execute()).toEqual([
			{
				campaign_id: campaignId,
				public_key: record.publicKey,
				fingerprint: record.fingerprint,
				threshold: 3,
				size: 5,
				key_check: record.keyCheck,
				created_by: organiser.id,
				created_at: 1_800_000_000
			}
		]);
		const checks = await t.db
			.selectFrom('committee_member')
			.select(['slot', 'share_check'])
			.where('campaign_id', '=', campaignId)
			.orderBy('slot')
			.execute();
		expect(checks).toEqual(record.checks.map((c) => ({ slot: c.slot, share_check: c.check })));
		const committee = await loadCommittee(t.db, campaignId);
		expect(committee?.members.every((m) => m.hasShare)).toBe(true);
		expect(committee?.key).toEqual({
			publicKey: record.publicKey,
			fingerprint: record.fingerprint,
			threshold: 3,
			size: 5,
			createdAt: 1_800_000_000
		});

		const event = await lastEvent();
		expect(event.action).toBe('sealing.key_created');
		const payload = JSON.parse(event.payload);
		expect(payload).toEqual({ fingerprint: record.fingerprint, threshold: 3, size: 5 });
		expect(payload).not.toHaveProperty('checks');
		expect(payload).not.toHaveProperty('shares');
		// No share, in any encoding, nor any check value reached the audit log.
		const audit = JSON.stringify(await t.db.selectFrom('audit_event').selectAll().execute());
		for (const text of [...shareTexts, ...record.checks.map((c) => c.check)]) expect(audit).not.toContain(text);
		// Nor any other table this test can see.
		const stored = JSON.stringify(await snapshot());
		for (const text of shareTexts) expect(stored).not.toContain(text);
		expect((await verifyAuditChain(t.db)).ok).toBe(true);

		// The open guard no longer asks for a key, and the campaign opens.
		expect(await checkCampaignCanOpen(t.db, campaignId)).toEqual([]);
		expect((await openCampaign(t.db, testKey(t.dir), campaignId, organiser, META)).ok).toBe(true);
	});

	it('refuses a record that is malformed, tampered with or made for another committee, and changes nothing', async () => {
		const { record } = await ceremonyFor(5, 3);
		// No committee named yet: nothing to match the record against.
		refused(
			await unchanged(() => recordCeremony(t.db, campaignId, record, organiser, META)),
			'ceremony.error.committeeChanged'
		);
		expect(await save(USERNAMES, 3)).toEqual({ ok: true });

		for (const bad of [
			null,
			'text',
			[],
			{ ...record, shares: ['x'] },
			{ ...record, publicKey: 'AAAA' },
			{ ...record, threshold: '3' },
			{ ...record, checks: [{ slot: 1, check: 'zz' }] }
		]) {
			refused(
				await unchanged(() => recordCeremony(t.db, campaignId, bad, organiser, META)),
				'ceremony.error.malformed'
			);
		}
		const flipped = record.fingerprint.replace(/^./, (c) => (c === '0' ? '1' : '0'));
		refused(
			await unchanged(() => recordCeremony(t.db, campaignId, { ...record, fingerprint: flipped }, organiser, META)),
			'ceremony.error.fingerprint'
		);
		// A fingerprint that is right for another key: the public key and the fingerprint must agree.
		const other = (await ceremonyFor(5, 3)).record;
		refused(
			await unchanged(() =>
				recordCeremony(t.db, campaignId, { ...record, fingerprint: other.fingerprint }, organiser, META)
			),
			'ceremony.error.fingerprint'
		);

		const smaller = (await ceremonyFor(3, 2)).record;
		refused(
			await unchanged(() => recordCeremony(t.db, campaignId, smaller, organiser, META)),
			'ceremony.error.committeeChanged'
		);
		const lower = (await ceremonyFor(5, 2)).record;
		refused(
			await unchanged(() => recordCeremony(t.db, campaignId, lower, organiser, META)),
			'ceremony.error.committeeChanged'
		);
		const wrongSlots = { ...record, checks: record.checks.map((c) => (c.slot === 5 ? { ...c, slot: 6 } : c)) };
		refused(
			await unchanged(() => recordCeremony(t.db, campaignId, wrongSlots, organiser, META)),
			'ceremony.error.committeeChanged'
		);
		const missing = { ...record, checks: record.checks.slice(0, 4) };
		refused(
			await unchanged(() => recordCeremony(t.db, campaignId, missing, organiser, META)),
			'ceremony.error.committeeChanged'
		);
		// The committee was renamed after the ceremony started (3 of 4 now): the record no longer fits.
		expect(await save(USERNAMES.slice(0, 4), 3)).toEqual({ ok: true });
		refused(
			await unchanged(() => recordCeremony(t.db, campaignId, record, organiser, META)),
			'ceremony.error.committeeChanged'
		);
		expect(await checkCampaignCanOpen(t.db, campaignId)).toEqual([{ key: 'campaign.guard.noSealingKey' }]);
	});

	it('refuses organisers outside the scope and other roles', async () => {
		expect(await save(USERNAMES, 3)).toEqual({ ok: true });
		const { record } = await ceremonyFor(5, 3);
		const snv = (await t.db.selectFrom('unit').select('id').where('code', '=', 'SNV').executeTakeFirstOrThrow()).id;
		refused(
			await unchanged(() => recordCeremony(t.db, campaignId, record, staffNamed('org-snv', 'organiser', snv), META)),
			'committee.error.forbidden'
		);
		// Being on the committee gives no right to record the key.
		refused(
			await unchanged(() => recordCeremony(t.db, campaignId, record, staffNamed('kp1', 'analyst'), META)),
			'committee.error.forbidden'
		);
		expect((await recordCeremony(t.db, campaignId, record, staffNamed('kp4', 'admin'), META)).ok).toBe(true);
	});

	it('allows one ceremony only, and none once the campaign has opened', async () => {
		expect(await save(USERNAMES, 3)).toEqual({ ok: true });
		const first = (await ceremonyFor(5, 3)).record;
		expect((await recordCeremony(t.db, campaignId, first, organiser, META)).ok).toBe(true);
		const second = (await ceremonyFor(5, 3)).record;
		refused(
			await unchanged(() => recordCeremony(t.db, campaignId, second, organiser, META)),
			'committee.error.keyExists'
		);
		refused(
			await unchanged(() => recordCeremony(t.db, campaignId, first, organiser, META)),
			'committee.error.keyExists'
		);
		// Renaming the committee would strand the shares already handed out.
		refused(await unchanged(() => save(USERNAMES.slice(0, 3), 2)), 'committee.error.keyExists');

		expect((await openCampaign(t.db, testKey(t.dir), campaignId, organiser, META)).ok).toBe(true);
		refused(await unchanged(() => save(USERNAMES, 3)), 'committee.error.notDraft');
		refused(
			await unchanged(() => recordCeremony(t.db, campaignId, second, organiser, META)),
			'committee.error.notDraft'
		);
		expect((await t.db.selectFrom('sealing_key').select('fingerprint').executeTakeFirstOrThrow()).fingerprint).toBe(
			first.fingerprint
		);
	});
});
