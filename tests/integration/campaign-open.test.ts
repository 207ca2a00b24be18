import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	advanceCampaign,
	clearRoster,
	createCampaign,
	deleteGroup,
	saveGroup,
	type Staff
} from '$lib/server/campaigns/campaigns';
import { checkCampaignCanOpen, openCampaign } from '$lib/server/campaigns/open';
import { cellKeyContext, openCellPrivateKey } from '$lib/server/crypto/cell-keys';
import { ensureDefaultDocuments, loadFramework, loadQuestionnaire } from '$lib/server/templates/documents';
import { upsertPeople } from '$lib/server/roster/people';
import { saveCommittee } from '$lib/server/sealing/committee';
import { DEMO_COMMITTEE, runDemoCeremony } from '$lib/server/seed/demo-committee';
import { moveUnit } from '$lib/server/units/edit';
import { insertUnits } from '$lib/server/units/units';
import { translator } from '$lib/i18n';
import { auditActions, freshDb, makeUser, META, SYSTEM, testKey, type TestDb } from './support';

const UNITS = [
	{ code: '51', parentCode: null, name: 'Quảng Ngãi', fullName: 'Tỉnh Quảng Ngãi', kind: 'tỉnh', nameEn: null },
	{ code: 'SNV', parentCode: '51', name: 'Sở Nội vụ', fullName: 'Sở Nội vụ', kind: 'sở', nameEn: null },
	{ code: 'STP', parentCode: '51', name: 'Sở Tư pháp', fullName: 'Sở Tư pháp', kind: 'sở', nameEn: null },
	{ code: '21025', parentCode: '51', name: 'Cẩm Thành', fullName: 'Phường Cẩm Thành', kind: 'phường', nameEn: null }
];

describe('opening a campaign', () => {
	let t: TestDb;
	let staff: Staff;
	let campaignId: number;
	let docs: { frameworkVersionId: number; questionnaireVersionId: number };
	const unitIds = new Map<string, number>();

	beforeEach(async () => {
		t = await freshDb();
		await insertUnits(t.db, UNITS);
		for (const u of await t.db.selectFrom('unit').select(['id', 'code']).execute()) unitIds.set(u.code, u.id);
		staff = { ...(await makeUser(t, 'org', 'organiser')), role: 'organiser', unitId: null };
		docs = await ensureDefaultDocuments(t.db, SYSTEM, META);
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
			staff,
			META
		);
		if (!created.ok) throw new Error('campaign');
		campaignId = created.id;
	});
	afterEach(() => t.close());

	async function addPeople(groupId: number, unit: string, n: number, prefix: string) {
		await t.db.transaction().execute((trx) =>
			upsertPeople(
				trx,
				campaignId,
				Array.from({ length: n }, (_, i) => ({
					personalCode: `${prefix}${i}`,
					fullName: `Người ${prefix}${i}`,
					unitId: unitIds.get(unit)!,
					groupId,
					position: null,
					email: `${prefix}${i}@example.vn`,
					phone: null
				})),
				1
			)
		);
	}

	/** The demo's counting committee (three accounts, 2 of 3) named and its key ceremony run. */
	async function sealingKey() {
		for (const m of DEMO_COMMITTEE) await makeUser(t, m.username, 'auditor');
		return runDemoCeremony(t.db, campaignId, staff, META);
	}

	it('creates the default template once and it is valid', async () => {
		expect(await ensureDefaultDocuments(t.db, SYSTEM, META)).toEqual(docs);
		const q = await loadQuestionnaire(t.db, docs.questionnaireVersionId);
		expect(q?.frameworkVersionId).toBe(docs.frameworkVersionId);
		expect((await loadFramework(t.db, docs.frameworkVersionId))?.framework.surveyPoints).toBe(32);
	});

	it('explains every reason a draft cannot open yet, and changes nothing', async () => {
		expect(await checkCampaignCanOpen(t.db, campaignId)).toEqual([
			{ key: 'campaign.guard.noGroups' },
			{ key: 'campaign.guard.emptyRoster' },
			{ key: 'campaign.guard.noSealingKey' }
		]);
		const g = await saveGroup(
			t.db,
			campaignId,
			{ code: 'LDX', name: 'Lãnh đạo UBND cấp xã', questionnaireVersionId: null, ratedUnitCodes: [] },
			staff,
			META
		);
		expect(g.ok).toBe(true);
		const reasons = await checkCampaignCanOpen(t.db, campaignId);
		expect(reasons.map((r) => r.key)).toEqual([
			'campaign.guard.emptyRoster',
			'campaign.guard.groupNoQuestionnaire',
			'campaign.guard.groupEmpty',
			'campaign.guard.noSealingKey'
		]);
		const result = await openCampaign(t.db, testKey(t.dir), campaignId, staff, META);
		expect(result.ok).toBe(false);
		expect((await t.db.selectFrom('campaign').select('state').executeTakeFirstOrThrow()).state).toBe('draft');
		expect(await t.db.selectFrom('reporting_cell').selectAll().execute()).toEqual([]);
	});

	it('needs the rated units when the questionnaire rates units one by one', async () => {
		const g = await saveGroup(
			t.db,
			campaignId,
			{
				code: 'LDX',
				name: 'Lãnh đạo UBND cấp xã',
				questionnaireVersionId: docs.questionnaireVersionId,
				ratedUnitCodes: []
			},
			staff,
			META
		);
		if (!g.ok) throw new Error('group');
		await addPeople(g.id, '21025', 6, 'x');
		await sealingKey();
		const reasons = await checkCampaignCanOpen(t.db, campaignId);
		expect(reasons).toEqual([{ key: 'campaign.guard.groupNoRatedUnits', params: { group: 'LDX' } }]);
		expect(
			await saveGroup(
				t.db,
				campaignId,
				{ code: 'LDX', name: 'x', questionnaireVersionId: docs.questionnaireVersionId, ratedUnitCodes: ['NOPE'] },
				staff,
				META
			)
		).toEqual({ ok: false, errors: { ratedUnitCodes: { key: 'campaign.error.ratedUnitUnknown' } } });
	});

	it('opens: cells with k rolled up, one key pair each, people assigned, documents frozen, audited', async () => {
		const appKey = testKey(t.dir);
		const leaders = await saveGroup(
			t.db,
			campaignId,
			{
				code: 'LDX',
				name: 'Lãnh đạo UBND cấp xã',
				questionnaireVersionId: docs.questionnaireVersionId,
				ratedUnitCodes: ['SNV', 'STP']
			},
			staff,
			META
		);
		const staffGroup = await saveGroup(
			t.db,
			campaignId,
			{ code: 'CC', name: 'Công chức', questionnaireVersionId: docs.questionnaireVersionId, ratedUnitCodes: ['SNV'] },
			staff,
			META
		);
		if (!leaders.ok || !staffGroup.ok) throw new Error('groups');
		await addPeople(leaders.id, '21025', 7, 'l');
		await addPeople(staffGroup.id, 'SNV', 3, 's');
		await addPeople(staffGroup.id, 'STP', 4, 't');
		await sealingKey();
		expect(await checkCampaignCanOpen(t.db, campaignId)).toEqual([]);

		const result = await openCampaign(t.db, appKey, campaignId, staff, META);
		expect(result).toEqual({ ok: true, cells: 2, people: 14 });
		const cells = await t.db.selectFrom('reporting_cell').selectAll().orderBy('group_id').execute();
		// Công chức of SNV (3) and STP (4) are each below k = 5: they pool at the province (7).
		expect(cells.map((c) => [c.group_id, c.unit_id, c.invitee_count, c.below_k])).toEqual(
			[
				[leaders.id, unitIds.get('21025'), 7, 0],
				[staffGroup.id, unitIds.get('51'), 7, 0]
			].sort((a, b) => Number(a[0]) - Number(b[0]))
		);
		expect(await t.db.selectFrom('person').select('id').where('cell_id', 'is', null).execute()).toEqual([]);

		// Each cell's private key is sealed, and it signs what its published public key verifies.
		for (const cell of cells) {
			expect(cell.private_key_enc).toMatch(/^v1\./);
			const der = openCellPrivateKey(
				appKey,
				cell.private_key_enc,
				cellKeyContext(campaignId, cell.group_id, cell.unit_id)
			);
			const privateKey = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
			const publicKey = createPublicKey({
				key: Buffer.from(cell.public_key, 'base64url'),
				format: 'der',
				type: 'spki'
			});
			// New campaigns get RSA-3072 cell keys (issue 14 item 8).
			expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
			const sig = sign('sha384', Buffer.from('m'), privateKey);
			expect(verify('sha384', Buffer.from('m'), publicKey, sig)).toBe(true);
			expect(cell.fingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
		}
		expect((await loadFramework(t.db, docs.frameworkVersionId))?.frozen).toBe(true);
		expect((await loadQuestionnaire(t.db, docs.questionnaireVersionId))?.frozen).toBe(true);
		expect(await auditActions(t)).toContain('campaign.opened');

		// Opening twice is refused; an open campaign's groups are frozen.
		expect(await openCampaign(t.db, appKey, campaignId, staff, META)).toEqual({
			ok: false,
			reasons: [{ key: 'campaign.error.badTransition' }]
		});
		expect(
			await saveGroup(
				t.db,
				campaignId,
				{ code: 'NEW', name: 'Mới', questionnaireVersionId: null, ratedUnitCodes: [] },
				staff,
				META
			)
		).toEqual({ ok: false, errors: { form: { key: 'campaign.error.notDraft' } } });
		// The tree the cells were formed on stays put while the campaign is open.
		expect(await moveUnit(t.db, '21025', 'SNV', { ...staff, role: 'admin' }, META)).toEqual({
			ok: false,
			errors: { form: { key: 'unit.error.moveInUse' } }
		});
		expect(await advanceCampaign(t.db, campaignId, 'close', staff, META)).toEqual({ ok: true, state: 'closed' });
	});

	it('needs a sealing key: without the ceremony nothing could be cast, so it does not open, and changes nothing', async () => {
		const g = await saveGroup(
			t.db,
			campaignId,
			{
				code: 'LDX',
				name: 'Lãnh đạo UBND cấp xã',
				questionnaireVersionId: docs.questionnaireVersionId,
				ratedUnitCodes: ['SNV']
			},
			staff,
			META
		);
		if (!g.ok) throw new Error('group');
		await addPeople(g.id, '21025', 6, 'x');
		expect(await checkCampaignCanOpen(t.db, campaignId)).toEqual([{ key: 'campaign.guard.noSealingKey' }]);
		const before = await auditActions(t);
		const refused = await openCampaign(t.db, testKey(t.dir), campaignId, staff, META);
		expect(refused).toEqual({ ok: false, reasons: [{ key: 'campaign.guard.noSealingKey' }] });
		expect(translator('vi')('campaign.guard.noSealingKey')).not.toBe('campaign.guard.noSealingKey');
		expect((await t.db.selectFrom('campaign').select('state').executeTakeFirstOrThrow()).state).toBe('draft');
		expect(await t.db.selectFrom('reporting_cell').selectAll().execute()).toEqual([]);
		expect(await t.db.selectFrom('person').select('id').where('cell_id', 'is not', null).execute()).toEqual([]);
		expect(await auditActions(t)).toEqual(before);
		// A committee named but no ceremony yet is still no key.
		for (const m of DEMO_COMMITTEE) await makeUser(t, m.username, 'auditor');
		expect(
			await saveCommittee(
				t.db,
				campaignId,
				{ usernames: DEMO_COMMITTEE.map((m) => m.username), threshold: 2 },
				staff,
				META,
				{ demo: true }
			)
		).toEqual({ ok: true });
		expect(await checkCampaignCanOpen(t.db, campaignId)).toEqual([{ key: 'campaign.guard.noSealingKey' }]);
		expect((await openCampaign(t.db, testKey(t.dir), campaignId, staff, META)).ok).toBe(false);
		// After the ceremony it opens, and the key is the one the public page shows.
		const shares = await runDemoCeremony(t.db, campaignId, staff, META);
		expect(shares.map((s) => s.slot)).toEqual([1, 2, 3]);
		expect(await openCampaign(t.db, testKey(t.dir), campaignId, staff, META)).toEqual({
			ok: true,
			cells: 1,
			people: 6
		});
		expect(await t.db.selectFrom('sealing_key').select(['threshold', 'size']).execute()).toEqual([
			{ threshold: 2, size: 3 }
		]);
	});

	it('refuses to open while a group stays below k even pooled at the root', async () => {
		const g = await saveGroup(
			t.db,
			campaignId,
			{
				code: 'HDND',
				name: 'Đại biểu HĐND',
				questionnaireVersionId: docs.questionnaireVersionId,
				ratedUnitCodes: ['SNV']
			},
			staff,
			META
		);
		if (!g.ok) throw new Error('group');
		await addPeople(g.id, 'SNV', 2, 'h');
		await addPeople(g.id, 'STP', 1, 'k');
		await sealingKey();
		expect(await checkCampaignCanOpen(t.db, campaignId)).toEqual([
			{ key: 'campaign.guard.groupBelowK', params: { group: 'HDND', count: 3, k: 5 } }
		]);
		expect((await openCampaign(t.db, testKey(t.dir), campaignId, staff, META)).ok).toBe(false);
		expect(await t.db.selectFrom('reporting_cell').selectAll().execute()).toEqual([]);
	});

	it('in a draft, a group without people can be deleted and the roster cleared, each audited', async () => {
		const g = await saveGroup(
			t.db,
			campaignId,
			{ code: 'CC', name: 'Công chức', questionnaireVersionId: docs.questionnaireVersionId, ratedUnitCodes: [] },
			staff,
			META
		);
		if (!g.ok) throw new Error('group');
		await addPeople(g.id, 'SNV', 3, 's');
		expect(await deleteGroup(t.db, campaignId, 'CC', staff, META)).toEqual({
			ok: false,
			errors: { form: { key: 'campaign.error.groupHasPeople' } }
		});
		expect(await deleteGroup(t.db, campaignId, 'NOPE', staff, META)).toEqual({
			ok: false,
			errors: { form: { key: 'campaign.error.groupNotFound' } }
		});
		expect(await clearRoster(t.db, campaignId, staff, META)).toEqual({ ok: true, removed: 3 });
		expect(await deleteGroup(t.db, campaignId, 'CC', staff, META)).toEqual({ ok: true });
		expect(await t.db.selectFrom('respondent_group').selectAll().execute()).toEqual([]);
		expect((await auditActions(t)).slice(-2)).toEqual(['roster.cleared', 'campaign.group_deleted']);
	});

	it('re-importing updates people by personal code', async () => {
		const g = await saveGroup(
			t.db,
			campaignId,
			{ code: 'CC', name: 'Công chức', questionnaireVersionId: docs.questionnaireVersionId, ratedUnitCodes: [] },
			staff,
			META
		);
		if (!g.ok) throw new Error('group');
		await addPeople(g.id, 'SNV', 3, 's');
		const result = await t.db.transaction().execute((trx) =>
			upsertPeople(
				trx,
				campaignId,
				[
					{
						personalCode: 's1',
						fullName: 'Tên mới',
						unitId: unitIds.get('STP')!,
						groupId: g.id,
						position: 'Chuyên viên',
						email: null,
						phone: '+84912345678'
					},
					{
						personalCode: 's9',
						fullName: 'Người mới',
						unitId: unitIds.get('STP')!,
						groupId: g.id,
						position: null,
						email: 'moi@example.vn',
						phone: null
					}
				],
				2
			)
		);
		expect(result).toEqual({ inserted: 1, updated: 1 });
		const people = await t.db
			.selectFrom('person')
			.select(['personal_code', 'full_name', 'unit_id'])
			.orderBy('personal_code')
			.execute();
		expect(people.map((p) => p.personal_code)).toEqual(['s0', 's1', 's2', 's9']);
		expect(people[1]).toEqual({ personal_code: 's1', full_name: 'Tên mới', unit_id: unitIds.get('STP') });
	});
});
