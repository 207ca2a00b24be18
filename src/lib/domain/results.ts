// Results for analysts, the pure part: the per-cell tallies kept at cast time are turned into score
// counts per reporting cell, then added up per unit subtree, respondent group and rated unit.
// The disclosure plan is made here, once per campaign; every figure leaves through resultsView()
// (results-view.ts), which asks it first, so no page, export or JSON endpoint can show one by mistake.
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
import { addAnswer, answerWeight, questionIndex, type ScoreTotals } from './scoring';

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

export type OptionCounts = Map<string, number>;
export interface CellAggregate {
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

export type UnitRef = number | 'root';
export type GroupRef = number | '*';
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
