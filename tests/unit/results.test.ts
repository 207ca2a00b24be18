// resultsView: what a viewer gets at a unit and group — scope, rows, distributions — and that a
// hidden figure carries no number anywhere.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAMEWORK } from '$lib/domain/framework';
import { DEFAULT_QUESTIONNAIRE } from '$lib/domain/questionnaire';
import { buildResultTree, subtreeNode, type ResultTree, type ResultsData, type TallyRow } from '$lib/domain/results';
import {
	nodeOfRow,
	resultsView,
	splitRankings,
	type ResultsSelection,
	type ResultsView
} from '$lib/domain/results-view';

// Province P → communes X1 (→ office O1), X2, X3; department D has no cells (it is only rated).
// Group G1 (commune leaders) everywhere; G2 (department leaders) small in X2, and pooled at P.
const P = 1,
	X1 = 11,
	X2 = 12,
	X3 = 13,
	O1 = 111,
	D = 20;
const G1 = 101,
	G2 = 102;
const CELLS: [id: number, unitId: number, groupId: number, sheets: number][] = [
	[1, X1, G1, 5],
	[2, O1, G1, 6],
	[3, X2, G1, 6],
	[4, X2, G2, 2],
	[5, X3, G1, 7],
	[6, X3, G2, 5],
	[7, P, G2, 5]
];

/** Every sheet answers q1.1.1 (all A but one "Không biết") and q8.1.1 (B); G1 also rates D on u5.2.2 (A). */
function talliesFor(cells: typeof CELLS): TallyRow[] {
	return cells.flatMap(([cellId, , groupId, sheets]) => [
		{ cellId, questionId: 'q1.1.1', unitKey: '', optionId: 'A', count: sheets - 1 },
		{ cellId, questionId: 'q1.1.1', unitKey: '', optionId: 'E', count: 1 },
		{ cellId, questionId: 'q8.1.1', unitKey: '', optionId: 'B', count: sheets },
		...(groupId === G1 ? [{ cellId, questionId: 'u5.2.2', unitKey: String(D), optionId: 'A', count: sheets }] : [])
	]);
}

function fixture(overrides: Partial<ResultsData> = {}): ResultsData {
	return {
		k: 5,
		framework: DEFAULT_FRAMEWORK,
		questionnaires: new Map([
			[G1, DEFAULT_QUESTIONNAIRE],
			[G2, DEFAULT_QUESTIONNAIRE]
		]),
		groups: [
			{ id: G1, code: 'G1', name: 'Lãnh đạo xã' },
			{ id: G2, code: 'G2', name: 'Lãnh đạo sở' }
		],
		units: [
			{ id: P, parentId: null, code: 'P', name: 'Tỉnh' },
			{ id: X1, parentId: P, code: 'X1', name: 'Xã 1' },
			{ id: X2, parentId: P, code: 'X2', name: 'Xã 2' },
			{ id: X3, parentId: P, code: 'X3', name: 'Xã 3' },
			{ id: O1, parentId: X1, code: 'O1', name: 'Phòng 1' },
			{ id: D, parentId: P, code: 'D', name: 'Sở' }
		],
		rootUnitId: null,
		cells: CELLS.map(([id, unitId, groupId, sheets]) => ({ id, unitId, groupId, sheets })),
		ratedBy: new Map([[D, [G1]]]),
		tallies: talliesFor(CELLS),
		...overrides
	};
}

// Views publish no reason; the plan (tree.hidden) keeps it, so tests read it there.
const treeOf = new WeakMap<ResultsView, ResultTree>();

function view(
	tree: ResultTree,
	selection: Partial<ResultsSelection> = {},
	viewerRoot: number | null = null
): ResultsView {
	const result = resultsView(tree, { unitId: null, groupId: null, ...selection }, viewerRoot);
	if (!result.ok) throw new Error(result.error);
	treeOf.set(result.view, tree);
	return result.view;
}

/** Every figure of a view, labelled. */
function figuresOf(v: ResultsView) {
	return [
		['total', v.total] as const,
		...[...v.byGroup, ...v.byUnit, ...v.ratedUnits].map((row) => [`${row.kind} ${row.code}`, row.figures] as const)
	];
}

/** A row's sheets, or why the plan hides it. */
const figureOf = (v: ResultsView, row: ResultsView['byUnit'][number]) =>
	row.figures.shown ? row.figures.sheets : treeOf.get(v)!.hidden.get(nodeOfRow(v, row));
const sheetsOf = (v: ResultsView, kind: string, code: string) =>
	figureOf(
		v,
		[...v.byGroup, ...v.byUnit, ...v.ratedUnits].find((r) => r.kind === kind && r.code === code)!
	);

describe('hidden figures', () => {
	it('carry no number anywhere, in any view of the campaign', () => {
		const tree = buildResultTree(fixture());
		const reasons = new Set<string>();
		for (const unitId of [null, P, X1, X2, X3, O1])
			for (const groupId of [null, G1, G2]) {
				for (const [label, figures] of figuresOf(view(tree, { unitId, groupId }))) {
					if (figures.shown) {
						expect(figures.sheets === 0 || figures.sheets >= 5, label).toBe(true);
						continue;
					}
					expect(Object.keys(figures).sort(), label).toEqual(['shown']);
					expect(JSON.stringify(figures)).not.toMatch(/sheets|score|points|distributions|count/);
				}
			}
		for (const reason of tree.hidden.values()) reasons.add(reason);
		expect([...reasons].sort()).toEqual(['complementary', 'small']);
		// X2's two department leaders are small; its commune leaders are hidden beside them.
		expect(sheetsOf(view(tree, { unitId: X2 }), 'group', 'G2')).toBe('small');
		expect(sheetsOf(view(tree, { unitId: X2 }), 'group', 'G1')).toBe('complementary');
		expect(sheetsOf(view(tree, { groupId: G2 }), 'unit', 'X2')).toBe('small');
	});

	it('hides the whole view when the campaign itself has fewer than k sheets', () => {
		const small = fixture({
			cells: [{ id: 1, unitId: X1, groupId: G1, sheets: 4 }],
			tallies: talliesFor([[1, X1, G1, 4]])
		});
		const smallTree = buildResultTree(small);
		const v = view(smallTree);
		expect(v.total).toEqual({ shown: false });
		expect(smallTree.hidden.get(subtreeNode(X1, '*'))).toBe('small');
		expect(JSON.stringify(v)).not.toMatch(/"sheets"|"score"|"distributions"/);
	});
});

describe('scope and navigation', () => {
	const tree = buildResultTree(fixture());

	it('starts at the only child of the root (the province), with the path from there', () => {
		const v = view(tree);
		expect(v.unit).toEqual({ id: P, code: 'P', name: 'Tỉnh' });
		expect(v.path.map((u) => u.code)).toEqual(['P']);
		expect(view(buildResultTree(fixture({ rootUnitId: P }))).unit?.code).toBe('P');
		// Two top units: the root itself is the start.
		const twoTops = fixture({
			units: [...fixture().units, { id: 2, parentId: null, code: 'Q', name: 'Tỉnh khác' }],
			cells: [...fixture().cells, { id: 9, unitId: 2, groupId: G1, sheets: 5 }]
		});
		const top = view(buildResultTree(twoTops));
		expect(top.unit).toBeNull();
		expect(top.path).toEqual([]);
		expect(top.byUnit.map((r) => r.code)).toEqual(['P', 'Q']);
	});

	it('lists child units (with hasChildren) and an "own" row for cells reported at the unit itself', () => {
		const atP = view(tree);
		expect(atP.byUnit.map((r) => [r.kind, r.code, r.hasChildren])).toEqual([
			['unit', 'X1', true],
			['unit', 'X2', false],
			['unit', 'X3', false],
			['own', 'P', false]
		]);
		// The own row at P is the pooled department leaders (5); here it is hidden beside X2's small group.
		expect(sheetsOf(atP, 'own', 'P')).toBe('complementary');
		const big = CELLS.map(([id, unitId, groupId, sheets]): (typeof CELLS)[number] => [
			id,
			unitId,
			groupId,
			id === 4 ? 5 : sheets
		]);
		const shown = view(
			buildResultTree(
				fixture({
					cells: big.map(([id, unitId, groupId, sheets]) => ({ id, unitId, groupId, sheets })),
					tallies: talliesFor(big)
				})
			)
		);
		expect(shown.byUnit.map((r) => [r.kind, r.code, sheetsOf(shown, r.kind, r.code)])).toEqual([
			['unit', 'X1', 11],
			['unit', 'X2', 11],
			['unit', 'X3', 12],
			['own', 'P', 5]
		]);
		const atX1 = view(tree, { unitId: X1 });
		expect(atX1.path.map((u) => u.code)).toEqual(['P', 'X1']);
		expect(atX1.byUnit.map((r) => [r.kind, r.code, sheetsOf(atX1, r.kind, r.code)])).toEqual([
			['unit', 'O1', 6],
			['own', 'X1', 5]
		]);
		expect(atX1.total.shown && atX1.total.sheets).toBe(11);
		// A leaf has no rows below it.
		expect(view(tree, { unitId: O1 }).byUnit).toEqual([]);
	});

	it('limits an organiser to their subtree', () => {
		const v = view(tree, {}, X1);
		expect(v.unit?.code).toBe('X1');
		expect(v.path.map((u) => u.code)).toEqual(['X1']);
		expect(view(tree, { unitId: O1 }, X1).path.map((u) => u.code)).toEqual(['X1', 'O1']);
		expect(v.ratedUnits).toEqual([]);
		for (const unitId of [X2, P])
			expect(resultsView(tree, { unitId, groupId: null }, X1)).toEqual({ ok: false, error: 'unitOutside' });
		// The department has people but no reporting cell of its own: nothing to show.
		expect(resultsView(tree, { unitId: null, groupId: null }, D)).toEqual({ ok: false, error: 'nothingInScope' });
	});

	it('refuses units and groups it does not know', () => {
		expect(resultsView(tree, { unitId: D, groupId: null }, null)).toEqual({ ok: false, error: 'unitUnknown' });
		expect(resultsView(tree, { unitId: 999, groupId: null }, null)).toEqual({ ok: false, error: 'unitUnknown' });
		expect(resultsView(tree, { unitId: null, groupId: 999 }, null)).toEqual({ ok: false, error: 'groupUnknown' });
	});
});

describe('group filter', () => {
	const tree = buildResultTree(fixture());

	it('narrows every figure to the group and drops the group split', () => {
		const all = view(tree);
		const g1 = view(tree, { groupId: G1 });
		expect(g1.group?.code).toBe('G1');
		expect(g1.byGroup).toEqual([]);
		expect(g1.ratedUnits).toEqual([]);
		// The filtered total is the G1 row of the unfiltered view, score included.
		const row = all.byGroup.find((r) => r.code === 'G1')!.figures;
		const { distributions, ...total } = g1.total.shown ? g1.total : { distributions: null };
		expect(distributions).not.toBeNull();
		expect(total).toEqual(row);
		expect(g1.total.shown && g1.total.sheets).toBe(5 + 6 + 6 + 7);
		expect(sheetsOf(g1, 'unit', 'X1')).toBe(11);
		// No G1 cell at P: its own row under G1 is empty, not missing.
		expect(sheetsOf(g1, 'own', 'P')).toBe(0);
	});

	it('offers the groups present under the unit only', () => {
		expect(view(tree, { unitId: X1 }).byGroup.map((r) => r.code)).toEqual(['G1']);
		expect(view(tree).byGroup.map((r) => r.code)).toEqual(['G1', 'G2']);
	});
});

describe('distributions and rated units', () => {
	const tree = buildResultTree(fixture());

	it('count every answer once, "Không biết" included, and sum to answered', () => {
		const v = view(tree);
		if (!v.total.shown) throw new Error('total hidden');
		const all = CELLS.reduce((s, c) => s + c[3], 0);
		const byId = new Map(v.total.distributions.map((d) => [d.questionId, d]));
		for (const d of v.total.distributions)
			expect(
				d.options.reduce((s, o) => s + o.count, 0),
				d.questionId
			).toBe(d.answered);
		// q1.1.1: every sheet, one "Không biết" per cell.
		expect(byId.get('q1.1.1')!.answered).toBe(all);
		expect(byId.get('q1.1.1')!.options.map((o) => [o.id, o.count, o.dontKnow])).toEqual([
			['A', all - CELLS.length, false],
			['B', 0, false],
			['C', 0, false],
			['D', 0, false],
			['E', CELLS.length, true]
		]);
		// The rated section: only commune leaders answered it, once per sheet for D.
		expect(byId.get('u5.2.2')).toMatchObject({ rated: true, answered: 5 + 6 + 6 + 7 });
		expect(byId.get('q2.1.1')!.answered).toBe(0);
		// Each question once, even though both groups share the questionnaire.
		expect(v.total.distributions.length).toBe(DEFAULT_QUESTIONNAIRE.sections.flatMap((s) => s.questions).length);
	});

	it('ranks rated units by points in the whole-campaign view only: no answers next, hidden ones last', () => {
		// D and E are rated by G1 (24 sheets; u5.2.2 all A for D → 1, all C for E → 0.2); N by G1 with no answer
		// about it (points null); F by G2 and H by G3, a third group of 3 sheets at P. G3 is small, so H is;
		// G3's total needs a partner in the group split at P, G2's (12), so F's raters — exactly G2 — are hidden too.
		const G3 = 103;
		const rated = [
			[21, 'E'],
			[22, 'F'],
			[23, 'H'],
			[24, 'N']
		] as const;
		const units = [...fixture().units, ...rated.map(([id, code]) => ({ id, parentId: P, code, name: `Sở ${code}` }))];
		const cells = [...CELLS, [8, P, G3, 3]] as typeof CELLS;
		const aboutE: TallyRow[] = CELLS.filter((c) => c[2] === G1).map(([cellId, , , sheets]) => ({
			cellId,
			questionId: 'u5.2.2',
			unitKey: '21',
			optionId: 'C',
			count: sheets
		}));
		const t = buildResultTree(
			fixture({
				groups: [...fixture().groups, { id: G3, code: 'G3', name: 'Nhóm nhỏ' }],
				questionnaires: new Map([
					[G1, DEFAULT_QUESTIONNAIRE],
					[G2, DEFAULT_QUESTIONNAIRE],
					[G3, DEFAULT_QUESTIONNAIRE]
				]),
				units,
				cells: cells.map(([id, unitId, groupId, sheets]) => ({ id, unitId, groupId, sheets })),
				ratedBy: new Map([
					[D, [G1]],
					[21, [G1]],
					[22, [G2]],
					[23, [G3]],
					[24, [G1]]
				]),
				tallies: [...talliesFor(cells), ...aboutE]
			})
		);
		const v = view(t);
		expect(v.byGroup.map((r) => [r.code, figureOf(v, r)])).toEqual([
			['G1', 24],
			['G2', 'complementary'],
			['G3', 'small']
		]);
		expect(
			v.ratedUnits.map((r) => [r.code, r.figures.shown ? [r.figures.sheets, r.figures.score.points] : figureOf(v, r)])
		).toEqual([
			['D', [24, 1]],
			['E', [24, 0.2]],
			['N', [24, null]],
			['F', 'complementary'],
			['H', 'small']
		]);
		// One ranking per set of rating groups, each by points with hidden ones last.
		expect(splitRankings(v.ratedUnits).map((r) => [r.ratedBy, r.rows.map((x) => x.code)])).toEqual([
			[['G1'], ['D', 'E', 'N']],
			[['G2'], ['F']],
			[['G3'], ['H']]
		]);
		expect(view(t, { unitId: X1 }).ratedUnits).toEqual([]);
		expect(view(t, { groupId: G1 }).ratedUnits).toEqual([]);
	});
});

describe('questions answered by only some groups', () => {
	// Four communes, two groups in each; only G2 is asked q8.1.1 (G1's questionnaire lacks it), and only G1
	// rates department D. In X1 the G2 group has 3 sheets (hidden), so X1's total is shown (12 sheets) but
	// both its group rows are hidden.
	const Xs = [11, 12, 13, 14];
	const cells: [number, number, number, number][] = [
		[1, 11, G1, 9],
		[2, 11, G2, 3],
		[3, 12, G1, 8],
		[4, 12, G2, 9],
		[5, 13, G1, 7],
		[6, 13, G2, 8],
		[7, 14, G1, 9],
		[8, 14, G2, 6]
	];
	const withoutQ8: typeof DEFAULT_QUESTIONNAIRE = {
		...DEFAULT_QUESTIONNAIRE,
		sections: DEFAULT_QUESTIONNAIRE.sections.map((s) => ({
			...s,
			questions: s.questions.filter((q) => q.id !== 'q8.1.1')
		}))
	};
	const tallies: TallyRow[] = cells.flatMap(([cellId, , g, n]) => [
		{ cellId, questionId: 'q1.1.1', unitKey: '', optionId: 'A', count: n },
		...(g === G2
			? cellId === 2
				? [
						{ cellId, questionId: 'q8.1.1', unitKey: '', optionId: 'A', count: 2 },
						{ cellId, questionId: 'q8.1.1', unitKey: '', optionId: 'D', count: 1 }
					]
				: [{ cellId, questionId: 'q8.1.1', unitKey: '', optionId: 'B', count: n }]
			: [{ cellId, questionId: 'u5.2.2', unitKey: String(D), optionId: 'A', count: n }])
	]);
	const data = fixture({
		questionnaires: new Map([
			[G1, withoutQ8],
			[G2, DEFAULT_QUESTIONNAIRE]
		]),
		units: [
			{ id: P, parentId: null, code: 'P', name: 'Tỉnh' },
			{ id: D, parentId: P, code: 'D', name: 'Sở' },
			...Xs.map((id, i) => ({ id, parentId: P, code: `X${i + 1}`, name: `Xã ${i + 1}` }))
		],
		cells: cells.map(([id, unitId, groupId, sheets]) => ({ id, unitId, groupId, sheets })),
		ratedBy: new Map([[D, [G1]]]),
		tallies
	});

	it('withholds them where one of those groups is hidden: the hidden group’s answers never show through the total', () => {
		const tree = buildResultTree(data);
		const x1 = view(tree, { unitId: 11 });
		expect(x1.byGroup.map((r) => r.figures.shown)).toEqual([false, false]);
		if (!x1.total.shown) throw new Error('X1 total should be shown');
		expect(x1.total.sheets).toBe(12);
		// q8.1.1 (G2 only: 2 × A, 1 × D) and u5.2.2 (G1 only: answered = G1's 9 sheets, so G2 = 12 − 9) are gone.
		expect(x1.total.distributions.filter((d) => d.answered > 0).map((d) => d.questionId)).toEqual(['q1.1.1']);
		expect(x1.total.distributions.map((d) => d.questionId)).not.toContain('q8.1.1');
		expect(x1.total.distributions.map((d) => d.questionId)).not.toContain('u5.2.2');
		const subs = x1.total.score.fields.flatMap((f) => f.subCriteria);
		for (const code of ['8.1.1', '5.2.2'])
			expect(subs.find((s) => s.code === code)).toMatchObject({
				withheld: true,
				points: null,
				nValid: 0,
				nExcluded: 0
			});
		// Answered by both groups: shown as usual.
		expect(subs.find((s) => s.code === '1.1.1')).toMatchObject({ points: 1.5, nValid: 12 });
		expect(subs.find((s) => s.code === '1.1.1')!.withheld).toBeUndefined();
		// Where both groups are shown (X2), nothing is withheld.
		const x2 = view(tree, { unitId: 12 });
		if (!x2.total.shown) throw new Error('X2 total should be shown');
		expect(x2.total.distributions.filter((d) => d.answered > 0).map((d) => d.questionId)).toEqual([
			'q1.1.1',
			'u5.2.2',
			'q8.1.1'
		]);
		expect(x2.total.score.fields.flatMap((f) => f.subCriteria).some((s) => s.withheld)).toBe(false);
	});

	it('pools the answer options of different questionnaire versions sharing a question id', () => {
		// G2's version of q1.1.1 adds an option "F" that G1's lacks: its answers are counted, not dropped.
		const extra: typeof DEFAULT_QUESTIONNAIRE = {
			...DEFAULT_QUESTIONNAIRE,
			sections: DEFAULT_QUESTIONNAIRE.sections.map((s) => ({
				...s,
				questions: s.questions.map((q) =>
					q.id === 'q1.1.1'
						? { ...q, options: [...q.options, { id: 'F', label: 'Khác', weight: 0.5, dontKnow: false }] }
						: q
				)
			}))
		};
		const t = buildResultTree({
			...data,
			questionnaires: new Map([
				[G1, withoutQ8],
				[G2, extra]
			]),
			tallies: [...tallies, { cellId: 4, questionId: 'q1.1.1', unitKey: '', optionId: 'F', count: 2 }]
		});
		const x2 = view(t, { unitId: 12 });
		if (!x2.total.shown) throw new Error('X2 total should be shown');
		const q = x2.total.distributions.find((d) => d.questionId === 'q1.1.1')!;
		expect(q.options.find((o) => o.id === 'F')).toMatchObject({ label: 'Khác', count: 2 });
		expect(q.answered).toBe(17 + 2);
	});
});
