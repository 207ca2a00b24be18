// Disclosure control: crafted tables with the suppression worked out by hand, then an exact check.
// The check is an attacker with the published figures and exact linear algebra: a hidden count is
// recovered when its row vector lies in the span of what is known (shown figures and the relations).
import { describe, expect, it } from 'vitest';
import { planSuppression, type Relation, type Suppression } from '$lib/domain/disclosure';
import { DEFAULT_FRAMEWORK, type Framework } from '$lib/domain/framework';
import { DEFAULT_QUESTIONNAIRE, type Questionnaire } from '$lib/domain/questionnaire';
import { buildResultTree, type ResultCell, type ResultsData } from '$lib/domain/results';
import { resultsView, type ResultRow, type ResultsView } from '$lib/domain/results-view';
import { mulberry32 } from '$lib/domain/random';

// ---------------------------------------------------------------------------------------------
// Exact linear algebra: a row space over the rationals kept fully reduced, with BigInt rows.

function gcd(a: bigint, b: bigint): bigint {
	a = a < 0n ? -a : a;
	b = b < 0n ? -b : b;
	while (b) [a, b] = [b, a % b];
	return a;
}

class RowSpace {
	private rows: { pivot: number; row: bigint[] }[] = [];
	constructor(readonly size: number) {}

	/** v minus its projection on the space (up to a non-zero factor): all zero iff v is in the span. */
	private reduce(v: bigint[]): bigint[] {
		let r = v.slice();
		for (const { pivot, row } of this.rows) {
			if (r[pivot] === 0n) continue;
			const [a, b] = [row[pivot], r[pivot]];
			r = r.map((x, i) => x * a - row[i] * b);
			const g = r.reduce(gcd, 0n);
			if (g > 1n) r = r.map((x) => x / g);
		}
		return r;
	}

	add(v: bigint[]): void {
		const r = this.reduce(v);
		const pivot = r.findIndex((x) => x !== 0n);
		if (pivot < 0) return;
		// Keep every row zero at every other row's pivot, so one pass of reduce() is exact.
		this.rows = this.rows.map(({ pivot: p, row }) => {
			if (row[pivot] === 0n) return { pivot: p, row };
			const [a, b] = [r[pivot], row[pivot]];
			return { pivot: p, row: row.map((x, i) => x * a - r[i] * b) };
		});
		this.rows.push({ pivot, row: r });
	}

	contains(v: bigint[]): boolean {
		return this.reduce(v).every((x) => x === 0n);
	}
}

/**
 * Abstract tables: unknowns are the nodes, the attacker knows the shown values, that every relation
 * holds (parent − Σ children = 0) and, for a relation without a parent, the children's sum.
 * Returns the hidden nodes whose count is nevertheless determined.
 */
function recoverableInTable(nodeIds: string[], relations: Relation[], hidden: Map<string, Suppression>): string[] {
	const index = new Map(nodeIds.map((id, i) => [id, i]));
	const unit = (id: string) => nodeIds.map((_, i) => (i === index.get(id) ? 1n : 0n));
	const space = new RowSpace(nodeIds.length);
	for (const id of nodeIds) if (!hidden.has(id)) space.add(unit(id));
	for (const r of relations) {
		const v = nodeIds.map(() => 0n);
		if (r.parent !== null) v[index.get(r.parent)!] = 1n;
		for (const c of r.children) v[index.get(c)!] -= 1n;
		space.add(v);
	}
	return [...hidden.keys()].filter((id) => space.contains(unit(id)));
}

/** The rule the planner promises, relation by relation. */
function violatedRelations(
	sheets: Map<string, number>,
	relations: Relation[],
	hidden: Map<string, Suppression>,
	k: number
): Relation[] {
	return relations.filter((r) => {
		const hiddenKids = r.children.filter((c) => hidden.has(c) && sheets.get(c)! > 0);
		const parentHidden = r.parent !== null && hidden.has(r.parent);
		if (parentHidden) return hiddenKids.length === 0 && r.children.some((c) => sheets.get(c)! > 0);
		if (hiddenKids.length === 0) return false;
		return hiddenKids.length < 2 || hiddenKids.reduce((s, c) => s + sheets.get(c)!, 0) < k;
	});
}

type Table = { nodes: [string, number][]; relations: Relation[]; k: number };

function plan(table: Table) {
	const hidden = planSuppression(
		table.nodes.map(([id, sheets]) => ({ id, sheets })),
		table.relations,
		table.k
	);
	const sheets = new Map(table.nodes);
	return {
		hidden,
		reasons: Object.fromEntries([...hidden].sort(([a], [b]) => (a < b ? -1 : 1))),
		recoverable: recoverableInTable(
			table.nodes.map(([id]) => id),
			table.relations,
			hidden
		),
		violated: violatedRelations(sheets, table.relations, hidden, table.k)
	};
}

const siblings = (parent: string | null, kids: [string, number][], k = 5): Table => ({
	nodes: parent === null ? kids : [[parent, kids.reduce((s, [, n]) => s + n, 0)], ...kids],
	relations: [{ parent, children: kids.map(([id]) => id) }],
	k
});

/** Units × groups with row, column and grand totals: relations both ways. */
function grid(counts: number[][], k = 5): Table {
	const nodes: [string, number][] = [];
	const relations: Relation[] = [];
	const rows = counts.map((row, i) => `u${i}`);
	const cols = counts[0].map((_, j) => `g${j}`);
	counts.forEach((row, i) => row.forEach((n, j) => nodes.push([`${rows[i]}${cols[j]}`, n])));
	counts.forEach((row, i) => nodes.push([rows[i], row.reduce((s, n) => s + n, 0)]));
	cols.forEach((c, j) => nodes.push([c, counts.reduce((s, row) => s + row[j], 0)]));
	nodes.push(['all', counts.flat().reduce((s, n) => s + n, 0)]);
	rows.forEach((r) => relations.push({ parent: r, children: cols.map((c) => `${r}${c}`) }));
	cols.forEach((c) => relations.push({ parent: c, children: rows.map((r) => `${r}${c}`) }));
	relations.push({ parent: 'all', children: rows }, { parent: 'all', children: cols });
	return { nodes, relations, k };
}

describe('the exact checker itself', () => {
	it('sees a lone hidden child recovered by subtraction, and two hidden children not', () => {
		const hidden = new Map<string, Suppression>([['a', 'small']]);
		const relations: Relation[] = [{ parent: 'p', children: ['a', 'b', 'c'] }];
		expect(recoverableInTable(['p', 'a', 'b', 'c'], relations, hidden)).toEqual(['a']);
		hidden.set('b', 'complementary');
		expect(recoverableInTable(['p', 'a', 'b', 'c'], relations, hidden)).toEqual([]);
	});

	it('sees a recovery that needs two relations (a hidden rectangle corner shown elsewhere)', () => {
		const t = grid([
			[3, 10],
			[8, 9]
		]);
		// Three corners of the rectangle hidden: the fourth is shown, so the three follow.
		const hidden = new Map<string, Suppression>([
			['u0g0', 'small'],
			['u0g1', 'complementary'],
			['u1g0', 'complementary']
		]);
		expect(
			recoverableInTable(
				t.nodes.map(([id]) => id),
				t.relations,
				hidden
			).sort()
		).toEqual(['u0g0', 'u0g1', 'u1g0']);
	});
});

describe('planSuppression, crafted cases', () => {
	it('hides k − 1 sheets, shows k, and never hides an empty node', () => {
		const result = plan(
			siblings('p', [
				['a', 4],
				['b', 5],
				['c', 0],
				['d', 6]
			])
		);
		// a (4 < 5) small; the smallest other non-empty sibling, b (5), protects it; c (0) is no protection.
		expect(result.reasons).toEqual({ a: 'small', b: 'complementary' });
		const atK = plan(
			siblings('p', [
				['a', 5],
				['b', 0],
				['c', 7]
			])
		);
		expect(atK.reasons).toEqual({});
		const k1 = plan(
			siblings(
				'p',
				[
					['a', 1],
					['b', 3]
				],
				1
			)
		);
		expect(k1.reasons).toEqual({});
		expect(() => plan(siblings('p', [['a', 1]], 0))).toThrow(RangeError);
		expect(() => planSuppression([{ id: 'a', sheets: 1 }], [{ parent: 'a', children: ['x'] }], 5)).toThrow(
			/unknown node x/
		);
	});

	it('hides the smallest other sibling next to one small sibling', () => {
		const result = plan(
			siblings('p', [
				['a', 2],
				['b', 12],
				['c', 7],
				['d', 9]
			])
		);
		expect(result.reasons).toEqual({ a: 'small', c: 'complementary' });
		expect(result.recoverable).toEqual([]);
		expect(result.violated).toEqual([]);
	});

	it('adds a third when two small siblings stay below k together, none when they reach it', () => {
		// 1 + 2 = 3 < 5: their sum would say both are tiny, so 6 (the smallest other) joins them.
		expect(
			plan(
				siblings('p', [
					['a', 1],
					['b', 2],
					['c', 9],
					['d', 6]
				])
			).reasons
		).toEqual({ a: 'small', b: 'small', d: 'complementary' });
		// 3 + 4 = 7 ≥ 5: two hidden with k sheets between them are already safe.
		expect(
			plan(
				siblings('p', [
					['a', 3],
					['b', 4],
					['c', 9]
				])
			).reasons
		).toEqual({ a: 'small', b: 'small' });
	});

	it('hides a child under a hidden parent whose children are all shown', () => {
		// q (3) is small; its only sibling p (12) is hidden to protect it; p = p1 + p2 would then
		// give p back, and r − p gives q: one of p's children must go too.
		const t: Table = {
			nodes: [
				['r', 15],
				['p', 12],
				['q', 3],
				['p1', 6],
				['p2', 6]
			],
			relations: [
				{ parent: 'r', children: ['p', 'q'] },
				{ parent: 'p', children: ['p1', 'p2'] }
			],
			k: 5
		};
		const result = plan(t);
		expect(result.reasons).toEqual({ q: 'small', p: 'complementary', p1: 'complementary' });
		expect(result.recoverable).toEqual([]);
		expect(result.violated).toEqual([]);
	});

	it('never picks an empty node as the complement, and hides the parent when nothing else is left', () => {
		// Only empty siblings next to the small one: hiding them protects nothing, so the parent goes.
		const t: Table = {
			nodes: [
				['r', 13],
				['p', 3],
				['s', 10],
				['a', 3],
				['b', 0],
				['c', 0]
			],
			relations: [
				{ parent: 'r', children: ['p', 's'] },
				{ parent: 'p', children: ['a', 'b', 'c'] }
			],
			k: 5
		};
		const result = plan(t);
		expect(result.hidden.has('b') || result.hidden.has('c')).toBe(false);
		expect(result.reasons).toEqual({ a: 'small', p: 'small', s: 'complementary' });
		expect(result.recoverable).toEqual([]);
	});

	it('reaches a fixpoint on a units × groups table with totals both ways', () => {
		// k = 5. u0g0 = 3 is small. Row u0 hides u0g2 (9), column g0 hides u1g0 (8); then column g2 has u0g2
		// alone and hides u1g2 (7) — whose row u1 now has u1g0 and u1g2: 15 ≥ 5, settled. The rectangle
		// u0/u1 × g0/g2 is hidden and only its row and column sums are known.
		const t = grid([
			[3, 12, 9],
			[8, 10, 7],
			[11, 12, 14]
		]);
		const result = plan(t);
		expect(result.reasons).toEqual({
			u0g0: 'small',
			u0g2: 'complementary',
			u1g0: 'complementary',
			u1g2: 'complementary'
		});
		expect(result.recoverable).toEqual([]);
		expect(result.violated).toEqual([]);
	});

	it('cascades through several relations before it settles', () => {
		// Column g1 prefers u2g1 (12 < 15): row u2 then needs a partner, which needs one in its column…
		const t = grid([
			[3, 10, 12],
			[8, 15, 10],
			[11, 12, 14]
		]);
		const result = plan(t);
		expect(result.hidden.get('u0g0')).toBe('small');
		// A cell in a row without any small cell is hidden: only a later pass can have done that.
		expect([...result.hidden.keys()].some((id) => id.startsWith('u2'))).toBe(true);
		expect(result.recoverable).toEqual([]);
		expect(result.violated).toEqual([]);
	});

	it('audits combinations of relations: a row with one non-empty cell (shrunk from a random case)', () => {
		// k = 6. Relation by relation, hiding u0, u0g1, u1, u1g0, u1g1, u2g0, u2g2, g0, g2 looks safe, but
		// u0 = u0g1 (row u0 has one non-empty cell), g1 gives u0g1 + u1g1 = 12 − 6, the grand total gives
		// u0 + u1 = 19 − 12, so u1g0 = u1 − u1g1 = 7 − 6 = 1. The audit hides u2g1 (6) as well.
		const t = grid(
			[
				[0, 1, 0],
				[1, 5, 0],
				[4, 6, 2]
			],
			6
		);
		const result = plan(t);
		expect(result.recoverable).toEqual([]);
		expect(result.violated).toEqual([]);
		expect(result.hidden.get('u2g1')).toBe('complementary');
		expect(result.hidden.size).toBe(10);
	});

	it('protects one small rated unit inside a known total', () => {
		// The raters of all rated units together are known (parent null): one small one needs a partner.
		const result = plan(
			siblings(null, [
				['r:1', 12],
				['r:2', 3],
				['r:3', 12],
				['r:4', 7]
			])
		);
		expect(result.reasons).toEqual({ 'r:2': 'small', 'r:4': 'complementary' });
		expect(result.recoverable).toEqual([]);
		expect(
			plan(
				siblings(null, [
					['r:1', 3],
					['r:2', 3],
					['r:3', 12]
				])
			).reasons
		).toEqual({ 'r:1': 'small', 'r:2': 'small' });
	});
});

// ---------------------------------------------------------------------------------------------
// Seeded random tables and result trees.

type Random = ReturnType<typeof mulberry32>;
const between = (rnd: Random, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
/** Zeros, small counts and large ones, in roughly equal measure. */
const someCount = (rnd: Random, k: number) => {
	const x = rnd();
	return x < 0.25 ? 0 : x < 0.55 ? between(rnd, 1, k - 1) : between(rnd, k, 3 * k);
};

describe('planSuppression, random tables', () => {
	it('leaves no hidden cell recoverable in 200 random units × groups tables', () => {
		const rnd = mulberry32(20260101);
		for (let n = 0; n < 200; n++) {
			const k = between(rnd, 2, 6);
			const width = between(rnd, 2, 4);
			const counts = Array.from({ length: between(rnd, 2, 5) }, () =>
				Array.from({ length: width }, () => someCount(rnd, k))
			);
			const result = plan(grid(counts, k));
			expect({ n, counts, k, recoverable: result.recoverable, violated: result.violated }).toEqual({
				n,
				counts,
				k,
				recoverable: [],
				violated: []
			});
		}
	}, 30_000);
});

// ---------------------------------------------------------------------------------------------
// Result trees: the attacker sees every view the campaign can produce. Unknowns are the cells'
// sheet counts; each published figure is the sum over a set of cells, worked out here from the
// data independently of the tree's own relations.

type Figure = { label: string; cells: number[]; row: ResultRow['figures'] | ResultsView['total'] };

function allViews(data: ResultsData): ResultsView[] {
	const tree = buildResultTree(data);
	const units: (number | null)[] = [null, ...[...tree.children.keys()].filter((u): u is number => u !== 'root')];
	const groups: (number | null)[] = [null, ...data.groups.map((g) => g.id)];
	const views: ResultsView[] = [];
	for (const unitId of units)
		for (const groupId of groups) {
			const result = resultsView(tree, { unitId, groupId }, null);
			if (!result.ok) throw new Error(`${unitId}/${groupId}: ${result.error}`);
			views.push(result.view);
		}
	return views;
}

function publishedFigures(data: ResultsData, views: ResultsView[]): Figure[] {
	const parentOf = new Map(data.units.map((u) => [u.id, u.parentId]));
	const within = (unitId: number, top: number) => {
		for (let u: number | null = unitId; u !== null; u = parentOf.get(u) ?? null) if (u === top) return true;
		return false;
	};
	const cellsWhere = (keep: (c: ResultCell) => boolean) => data.cells.filter(keep).map((c) => c.id);
	const out: Figure[] = [];
	for (const v of views) {
		const inGroup = (c: ResultCell) => v.group === null || c.groupId === v.group.id;
		const here = (c: ResultCell) => v.unit === null || within(c.unitId, v.unit.id);
		const at = `${v.unit?.code ?? 'root'}/${v.group?.code ?? '*'}`;
		out.push({ label: `${at} total`, cells: cellsWhere((c) => here(c) && inGroup(c)), row: v.total });
		for (const row of v.byGroup)
			out.push({
				label: `${at} group ${row.code}`,
				cells: cellsWhere((c) => here(c) && c.groupId === row.id),
				row: row.figures
			});
		for (const row of v.byUnit) {
			const mine =
				row.kind === 'own' ? (c: ResultCell) => c.unitId === row.id : (c: ResultCell) => within(c.unitId, row.id);
			out.push({
				label: `${at} ${row.kind} ${row.code}`,
				cells: cellsWhere((c) => mine(c) && inGroup(c)),
				row: row.figures
			});
		}
		for (const row of v.ratedUnits) {
			const groups = data.ratedBy.get(row.id) ?? [];
			out.push({
				label: `${at} rated ${row.code}`,
				cells: cellsWhere((c) => groups.includes(c.groupId)),
				row: row.figures
			});
		}
	}
	return out;
}

/** Hidden figures whose sheet count follows from the shown ones; also checks every shown figure. */
function recoverableInViews(data: ResultsData): string[] {
	const figures = publishedFigures(data, allViews(data));
	const cellIds = data.cells.map((c) => c.id);
	const sheetsOf = new Map(data.cells.map((c) => [c.id, c.sheets]));
	const vector = (cells: number[]) => cellIds.map((id) => (cells.includes(id) ? 1n : 0n));
	const space = new RowSpace(cellIds.length);
	const known = new Set<string>();
	for (const f of figures) {
		if (!f.row.shown) continue;
		const sheets = f.cells.reduce((s, id) => s + sheetsOf.get(id)!, 0);
		expect(f.row.sheets, f.label).toBe(sheets);
		expect(sheets === 0 || sheets >= data.k, `${f.label} shows ${sheets} < k`).toBe(true);
		// The same figure shows up in many views: one equation is enough.
		if (!known.has(f.cells.join())) space.add(vector(f.cells));
		known.add(f.cells.join());
	}
	return [...new Set(figures.filter((f) => !f.row.shown && space.contains(vector(f.cells))).map((f) => f.label))];
}

const EMPTY_TALLIES: ResultsData['tallies'] = [];
// Counts are what matter here: one sub-criterion keeps the thousands of views cheap to score.
const TINY_FRAMEWORK: Framework = {
	...DEFAULT_FRAMEWORK,
	surveyPoints: 1,
	fields: [
		{
			code: '1',
			title: 'Lĩnh vực',
			maxPoints: 1,
			criteria: [
				{
					code: '1.1',
					title: 'Tiêu chí',
					maxPoints: 1,
					subCriteria: [{ code: '1.1.1', title: 'Tiêu chí thành phần', maxPoints: 1, surveyScored: true }]
				}
			]
		}
	]
};
const TINY_QUESTIONNAIRE: Questionnaire = {
	...DEFAULT_QUESTIONNAIRE,
	sections: [
		{
			id: 's',
			title: 'Phần',
			repeatPerRatedUnit: false,
			questions: [{ ...DEFAULT_QUESTIONNAIRE.sections[0].questions[0], subCriterion: '1.1.1' }]
		}
	]
};

/** A random campaign: unit tree of depth 1–3 under a province, 2–4 groups, cells anywhere, rated units. */
function randomCampaign(rnd: Random): ResultsData {
	const k = between(rnd, 3, 6);
	const units: ResultsData['units'] = [{ id: 1, parentId: null, code: 'P', name: 'Tỉnh' }];
	const depth = between(rnd, 1, 3);
	let level = [1];
	for (let d = 0; d < depth; d++) {
		const next: number[] = [];
		for (const parent of level)
			for (let i = between(rnd, d === 0 ? 1 : 0, 3); i > 0; i--) {
				const id = units.length + 1;
				units.push({ id, parentId: parent, code: `U${id}`, name: `Đơn vị ${id}` });
				next.push(id);
			}
		level = next;
	}
	const groups = Array.from({ length: between(rnd, 2, 4) }, (_, i) => ({
		id: 100 + i,
		code: `G${i}`,
		name: `Nhóm ${i}`
	}));
	const cells: ResultCell[] = [];
	for (const u of units)
		for (const g of groups)
			if (rnd() < (u.id === 1 ? 0.3 : 0.6))
				cells.push({ id: cells.length + 1, groupId: g.id, unitId: u.id, sheets: someCount(rnd, k) });
	if (cells.length === 0) cells.push({ id: 1, groupId: groups[0].id, unitId: units[units.length - 1].id, sheets: k });
	// Rated units (departments) hang under the province but have no cells.
	const ratedBy = new Map<number, number[]>();
	for (let i = between(rnd, 0, 4); i > 0; i--) {
		const id = 900 + i;
		units.push({ id, parentId: 1, code: `R${i}`, name: `Sở ${i}` });
		const raters = groups.filter(() => rnd() < 0.5).map((g) => g.id);
		ratedBy.set(id, raters.length > 0 ? raters : [groups[0].id]);
	}
	return {
		k,
		framework: TINY_FRAMEWORK,
		questionnaires: new Map(groups.map((g) => [g.id, TINY_QUESTIONNAIRE])),
		groups,
		units,
		rootUnitId: rnd() < 0.5 ? null : 1,
		cells,
		ratedBy,
		tallies: EMPTY_TALLIES
	};
}

describe('result trees: nothing hidden can be recovered from everything shown', () => {
	it('a small group next to one other group, whose raters are shown as a rated unit', () => {
		// Commune leaders (12 sheets) rate a department; department leaders (3) are small. Hiding the
		// commune leaders' total protects the small group only if the department's raters are hidden too.
		const data: ResultsData = {
			k: 5,
			framework: DEFAULT_FRAMEWORK,
			questionnaires: new Map([
				[1, DEFAULT_QUESTIONNAIRE],
				[2, DEFAULT_QUESTIONNAIRE]
			]),
			groups: [
				{ id: 1, code: 'LDX', name: 'Lãnh đạo xã' },
				{ id: 2, code: 'LDS', name: 'Lãnh đạo sở' }
			],
			units: [
				{ id: 10, parentId: null, code: '51', name: 'Quảng Ngãi' },
				{ id: 11, parentId: 10, code: 'X1', name: 'Xã 1' },
				{ id: 12, parentId: 10, code: 'X2', name: 'Xã 2' },
				{ id: 20, parentId: 10, code: 'SNV', name: 'Sở Nội vụ' },
				{ id: 21, parentId: 10, code: 'STP', name: 'Sở Tư pháp' }
			],
			rootUnitId: null,
			cells: [
				{ id: 1, groupId: 1, unitId: 11, sheets: 6 },
				{ id: 2, groupId: 1, unitId: 12, sheets: 6 },
				{ id: 3, groupId: 2, unitId: 10, sheets: 3 }
			],
			ratedBy: new Map([
				[20, [1]],
				[21, [1]],
				[11, [2]],
				[12, [2]]
			]),
			tallies: EMPTY_TALLIES
		};
		expect(recoverableInViews(data)).toEqual([]);
	});

	it('a unit whose sheets all come from one group, next to small cells (shrunk from a random case)', () => {
		// The grid case above as a unit tree: communes X0–X2 under the province, groups G0–G2, k = 6.
		const groups = [0, 1, 2].map((i) => ({ id: 100 + i, code: `G${i}`, name: `Nhóm ${i}` }));
		const counts = [
			[0, 1, 0],
			[1, 5, 0],
			[4, 6, 2]
		];
		const data: ResultsData = {
			k: 6,
			framework: TINY_FRAMEWORK,
			questionnaires: new Map(groups.map((g) => [g.id, TINY_QUESTIONNAIRE])),
			groups,
			units: [
				{ id: 1, parentId: null, code: 'P', name: 'Tỉnh' },
				...[0, 1, 2].map((i) => ({ id: 10 + i, parentId: 1, code: `X${i}`, name: `Xã ${i}` }))
			],
			rootUnitId: 1,
			cells: counts.flatMap((row, i) =>
				row.map((sheets, j) => ({ id: 1 + i * 3 + j, groupId: 100 + j, unitId: 10 + i, sheets }))
			),
			ratedBy: new Map(),
			tallies: EMPTY_TALLIES
		};
		expect(recoverableInViews(data)).toEqual([]);
	});

	it('over 200 random campaigns (seeded)', () => {
		const rnd = mulberry32(6);
		const hiddenSeen = { small: 0, complementary: 0, rated: 0 };
		for (let n = 0; n < 200; n++) {
			const data = randomCampaign(rnd);
			const found = recoverableInViews(data);
			const context = JSON.stringify({
				n,
				k: data.k,
				units: data.units,
				rootUnitId: data.rootUnitId,
				cells: data.cells,
				ratedBy: [...data.ratedBy]
			});
			expect(found, context).toEqual([]);
			const tree = buildResultTree(data);
			for (const [id, reason] of tree.hidden) {
				hiddenSeen[reason]++;
				if (id.startsWith('r:')) hiddenSeen.rated++;
			}
		}
		// The cases did exercise suppression, of both kinds and of rated units.
		expect(hiddenSeen.small).toBeGreaterThan(500);
		expect(hiddenSeen.complementary).toBeGreaterThan(200);
		expect(hiddenSeen.rated).toBeGreaterThan(50);
	}, 30_000);
});
