import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { campaignEditSchema, newCampaignSchema } from '$lib/domain/campaign';
import { newUnitSchema } from '$lib/domain/unit-edit';
import { parseForm } from '$lib/domain/form';
import { addUnit, moveUnit, renameUnit, retireUnit } from '$lib/server/units/edit';
import {
	advanceCampaign,
	createCampaign,
	listCampaignsFor,
	updateCampaign,
	type Staff
} from '$lib/server/campaigns/campaigns';
import { insertUnits, listUnitTree } from '$lib/server/units/units';
import { translator } from '$lib/i18n';
import { DEMO_COMMITTEE, openWithDemoShares, runDemoCeremony } from '$lib/server/seed/demo-committee';
import { demoCommittee } from './results-support';
import { auditActions, forceSql, freshDb, makeUser, META, type TestDb } from './support';

const UNITS = [
	{ code: '51', parentCode: null, name: 'Quảng Ngãi', fullName: 'Tỉnh Quảng Ngãi', kind: 'tỉnh', nameEn: null },
	{ code: 'SNV', parentCode: '51', name: 'Sở Nội vụ', fullName: 'Sở Nội vụ', kind: 'sở', nameEn: null },
	{ code: 'STP', parentCode: '51', name: 'Sở Tư pháp', fullName: 'Sở Tư pháp', kind: 'sở', nameEn: null },
	{ code: '21025', parentCode: '51', name: 'Cẩm Thành', fullName: 'Phường Cẩm Thành', kind: 'phường', nameEn: null }
];

async function unitId(t: TestDb, code: string) {
	return (await t.db.selectFrom('unit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

describe('unit editing', () => {
	let t: TestDb;
	let admin: Staff;
	let scoped: Staff;
	beforeEach(async () => {
		t = await freshDb();
		await insertUnits(t.db, UNITS);
		admin = { ...(await makeUser(t, 'root', 'admin')), role: 'admin', unitId: null };
		scoped = { ...(await makeUser(t, 'snv', 'organiser')), role: 'organiser', unitId: await unitId(t, 'SNV') };
	});
	afterEach(() => t.close());

	it('adds, renames, moves and retires a unit, each an audit event', async () => {
		const input = parseForm(newUnitSchema, {
			code: 'SNV.P1',
			parentCode: 'SNV',
			name: '  Phòng   Cải cách hành chính ',
			fullName: '',
			kind: 'phòng'
		});
		expect(input.ok).toBe(true);
		if (!input.ok) return;
		expect(input.value.name).toBe('Phòng Cải cách hành chính');
		expect(await addUnit(t.db, input.value, scoped, META)).toEqual({ ok: true });
		expect(
			await renameUnit(
				t.db,
				'SNV.P1',
				{ name: 'Phòng CCHC', fullName: 'Phòng Cải cách hành chính', kind: 'phòng' },
				scoped,
				META
			)
		).toEqual({ ok: true });
		expect(await moveUnit(t.db, 'SNV.P1', 'STP', admin, META)).toEqual({ ok: true });
		expect(await retireUnit(t.db, 'SNV.P1', admin, META)).toEqual({ ok: true });
		expect((await listUnitTree(t.db)).map((u) => u.code)).not.toContain('SNV.P1');
		expect((await auditActions(t)).filter((a) => a.startsWith('unit.'))).toEqual([
			'unit.created',
			'unit.renamed',
			'unit.moved',
			'unit.retired'
		]);
	});

	it('survives a looping tree left by a damaged database instead of hanging', async () => {
		const { isUnitWithin } = await import('$lib/server/units/units');
		// Forced directly: the services refuse to create a loop.
		await forceSql(t, `update unit set parent_id = (select id from unit where code = 'SNV') where code = '51'`);
		expect(await isUnitWithin(t.db, await unitId(t, 'STP'), await unitId(t, '21025'))).toBe(false);
		expect(await isUnitWithin(t.db, await unitId(t, 'SNV'), await unitId(t, 'SNV'))).toBe(true);
		expect((await listUnitTree(t.db, await unitId(t, 'SNV'))).length).toBeLessThanOrEqual(33 * UNITS.length);
	});

	it('refuses cycles, unknown parents, taken codes and units outside the editor’s scope, changing nothing', async () => {
		const before = [await listUnitTree(t.db), await auditActions(t)];
		expect(await moveUnit(t.db, '51', 'SNV', admin, META)).toEqual({
			ok: false,
			errors: { parentCode: { key: 'unit.error.cycle' } }
		});
		expect(await moveUnit(t.db, 'SNV', 'NOPE', admin, META)).toEqual({
			ok: false,
			errors: { parentCode: { key: 'unit.error.parentUnknown' } }
		});
		expect(
			await addUnit(t.db, { code: 'STP', parentCode: '51', name: 'X', fullName: '', kind: 'sở' }, admin, META)
		).toEqual({ ok: false, errors: { code: { key: 'unit.error.codeTaken' } } });
		expect(await renameUnit(t.db, 'STP', { name: 'X', fullName: '', kind: 'sở' }, scoped, META)).toEqual({
			ok: false,
			errors: { form: { key: 'unit.error.outsideScope' } }
		});
		expect(
			await addUnit(t.db, { code: 'X1', parentCode: 'STP', name: 'X', fullName: '', kind: 'phòng' }, scoped, META)
		).toEqual({ ok: false, errors: { parentCode: { key: 'unit.error.outsideScope' } } });
		expect(await retireUnit(t.db, '51', admin, META)).toEqual({
			ok: false,
			errors: { form: { key: 'unit.error.hasChildren' } }
		});
		expect(parseForm(newUnitSchema, { code: 'mã có dấu', parentCode: '', name: '', fullName: '', kind: '' })).toEqual({
			ok: false,
			errors: {
				code: { key: 'unit.error.codeFormat' },
				name: { key: 'unit.error.nameRequired' },
				kind: { key: 'unit.error.kindRequired' }
			},
			values: { parentCode: '', name: '', fullName: '', kind: '' }
		});
		expect([await listUnitTree(t.db), await auditActions(t)]).toEqual(before);
	});
});

describe('campaigns', () => {
	let t: TestDb;
	let organiser: Staff;
	let frameworkVersionId: number;
	const form = {
		title: ' Điều tra xã hội học năm 2026 ',
		slug: 'DTXH-2026',
		year: '2026',
		kThreshold: '',
		opensOn: '2026-12-01',
		closesOn: '2026-12-31',
		scopeUnitCode: ''
	};
	beforeEach(async () => {
		t = await freshDb();
		await insertUnits(t.db, UNITS);
		organiser = { ...(await makeUser(t, 'snv', 'organiser')), role: 'organiser', unitId: await unitId(t, 'SNV') };
		({ id: frameworkVersionId } = await t.db
			.insertInto('framework_version')
			.values({ name: 'test', version: 1, body: '{}', created_at: 0, created_by: null, frozen_at: null })
			.returning('id')
			.executeTakeFirstOrThrow());
	});
	afterEach(() => t.close());

	it('parses the form, creates a draft within the organiser’s scope and audits it', async () => {
		const parsed = parseForm(newCampaignSchema, form);
		expect(parsed).toEqual({
			ok: true,
			value: {
				title: 'Điều tra xã hội học năm 2026',
				slug: 'dtxh-2026',
				year: 2026,
				kThreshold: 5,
				opensOn: '2026-12-01',
				closesOn: '2026-12-31',
				scopeUnitCode: null
			},
			values: form
		});
		if (!parsed.ok) return;
		const created = await createCampaign(t.db, { ...parsed.value, frameworkVersionId }, organiser, META);
		expect(created.ok).toBe(true);
		const [campaign] = await listCampaignsFor(t.db, organiser);
		expect(campaign).toMatchObject({ state: 'draft', scope_unit_id: organiser.unitId, k_threshold: 5 });
		expect(await createCampaign(t.db, { ...parsed.value, frameworkVersionId }, organiser, META)).toEqual({
			ok: false,
			errors: { slug: { key: 'campaign.error.slugTaken' } }
		});
		expect(
			await createCampaign(
				t.db,
				{ ...parsed.value, slug: 'khac', scopeUnitCode: 'STP', frameworkVersionId },
				organiser,
				META
			)
		).toEqual({ ok: false, errors: { scopeUnitCode: { key: 'campaign.error.scopeOutside' } } });
		expect((await auditActions(t)).filter((a) => a.startsWith('campaign.'))).toEqual(['campaign.created']);
		// Without a chosen framework the default template is made, but not for a creation that is refused.
		expect(await createCampaign(t.db, { ...parsed.value, frameworkVersionId: null }, organiser, META)).toEqual({
			ok: false,
			errors: { slug: { key: 'campaign.error.slugTaken' } }
		});
		expect(await t.db.selectFrom('questionnaire_version').selectAll().execute()).toEqual([]);
		const fromDefault = await createCampaign(
			t.db,
			{ ...parsed.value, slug: 'mac-dinh', frameworkVersionId: null },
			organiser,
			META
		);
		expect(fromDefault.ok).toBe(true);
		expect((await t.db.selectFrom('questionnaire_version').select('name').execute()).map((q) => q.name)).toEqual([
			'Phiếu điều tra xã hội học mặc định'
		]);
	});

	it('refuses malformed input with keyed errors', () => {
		const malformed = {
			...form,
			title: '',
			slug: 'x',
			year: 'năm nay',
			kThreshold: '1',
			opensOn: '2026-12-31',
			closesOn: '2026-02-30'
		};
		expect(parseForm(newCampaignSchema, malformed)).toEqual({
			ok: false,
			errors: {
				title: { key: 'campaign.error.titleRequired' },
				slug: { key: 'campaign.error.slugFormat' },
				year: { key: 'campaign.error.year' },
				kThreshold: { key: 'campaign.error.k' },
				closesOn: { key: 'campaign.error.date' }
			},
			values: malformed
		});
		const backwards = { ...form, opensOn: '2026-12-31', closesOn: '2026-12-01' };
		expect(parseForm(newCampaignSchema, backwards)).toEqual({
			ok: false,
			errors: { closesOn: { key: 'campaign.error.dateOrder' } },
			values: backwards
		});
	});

	it('edits a draft’s details, and refuses once it is open', async () => {
		const parsed = parseForm(newCampaignSchema, form);
		if (!parsed.ok) throw new Error('form');
		const created = await createCampaign(t.db, { ...parsed.value, frameworkVersionId }, organiser, META);
		if (!created.ok) throw new Error('create');
		const backwards = {
			title: 'ĐTXH 2026 (sửa)',
			year: '2026',
			kThreshold: '7',
			opensOn: '2026-12-02',
			closesOn: '2026-12-01'
		};
		expect(parseForm(campaignEditSchema, backwards)).toEqual({
			ok: false,
			errors: { closesOn: { key: 'campaign.error.dateOrder' } },
			values: backwards
		});
		const good = parseForm(campaignEditSchema, {
			title: 'ĐTXH 2026 (sửa)',
			year: '2026',
			kThreshold: '7',
			opensOn: '',
			closesOn: ''
		});
		if (!good.ok) throw new Error('edit');
		expect(await updateCampaign(t.db, created.id, good.value, organiser, META)).toEqual({ ok: true });
		const row = await t.db.selectFrom('campaign').selectAll().executeTakeFirstOrThrow();
		expect([row.title, row.k_threshold, row.opens_on, row.slug]).toEqual(['ĐTXH 2026 (sửa)', 7, null, 'dtxh-2026']);
		const ev = await t.db
			.selectFrom('audit_event')
			.select('payload')
			.where('action', '=', 'campaign.updated')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(ev.payload)).toMatchObject({ k: { from: 5, to: 7 } });
		await t.db.updateTable('campaign').set({ state: 'open' }).execute();
		expect(await updateCampaign(t.db, created.id, good.value, organiser, META)).toEqual({
			ok: false,
			errors: { form: { key: 'campaign.error.notDraft' } }
		});
	});

	it('only moves forward one step at a time, and publishes only once the committee opened the round', async () => {
		const parsed = parseForm(newCampaignSchema, form);
		if (!parsed.ok) throw new Error('form');
		const created = await createCampaign(t.db, { ...parsed.value, frameworkVersionId }, organiser, META);
		if (!created.ok) throw new Error('create');
		for (const m of DEMO_COMMITTEE) await makeUser(t, m.username, 'auditor');
		const shares = await runDemoCeremony(t.db, created.id, organiser, META);
		expect(await advanceCampaign(t.db, created.id, 'close', organiser, META)).toEqual({
			ok: false,
			errors: { form: { key: 'campaign.error.badTransition' } }
		});
		expect(await advanceCampaign(t.db, created.id, 'publish', organiser, META)).toEqual({
			ok: false,
			errors: { form: { key: 'campaign.error.badTransition' } }
		});
		await t.db.updateTable('campaign').set({ state: 'open' }).where('id', '=', created.id).execute();
		expect(await advanceCampaign(t.db, created.id, 'publish', organiser, META)).toEqual({
			ok: false,
			errors: { form: { key: 'campaign.error.badTransition' } }
		});
		expect(await advanceCampaign(t.db, created.id, 'close', organiser, META)).toEqual({ ok: true, state: 'closed' });
		// Closed but not opened (kiểm phiếu): nothing is counted, so there is nothing to publish.
		const before = await t.db.selectFrom('campaign').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
		const actions = await auditActions(t);
		expect(await advanceCampaign(t.db, created.id, 'publish', organiser, META)).toEqual({
			ok: false,
			errors: { form: { key: 'campaign.error.notCounted' } }
		});
		expect(translator('vi')('campaign.error.notCounted')).not.toBe('campaign.error.notCounted');
		expect(
			await t.db.selectFrom('campaign').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow()
		).toEqual(before);
		expect(await auditActions(t)).toEqual(actions);
		await openWithDemoShares(t.db, shares, await demoCommittee(t.db), META);
		expect(
			(await t.db.selectFrom('campaign').select('counted_at').where('id', '=', created.id).executeTakeFirstOrThrow())
				.counted_at
		).not.toBeNull();
		expect(await advanceCampaign(t.db, created.id, 'publish', organiser, META)).toEqual({
			ok: true,
			state: 'published'
		});
		expect(await advanceCampaign(t.db, created.id, 'publish', organiser, META)).toEqual({
			ok: false,
			errors: { form: { key: 'campaign.error.badTransition' } }
		});
		expect((await auditActions(t)).filter((a) => a.startsWith('campaign.'))).toEqual([
			'campaign.created',
			'campaign.closed',
			'campaign.published'
		]);
		expect((await auditActions(t)).filter((a) => a.startsWith('opening.'))).toEqual([
			'opening.share_supplied',
			'opening.share_supplied',
			'opening.committed',
			'opening.finished'
		]);
	});
});

describe('unit import', () => {
	let t: TestDb;
	let admin: Staff;
	beforeEach(async () => {
		t = await freshDb();
		await insertUnits(t.db, UNITS);
		admin = { ...(await makeUser(t, 'root', 'admin')), role: 'admin', unitId: null };
	});
	afterEach(() => t.close());

	const csv = (lines: string[]) => Buffer.from(['code,parent_code,name,full_name,type', ...lines].join('\n'), 'utf8');

	it('adds every unit of a clean file, parents first, in one audited step', async () => {
		const { importUnits } = await import('$lib/server/units/edit');
		const r = await importUnits(
			t.db,
			csv(['SNV.P2,SNV.P1,Tổ 2,Tổ 2,tổ', 'SNV.P1,SNV,Phòng 1,Phòng Một,phòng']),
			admin,
			META
		);
		expect(r).toEqual({ ok: true, added: 2 });
		const tree = await listUnitTree(t.db);
		expect(tree.find((u) => u.code === 'SNV.P2')?.depth).toBe(3);
		expect((await auditActions(t)).filter((a) => a === 'unit.imported')).toHaveLength(1);
	});

	it('adds nothing when any row is wrong, and says which', async () => {
		const { importUnits } = await import('$lib/server/units/edit');
		const before = await listUnitTree(t.db);
		const r = await importUnits(
			t.db,
			csv(['SNV.P1,SNV,Phòng 1,,phòng', 'X9,NOPE,Không cha,,phòng', 'STP,51,Trùng mã,,sở']),
			admin,
			META
		);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors.map((e) => e.lines)).toEqual(expect.arrayContaining([[3], [4]]));
		expect(await listUnitTree(t.db)).toEqual(before);
	});
});
