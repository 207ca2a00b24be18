// Results for analysts, the pure part: the per-cell tallies kept at cast time are turned into score
// counts per reporting cell, then added up per unit subtree, respondent group and rated unit.
// Every figure leaves through resultsView(), which asks the disclosure plan first: a hidden node
// carries no number at all, so no page, export or JSON endpoint can show one by mistake.
import {
	findRecoverable,
	isBelowK,
	planSuppression,
	type DisclosureNode,
	type Relation,
	type Suppression
} from './disclosure';
import type { Framework } from './framework';
import type { Questionnaire } from './questionnaire';
import {
	addAnswer,
	addTotals,
	answerWeight,
	questionIndex,
	scoreTotals,
	type ScoreTotals,
	type ScoringOptions,
	type SurveyScore
} from './scoring';

export interface ResultUnit {
	id: number;
	parentId: number | null;
	code: string;
	name: string;
}
export interface ResultGroup {
	id: number;
	code: string;
	name: string;
}
export interface ResultCell {
	id: number;
	groupId: number;
	unitId: number;
	sheets: number;
}
/** One row of ballot_tally: unitKey is '' outside repeated sections, else the rated unit's id. */
export interface TallyRow {
	cellId: number;
	questionId: string;
	unitKey: string;
	optionId: string;
	count: number;
}
export interface ResultsData {
	k: number;
	framework: Framework;
	/** Each group's questionnaire (who-rates-whom: groups may answer different ones). */
	questionnaires: Map<number, Questionnaire>;
	groups: ResultGroup[];
	/** Units of the campaign's tree; at least every cell's unit and its ancestors. */
	units: ResultUnit[];
	/** The campaign's scope: its root unit, or null for the whole tree. */
	rootUnitId: number | null;
	cells: ResultCell[];
	/** Rated unit id → the groups that rate it. */
	ratedBy: Map<number, number[]>;
	tallies: TallyRow[];
}

type OptionCounts = Map<string, number>;
interface CellAggregate {
	totals: ScoreTotals;
	/** questionId → optionId → answers, rated-unit answers pooled. */
	options: Map<string, OptionCounts>;
}

export interface ResultTree {
	data: ResultsData;
	unitsById: Map<number, ResultUnit>;
	/** Units in play (a cell's unit or one of its ancestors inside the scope) → their children in play. */
	children: Map<number | 'root', number[]>;
	/** Units with cells reported under them directly. */
	ownCells: Map<number, ResultCell[]>;
	sheets: Map<string, number>;
	hidden: Map<string, Suppression>;
	cellAggregates: Map<number, CellAggregate>;
	ratedTotals: Map<number, ScoreTotals>;
	raters: Map<number, number>;
}

type UnitRef = number | 'root';
type GroupRef = number | '*';
/** Subtree of a unit (or the whole campaign), for one group or all. */
export const subtreeNode = (unit: UnitRef, group: GroupRef) => `t:${unit}:${group}`;
/** Only the cells reported under the unit itself, not its children's. */
export const ownNode = (unit: number, group: GroupRef) => `o:${unit}:${group}`;
export const ratedNode = (unit: number) => `r:${unit}`;

function aggregateCells(data: ResultsData): Map<number, CellAggregate> {
	const groupOf = new Map(data.cells.map((c) => [c.id, c.groupId]));
	const indexes = new Map<number, ReturnType<typeof questionIndex>>();
	for (const [groupId, q] of data.questionnaires) indexes.set(groupId, questionIndex(q));
	const out = new Map<number, CellAggregate>();
	for (const cell of data.cells) out.set(cell.id, { totals: new Map(), options: new Map() });
	for (const row of data.tallies) {
		const agg = out.get(row.cellId);
		const question = indexes.get(groupOf.get(row.cellId) ?? -1)?.get(row.questionId);
		if (!agg || !question || row.count <= 0) continue;
		addAnswer(agg.totals, question.subCriterion, answerWeight(question, row.optionId), row.count);
		const opts = agg.options.get(row.questionId) ?? new Map<string, number>();
		opts.set(row.optionId, (opts.get(row.optionId) ?? 0) + row.count);
		agg.options.set(row.questionId, opts);
	}
	return out;
}

function aggregateRated(data: ResultsData): Map<number, ScoreTotals> {
	const groupOf = new Map(data.cells.map((c) => [c.id, c.groupId]));
	const indexes = new Map<number, ReturnType<typeof questionIndex>>();
	for (const [groupId, q] of data.questionnaires) indexes.set(groupId, questionIndex(q));
	const out = new Map<number, ScoreTotals>();
	for (const row of data.tallies) {
		if (row.unitKey === '' || row.count <= 0) continue;
		const question = indexes.get(groupOf.get(row.cellId) ?? -1)?.get(row.questionId);
		const unitId = Number(row.unitKey);
		if (!question || !Number.isInteger(unitId)) continue;
		const totals = out.get(unitId) ?? new Map();
		addAnswer(totals, question.subCriterion, answerWeight(question, row.optionId), row.count);
		out.set(unitId, totals);
	}
	return out;
}

/** Builds the tree of figures and decides, once for the whole campaign, which nodes are hidden. */
export function buildResultTree(data: ResultsData): ResultTree {
	const unitsById = new Map(data.units.map((u) => [u.id, u]));
	const inPlay = new Set<number>();
	for (const cell of data.cells) {
		for (let id: number | null = cell.unitId; id !== null && !inPlay.has(id);) {
			inPlay.add(id);
			if (id === data.rootUnitId) break;
			id = unitsById.get(id)?.parentId ?? null;
		}
	}
	const children = new Map<UnitRef, number[]>([['root', []]]);
	for (const id of [...inPlay].sort(
		(a, b) => (unitsById.get(a)?.code ?? '').localeCompare(unitsById.get(b)?.code ?? '') || a - b
	)) {
		const parent = unitsById.get(id)?.parentId ?? null;
		const key: UnitRef = id === data.rootUnitId || parent === null || !inPlay.has(parent) ? 'root' : parent;
		children.set(key, [...(children.get(key) ?? []), id]);
		if (!children.has(id)) children.set(id, []);
	}
	const ownCells = new Map<number, ResultCell[]>();
	for (const cell of data.cells) ownCells.set(cell.unitId, [...(ownCells.get(cell.unitId) ?? []), cell]);

	const groups: GroupRef[] = ['*', ...data.groups.map((g) => g.id)];
	const sheets = new Map<string, number>();
	const relations: Relation[] = [];
	const sum = (cells: ResultCell[], g: GroupRef) =>
		cells.reduce((s, c) => s + (g === '*' || c.groupId === g ? c.sheets : 0), 0);

	// Depth-first: a unit's subtree = its children's subtrees + its own cells, for every group and all.
	const visit = (unit: UnitRef): Map<GroupRef, number> => {
		const kids = children.get(unit) ?? [];
		const own = unit === 'root' ? [] : (ownCells.get(unit) ?? []);
		const totals = new Map<GroupRef, number>();
		const kidTotals = kids.map((kid) => visit(kid));
		for (const g of groups) {
			const total = kidTotals.reduce((s, t) => s + (t.get(g) ?? 0), 0) + sum(own, g);
			totals.set(g, total);
			sheets.set(subtreeNode(unit, g), total);
			if (kids.length > 0) {
				const parts = kids.map((kid) => subtreeNode(kid, g));
				if (unit !== 'root' && own.length > 0) {
					sheets.set(ownNode(unit, g), sum(own, g));
					parts.push(ownNode(unit, g));
				}
				relations.push({ parent: subtreeNode(unit, g), children: parts });
			}
		}
		const splitByGroup = (node: (g: GroupRef) => string) =>
			relations.push({ parent: node('*'), children: data.groups.map((g) => node(g.id)) });
		splitByGroup((g) => subtreeNode(unit, g));
		if (unit !== 'root' && kids.length > 0 && own.length > 0) splitByGroup((g) => ownNode(unit, g));
		return totals;
	};
	visit('root');

	const nodes: DisclosureNode[] = [...sheets].map(([id, n]) => ({ id, sheets: n }));
	const hidden = planSuppression(nodes, relations, data.k);

	// Rated units: raters are the sheets of the groups that rate the unit, i.e. the sum of those groups'
	// campaign totals. A rated unit is shown only when the shown figures determine that sum already:
	// a department rated by commune leaders alone must not show their count once it is hidden.
	const raters = new Map<number, number>();
	const ratedRelations: Relation[] = [];
	const unknown = new Map(hidden);
	for (const [unitId, groupIds] of data.ratedBy) {
		raters.set(
			unitId,
			data.cells.filter((c) => groupIds.includes(c.groupId)).reduce((s, c) => s + c.sheets, 0)
		);
		sheets.set(ratedNode(unitId), raters.get(unitId)!);
		const rating = data.groups.filter((g) => groupIds.includes(g.id)).map((g) => subtreeNode('root', g.id));
		ratedRelations.push({ parent: ratedNode(unitId), children: rating });
		unknown.set(ratedNode(unitId), 'complementary');
	}
	const determined = new Set(findRecoverable([...relations, ...ratedRelations], unknown));
	for (const [unitId, n] of raters) {
		if (isBelowK(n, data.k)) hidden.set(ratedNode(unitId), 'small');
		else if (!determined.has(ratedNode(unitId))) hidden.set(ratedNode(unitId), 'complementary');
	}

	return {
		data,
		unitsById,
		children,
		ownCells,
		sheets,
		hidden,
		cellAggregates: aggregateCells(data),
		ratedTotals: aggregateRated(data),
		raters
	};
}

// ---------------------------------------------------------------------------------------------
// The view: the only way figures leave this module.

/**
 * A hidden figure says only that it is hidden: whether it has fewer than k sheets or was hidden beside
 * one would tell a reader that its count is below k or not, which pins small counts by interval reasoning.
 */
export type Published<T> = ({ shown: true } & T) | { shown: false };
export interface NodeFigures {
	sheets: number;
	score: SurveyScore;
}
export interface OptionShare {
	id: string;
	label: string;
	weight: number | null;
	dontKnow: boolean;
	count: number;
}
export interface Distribution {
	questionId: string;
	text: string;
	subCriterion: string;
	rated: boolean;
	answered: number;
	options: OptionShare[];
}
export interface ResultRow {
	kind: 'unit' | 'own' | 'group' | 'rated';
	id: number;
	code: string;
	name: string;
	/** A unit row that can be opened to see the units below it. */
	hasChildren: boolean;
	figures: Published<NodeFigures>;
	/** Rated units: the codes of the groups that rate it (each such set is ranked on its own). */
	ratedBy?: string[];
}
export interface ResultsSelection {
	unitId: number | null;
	groupId: number | null;
}
export interface ResultsView {
	k: number;
	unit: { id: number; code: string; name: string } | null;
	group: ResultGroup | null;
	/** From the viewer's top down to the selected unit. */
	path: { id: number; code: string; name: string }[];
	groups: ResultGroup[];
	total: Published<NodeFigures & { distributions: Distribution[] }>;
	byGroup: ResultRow[];
	byUnit: ResultRow[];
	/**
	 * Rated units, one ranking per set of rating groups (departments rated by commune leaders apart from
	 * communes rated by department leaders), each by points with hidden ones last; only in the
	 * whole-campaign view without a group filter.
	 */
	ratedUnits: ResultRow[];
}

export type ViewError = 'unitUnknown' | 'unitOutside' | 'groupUnknown' | 'nothingInScope';

function cellsUnder(tree: ResultTree, unit: UnitRef, own: boolean): ResultCell[] {
	if (own && unit !== 'root') return tree.ownCells.get(unit as number) ?? [];
	const out: ResultCell[] = [];
	const walk = (u: UnitRef) => {
		if (u !== 'root') out.push(...(tree.ownCells.get(u) ?? []));
		for (const kid of tree.children.get(u) ?? []) walk(kid);
	};
	walk(unit);
	return out;
}

/** The per-group node of an all-groups node ('t:5:*' → 't:5:<g>'), or null for a node of one group. */
function groupNodeOf(node: string): ((groupId: number) => string) | null {
	return node.endsWith(':*') ? (groupId) => `${node.slice(0, -1)}${groupId}` : null;
}

/**
 * A shown all-groups figure pools groups; a question or sub-criterion answered by only some of them
 * (groups may have different questionnaires, or rate different units) is those groups' own figure. When
 * one of them is hidden at this node, that figure would publish it: withheld.
 */
function withholdByGroup(tree: ResultTree, node: string, cells: ResultCell[]) {
	const perGroup = groupNodeOf(node);
	const present = new Set(cells.filter((c) => c.sheets > 0).map((c) => c.groupId));
	const blocked = new Set([...present].filter((g) => perGroup !== null && tree.hidden.has(perGroup(g))));
	const contributors = (pick: (agg: CellAggregate) => Iterable<string>) => {
		const out = new Map<string, Set<number>>();
		for (const cell of cells)
			for (const key of pick(tree.cellAggregates.get(cell.id)!))
				out.set(key, (out.get(key) ?? new Set()).add(cell.groupId));
		return out;
	};
	const withheld = (by: Map<string, Set<number>>) =>
		new Set(
			[...by]
				.filter(([, groups]) => groups.size < present.size && [...groups].some((g) => blocked.has(g)))
				.map(([key]) => key)
		);
	if (blocked.size === 0) return { subs: new Set<string>(), questions: new Set<string>() };
	return {
		subs: withheld(
			contributors((agg) =>
				[...agg.totals]
					.filter(([, t]) => t.nExcluded > 0 || [...t.byWeight.values()].some((n) => n > 0))
					.map(([code]) => code)
			)
		),
		questions: withheld(
			contributors((agg) =>
				[...agg.options].filter(([, opts]) => [...opts.values()].some((n) => n > 0)).map(([id]) => id)
			)
		)
	};
}

function figuresOf(
	tree: ResultTree,
	node: string,
	cells: ResultCell[],
	options: ScoringOptions,
	withDistributions: false
): Published<NodeFigures>;
function figuresOf(
	tree: ResultTree,
	node: string,
	cells: ResultCell[],
	options: ScoringOptions,
	withDistributions: true
): Published<NodeFigures & { distributions: Distribution[] }>;
function figuresOf(
	tree: ResultTree,
	node: string,
	cells: ResultCell[],
	options: ScoringOptions,
	withDistributions: boolean
) {
	if (tree.hidden.has(node)) return { shown: false };
	const withheld = withholdByGroup(tree, node, cells);
	const totals: ScoreTotals = new Map();
	for (const cell of cells) addTotals(totals, tree.cellAggregates.get(cell.id)!.totals);
	for (const code of withheld.subs) totals.delete(code);
	const score = scoreTotals(tree.data.framework, totals, options);
	for (const field of score.fields) for (const s of field.subCriteria) if (withheld.subs.has(s.code)) s.withheld = true;
	const figures = { shown: true as const, sheets: tree.sheets.get(node) ?? 0, score };
	return withDistributions
		? { ...figures, distributions: distributionsOf(tree, cells).filter((d) => !withheld.questions.has(d.questionId)) }
		: figures;
}

function distributionsOf(tree: ResultTree, cells: ResultCell[]): Distribution[] {
	const counts = new Map<string, OptionCounts>();
	const groupsSeen = new Set<number>();
	for (const cell of cells) {
		groupsSeen.add(cell.groupId);
		for (const [questionId, opts] of tree.cellAggregates.get(cell.id)!.options) {
			const into = counts.get(questionId) ?? new Map<string, number>();
			for (const [optionId, n] of opts) into.set(optionId, (into.get(optionId) ?? 0) + n);
			counts.set(questionId, into);
		}
	}
	// Questions in questionnaire order, each once even when several groups share it; the options are the
	// union over the groups' versions (the first label wins), so no group's answers are dropped.
	const out: Distribution[] = [];
	const byId = new Map<string, Distribution>();
	for (const group of tree.data.groups) {
		const q = tree.data.questionnaires.get(group.id);
		if (!q || !groupsSeen.has(group.id)) continue;
		for (const section of q.sections) {
			for (const question of section.questions) {
				let d = byId.get(question.id);
				if (!d) {
					d = {
						questionId: question.id,
						text: question.text,
						subCriterion: question.subCriterion,
						rated: section.repeatPerRatedUnit,
						answered: 0,
						options: []
					};
					byId.set(question.id, d);
					out.push(d);
				}
				const got = counts.get(question.id) ?? new Map<string, number>();
				for (const o of question.options)
					if (!d.options.some((x) => x.id === o.id))
						d.options.push({
							id: o.id,
							label: o.label,
							weight: o.weight,
							dontKnow: o.dontKnow,
							count: got.get(o.id) ?? 0
						});
			}
		}
	}
	for (const d of out) d.answered = d.options.reduce((s, o) => s + o.count, 0);
	return out;
}

/** The disclosure node behind a row of a view (for tests and audits of the plan, which keep the reasons). */
export function nodeOfRow(view: Pick<ResultsView, 'unit' | 'group'>, row: Pick<ResultRow, 'kind' | 'id'>): string {
	const g: GroupRef = view.group ? view.group.id : '*';
	if (row.kind === 'unit') return subtreeNode(row.id, g);
	if (row.kind === 'own') return ownNode(row.id, g);
	if (row.kind === 'group') return subtreeNode(view.unit ? view.unit.id : 'root', row.id);
	return ratedNode(row.id);
}

/** Which ranking a rated unit belongs to: the set of groups that rate it. */
export const ratingKey = (row: Pick<ResultRow, 'ratedBy'>) => (row.ratedBy ?? []).join('+');

/** Rated units split into their rankings (rows come sorted by ranking, then by points). */
export function splitRankings(rows: ResultRow[]): { ratedBy: string[]; rows: ResultRow[] }[] {
	const out: { ratedBy: string[]; rows: ResultRow[] }[] = [];
	for (const row of rows) {
		const last = out[out.length - 1];
		if (last && ratingKey(last) === ratingKey(row)) last.rows.push(row);
		else out.push({ ratedBy: row.ratedBy ?? [], rows: [row] });
	}
	return out;
}

const pointsOf = (row: ResultRow) => (row.figures.shown ? (row.figures.score.points ?? -1) : -2);

/**
 * What a viewer may see of the campaign's results at one unit (null: the viewer's top) and group
 * (null: all). viewerRoot limits an organiser to their subtree.
 */
export function resultsView(
	tree: ResultTree,
	selection: ResultsSelection,
	viewerRoot: number | null,
	options: ScoringOptions = {}
): { ok: true; view: ResultsView } | { ok: false; error: ViewError } {
	const { data } = tree;
	const group = selection.groupId === null ? null : (data.groups.find((g) => g.id === selection.groupId) ?? null);
	if (selection.groupId !== null && !group) return { ok: false, error: 'groupUnknown' };
	const top: UnitRef = viewerRoot === null || viewerRoot === data.rootUnitId ? 'root' : viewerRoot;
	// A campaign under one unit (the province) starts at that unit: its children are the first split worth showing.
	let start: UnitRef = top;
	while (start === 'root' && (tree.children.get('root') ?? []).length === 1) start = tree.children.get('root')![0];
	const unit: UnitRef = selection.unitId ?? start;
	// An organiser whose subtree has no reporting cell (its people rolled up into a parent's cell) sees nothing.
	if (top !== 'root' && !tree.children.has(top)) return { ok: false, error: 'nothingInScope' };
	if (unit !== 'root' && !tree.children.has(unit)) return { ok: false, error: 'unitUnknown' };
	// The path from the viewer's top down to the unit; an organiser may not look above their unit.
	const path: number[] = [];
	for (let u: UnitRef = unit; u !== top;) {
		if (u === 'root') return { ok: false, error: 'unitOutside' };
		path.unshift(u);
		const parent: number | null = tree.unitsById.get(u)?.parentId ?? null;
		u = parent === null || !tree.children.has(parent) || u === data.rootUnitId ? 'root' : parent;
	}
	// An organiser's path starts at their own unit, as an admin's starts at the campaign's first unit.
	if (top !== 'root') path.unshift(top);
	const g: GroupRef = group ? group.id : '*';
	const unitInfo = (id: number) => {
		const u = tree.unitsById.get(id)!;
		return { id: u.id, code: u.code, name: u.name };
	};
	const filterGroup = (cells: ResultCell[]) => (group ? cells.filter((c) => c.groupId === group.id) : cells);

	const byUnit: ResultRow[] = (tree.children.get(unit) ?? []).map((kid) => ({
		kind: 'unit',
		...unitInfo(kid),
		hasChildren: (tree.children.get(kid) ?? []).length > 0,
		figures: figuresOf(tree, subtreeNode(kid, g), filterGroup(cellsUnder(tree, kid, false)), options, false)
	}));
	if (unit !== 'root' && byUnit.length > 0 && (tree.ownCells.get(unit) ?? []).length > 0) {
		byUnit.push({
			kind: 'own',
			...unitInfo(unit),
			hasChildren: false,
			figures: figuresOf(tree, ownNode(unit, g), filterGroup(cellsUnder(tree, unit, true)), options, false)
		});
	}
	const groupsHere = new Set(cellsUnder(tree, unit, false).map((c) => c.groupId));
	const byGroup: ResultRow[] = group
		? []
		: data.groups
				.filter((x) => groupsHere.has(x.id))
				.map((x) => ({
					kind: 'group',
					id: x.id,
					code: x.code,
					name: x.name,
					hasChildren: false,
					figures: figuresOf(
						tree,
						subtreeNode(unit, x.id),
						cellsUnder(tree, unit, false).filter((c) => c.groupId === x.id),
						options,
						false
					)
				}));

	let ratedUnits: ResultRow[] = [];
	if (unit === start && top === 'root' && !group) {
		ratedUnits = [...tree.raters.keys()]
			.filter((id) => tree.unitsById.has(id))
			.map((id): ResultRow => {
				const hidden = tree.hidden.has(ratedNode(id));
				const ratedBy = data.groups.filter((g) => data.ratedBy.get(id)?.includes(g.id)).map((g) => g.code);
				return {
					kind: 'rated',
					...unitInfo(id),
					hasChildren: false,
					ratedBy,
					figures: hidden
						? { shown: false }
						: {
								shown: true,
								sheets: tree.raters.get(id)!,
								score: scoreTotals(data.framework, tree.ratedTotals.get(id) ?? new Map(), options)
							}
				};
			})
			.sort(
				(a, b) => ratingKey(a).localeCompare(ratingKey(b)) || pointsOf(b) - pointsOf(a) || a.code.localeCompare(b.code)
			);
	}

	return {
		ok: true,
		view: {
			k: data.k,
			unit: unit === 'root' ? null : unitInfo(unit),
			group,
			path: path.map(unitInfo),
			groups: data.groups,
			total: figuresOf(tree, subtreeNode(unit, g), filterGroup(cellsUnder(tree, unit, false)), options, true),
			byGroup,
			byUnit,
			ratedUnits
		}
	};
}
