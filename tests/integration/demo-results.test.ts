// The demo's published past rounds (seedDemo with pastRounds → seedPastRounds): answers sealed and cast
// through the real ballot path, opened by the demo committee through the real opening, the participation
// side marked to match, tallies that survive a recount from the opened sheets, and results an analyst can
// read, with a suppressed commune and a ranking of departments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '$lib/server/audit';
import type { Staff } from '$lib/server/campaigns/campaigns';
import { nodeOfRow } from '$lib/domain/results-view';
import { loadResultTree } from '$lib/server/results/load';
import { publishedResults } from '$lib/server/results/published';
import { checkTallies } from '$lib/server/results/recompute';
import { countSheets } from '$lib/server/ballot/count';
import { seedDemo } from '$lib/server/seed/demo';
import { DEMO_DEPARTMENTS } from '$lib/server/seed/demo-campaign';
import { freshDb, testKey, type TestDb } from './support';

let t: TestDb;
let analyst: Staff;

const campaignBySlug = (slug: string) =>
	t.db.selectFrom('campaign').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();

async function credentialed(campaignId: number): Promise<number> {
	const row = await t.db
		.selectFrom('invitation')
		.select((eb) => eb.fn.count<number>('credential_at').as('n'))
		.where('campaign_id', '=', campaignId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

async function rowsIn(table: 'sealed_sheet' | 'opened_sheet' | 'counted_receipt', campaignId: number): Promise<number> {
	const row = await t.db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('campaign_id', '=', campaignId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

beforeAll(async () => {
	t = await freshDb();
	await seedDemo(t.db, testKey(t.dir), undefined, { pastRounds: true });
	const row = await t.db
		.selectFrom('staff_user')
		.select(['id', 'username', 'role', 'unit_id'])
		.where('username', '=', 'analyst')
		.executeTakeFirstOrThrow();
	analyst = { id: row.id, username: row.username, role: row.role, unitId: row.unit_id };
}, 120_000);

afterAll(async () => {
	await t.close();
});

describe('demo past rounds', () => {
	it('keeps the open 2026 round first and adds 2025 and 2024, published, with a valid audit chain', async () => {
		const campaigns = await t.db.selectFrom('campaign').select(['id', 'slug', 'state', 'year']).orderBy('id').execute();
		expect(campaigns.map((c) => [c.id, c.slug, c.state])).toEqual([
			[1, 'dtxh-2026', 'open'],
			[2, 'dtxh-2025', 'published'],
			[3, 'dtxh-2024', 'published']
		]);
		// The 2026 round is untouched: no sheet, no credential, nothing counted; its key is ready.
		expect([await countSheets(t.db, 1), await credentialed(1), (await campaignBySlug('dtxh-2026')).counted_at]).toEqual(
			[0, 0, null]
		);
		expect(await t.db.selectFrom('sealing_key').select('campaign_id').orderBy('campaign_id').execute()).toEqual([
			{ campaign_id: 1 },
			{ campaign_id: 2 },
			{ campaign_id: 3 }
		]);
		expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
		const last = await t.db
			.selectFrom('audit_event')
			.select(['action', 'payload'])
			.orderBy('seq', 'desc')
			.executeTakeFirstOrThrow();
		expect(last.action).toBe('demo.seeded');
		expect(JSON.parse(last.payload).pastRounds).toEqual(['dtxh-2025', 'dtxh-2024']);
	});

	it('opened every past round: one sheet per person marked as submitted, nothing sealed left, and the tallies match a recount', async () => {
		for (const slug of ['dtxh-2025', 'dtxh-2024']) {
			const c = await campaignBySlug(slug);
			expect(c.published_at).not.toBeNull();
			expect(c.counted_at).not.toBeNull();
			const sheets = await rowsIn('opened_sheet', c.id);
			expect(sheets).toBeGreaterThan(50);
			expect(await credentialed(c.id)).toBe(sheets);
			expect(await rowsIn('sealed_sheet', c.id)).toBe(0);
			expect(await rowsIn('counted_receipt', c.id)).toBe(sheets);
			expect(await countSheets(t.db, c.id)).toBe(sheets);
			expect(
				await t.db
					.selectFrom('opening_job')
					.select(['status', 'sheets', 'invalid'])
					.where('campaign_id', '=', c.id)
					.executeTakeFirstOrThrow()
			).toEqual({ status: 'finished', sheets, invalid: 0 });
			const counted = await t.db
				.selectFrom('counted_cell')
				.select((eb) => eb.fn.sum<number>('sheets').as('n'))
				.where('campaign_id', '=', c.id)
				.executeTakeFirstOrThrow();
			expect(Number(counted.n)).toBe(sheets);
			const check = await checkTallies(t.db, c);
			expect(check).toMatchObject({ ok: true, sheets, differences: [] });
			// The opening was done by two of the three committee members, and audited without content.
			const supplied = await t.db
				.selectFrom('audit_event')
				.select('actor_label')
				.where('action', '=', 'opening.share_supplied')
				.where('subject_id', '=', String(c.id))
				.execute();
			expect(supplied.map((e) => e.actor_label)).toEqual(['kiemphieu1', 'kiemphieu2']);
		}
	});

	it('counts each cell where its people submitted: the lone commune below k stays (rolling it up alone would hide nothing), submitters and sheets agree', async () => {
		const c = await campaignBySlug('dtxh-2025');
		const people = await t.db
			.selectFrom('person as p')
			.innerJoin('invitation as i', 'i.person_id', 'p.id')
			.innerJoin('reporting_cell as r', 'r.id', 'p.cell_id')
			.select(['r.group_id', 'r.unit_id', (eb) => eb.fn.count<number>('i.credential_at').as('n')])
			.where('p.campaign_id', '=', c.id)
			.groupBy(['p.cell_id', 'r.group_id', 'r.unit_id'])
			.execute();
		const expected = new Map(
			people.filter((p) => Number(p.n) > 0).map((p) => [`${p.group_id}:${p.unit_id}`, Number(p.n)])
		);
		const cells = await t.db
			.selectFrom('counted_cell')
			.select(['group_id', 'unit_id', 'sheets'])
			.where('campaign_id', '=', c.id)
			.execute();
		expect(new Map(cells.map((s) => [`${s.group_id}:${s.unit_id}`, s.sheets]))).toEqual(expected);
		expect(
			(
				await t.db
					.selectFrom('opening_job')
					.select('merged_cells')
					.where('campaign_id', '=', c.id)
					.executeTakeFirstOrThrow()
			).merged_cells
		).toBe(0);
		// The weak commune (2 sheets in 2025) is the only cell below k: alone it would reach the province below k too.
		const weak = await t.db.selectFrom('unit').select('id').where('code', '=', '21100').executeTakeFirstOrThrow();
		expect(cells.filter((s) => s.sheets < c.k_threshold).map((s) => [s.unit_id, s.sheets])).toEqual([[weak.id, 2]]);
	});

	it('shows an analyst the 2025 results: the commune below k hidden, its complement, and 8 departments ranked', async () => {
		const c = await campaignBySlug('dtxh-2025');
		const result = await publishedResults(t.db, analyst, c, { unitCode: null, groupCode: null });
		if (!result.ok) throw new Error(result.error);
		const { view } = result;
		// The page publishes no reason; the campaign's plan keeps it.
		const plan = (await loadResultTree(t.db, c)).hidden;
		const weak = view.byUnit.find((r) => r.code === '21100')!;
		expect([weak.figures, plan.get(nodeOfRow(view, weak))]).toEqual([{ shown: false }, 'small']);
		const reasons = view.byUnit.filter((r) => !r.figures.shown).map((r) => plan.get(nodeOfRow(view, r)));
		expect(reasons).toContain('complementary');
		// A hidden row carries no number at all.
		for (const row of view.byUnit.filter((r) => !r.figures.shown))
			expect(Object.keys(row.figures).sort()).toEqual(['shown']);

		const departments = view.ratedUnits.filter((r) => DEMO_DEPARTMENTS.some((d) => d.code === r.code));
		expect(departments).toHaveLength(8);
		const points = departments.map((r) => (r.figures.shown ? r.figures.score.points : null));
		expect(points.every((p) => typeof p === 'number')).toBe(true);
		expect([...points].sort((a, b) => b! - a!)).toEqual(points);
		// Departments are seen differently: the ranking is not a tie.
		expect(new Set(points).size).toBeGreaterThan(4);

		// Plausible answers: mostly the two best options, some "Không biết".
		if (!view.total.shown) throw new Error('total hidden');
		const general = view.total.distributions.filter((d) => !d.rated);
		const top = general.reduce((s, d) => s + d.options.slice(0, 2).reduce((x, o) => x + o.count, 0), 0);
		const answered = general.reduce((s, d) => s + d.answered, 0);
		const dontKnow = general.reduce(
			(s, d) => s + d.options.filter((o) => o.dontKnow).reduce((x, o) => x + o.count, 0),
			0
		);
		expect(top / answered).toBeGreaterThan(0.6);
		expect(dontKnow).toBeGreaterThan(0);

		// 2025 compares with 2024, a little better.
		const previous = result.comparisons.find((x) => x.campaign.year === 2024);
		expect(previous).toBeDefined();
		expect(previous!.total.current!).toBeGreaterThan(previous!.total.other!);
	});
});
