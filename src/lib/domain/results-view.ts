// The view: the only way figures leave the results. Every figure is read through the disclosure plan
// that buildResultTree (results.ts) made once for the campaign: a hidden node carries no number at all.
import {
	ownNode,
	ratedNode,
	subtreeNode,
	type CellAggregate,
	type GroupRef,
	type ResultCell,
	type ResultGroup,
	type ResultTree,
	type UnitRef
} from './results';
import { distributionsOf, type Distribution } from './results-distributions';
import { addTotals, scoreTotals, type ScoreTotals, type ScoringOptions, type SurveyScore } from './scoring';

/**
 * A hidden figure says only that it is hidden: whether it has fewer than k sheets or was hidden beside
 * one would tell a reader that its count is below k or not, which pins small counts by interval reasoning.
 */
export type Published<T> = ({ shown: true } & T) | { shown: false };
export interface NodeFigures {
	sheets: number;
	score: SurveyScore;
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
