// The eight export tables, built from what the disclosure gate (publishedResults) returned: a hidden
// figure has no number to put in a cell, only "< k". Texts are message keys (translated by
// server/results/tables.ts); names and codes are data and stay as they are.
import type { Message, MessageKey, MessageParams } from './message';
import {
	hiddenCell,
	percentOf,
	type ColumnKind,
	type ExportableResults,
	type KeyedCell,
	type KeyedTable,
	type ResultTableKey,
	type TableOptions
} from './results-table';
import { splitRankings, type NodeFigures, type Published, type ResultRow } from './results-view';
import { frameworkTitles } from './results-titles';
import { DEFAULT_DECIMALS, roundPoints, scoredMaxPoints, scoreTotals, type SurveyScore } from './scoring';

/** Standard competition ranking (1, 2, 2, 4) of the rows with points; others get none. */
function ranks(points: (number | null)[]): (number | null)[] {
	return points.map((p) => (p === null ? null : 1 + points.filter((q) => q !== null && q > p).length));
}

interface Context extends ExportableResults {
	decimals: number | null;
	hidden: Message;
	/** The framework's survey part with no answers: the codes and maxima when the figures are hidden. */
	skeleton: SurveyScore;
	titles: Record<string, string>;
}

type Column = [header: Message, kind: ColumnKind];
const col = (key: MessageKey, kind: ColumnKind, params?: MessageParams): Column => [
	params ? { key, params } : { key },
	kind
];
const text = (key: MessageKey, params?: MessageParams): Message => (params ? { key, params } : { key });

function table(ctx: Context, key: ResultTableKey, columns: Column[], rows: KeyedCell[][]): KeyedTable {
	const { unit, group } = ctx.view;
	return {
		key,
		title: { table: key, unit: unit ? unit.name : null, group: group ? group.name : null },
		headers: columns.map((c) => c[0]),
		kinds: columns.map((c) => c[1]),
		rows
	};
}

/** The selection's score, or the framework's skeleton with every figure hidden. */
function totalScore(ctx: Context): { score: SurveyScore; shown: boolean } {
	return ctx.view.total.shown ? { score: ctx.view.total.score, shown: true } : { score: ctx.skeleton, shown: false };
}

function figureCells(ctx: Context, shown: boolean, points: number | null, maxPoints: number): KeyedCell[] {
	return shown ? [points, percentOf(points, maxPoints, ctx.decimals)] : [ctx.hidden, ctx.hidden];
}

function fieldsTable(ctx: Context) {
	const { score, shown } = totalScore(ctx);
	const rows: KeyedCell[][] = score.fields.map((f) => [
		f.code,
		ctx.titles[f.code] ?? '',
		f.maxPoints,
		...figureCells(ctx, shown, f.points, f.maxPoints)
	]);
	rows.push([
		'',
		text('resultsExport.row.total'),
		score.maxPoints,
		...figureCells(ctx, shown, score.points, score.maxPoints)
	]);
	const columns = [
		col('resultsExport.col.code', 'text'),
		col('resultsExport.col.field', 'text'),
		col('resultsExport.col.maxPoints', 'points'),
		col('resultsExport.col.points', 'points'),
		col('resultsExport.col.percent', 'percent')
	];
	return table(ctx, 'fields', columns, rows);
}

function criteriaTable(ctx: Context) {
	const { score, shown } = totalScore(ctx);
	const rows = score.fields.flatMap((f) =>
		f.criteria.map((c): KeyedCell[] => [
			f.code,
			c.code,
			ctx.titles[c.code] ?? '',
			c.maxPoints,
			...figureCells(ctx, shown, c.points, c.maxPoints)
		])
	);
	const columns = [
		col('resultsExport.col.fieldCode', 'text'),
		col('resultsExport.col.code', 'text'),
		col('resultsExport.col.criterion', 'text'),
		col('resultsExport.col.maxPoints', 'points'),
		col('resultsExport.col.points', 'points'),
		col('resultsExport.col.percent', 'percent')
	];
	return table(ctx, 'criteria', columns, rows);
}

function subCriteriaTable(ctx: Context) {
	const { score, shown } = totalScore(ctx);
	const rows = score.fields.flatMap((f) =>
		f.subCriteria.map((s): KeyedCell[] => {
			// A withheld sub-criterion (answered only by a group hidden here) prints like a hidden figure.
			const visible = shown && !s.withheld;
			return [
				s.code,
				ctx.titles[s.code] ?? '',
				s.maxPoints,
				...figureCells(ctx, visible, s.points, s.maxPoints),
				...(visible ? [s.nValid, s.nExcluded] : [ctx.hidden, ctx.hidden])
			];
		})
	);
	const columns = [
		col('resultsExport.col.code', 'text'),
		col('resultsExport.col.subCriterion', 'text'),
		col('resultsExport.col.maxPoints', 'points'),
		col('resultsExport.col.points', 'points'),
		col('resultsExport.col.percent', 'percent'),
		col('resultsExport.col.nValid', 'count'),
		col('resultsExport.col.nExcluded', 'count')
	];
	return table(ctx, 'subCriteria', columns, rows);
}

/** Sheets, points, maximum, % and each field's points of one row: all hidden together. */
function rowFigures(ctx: Context, figures: Published<NodeFigures>): KeyedCell[] {
	const fields = ctx.skeleton.fields;
	if (!figures.shown)
		return [ctx.hidden, ctx.hidden, ctx.skeleton.maxPoints, ctx.hidden, ...fields.map(() => ctx.hidden)];
	const { score } = figures;
	return [
		figures.sheets,
		score.points,
		score.maxPoints,
		percentOf(score.points, score.maxPoints, ctx.decimals),
		...fields.map((f) => score.fields.find((x) => x.code === f.code)?.points ?? null)
	];
}

function rowFigureColumns(ctx: Context): Column[] {
	return [
		col('resultsExport.col.sheets', 'count'),
		col('resultsExport.col.points', 'points'),
		col('resultsExport.col.maxPoints', 'points'),
		col('resultsExport.col.percent', 'percent'),
		...ctx.skeleton.fields.map((f) => col('resultsExport.col.fieldPoints', 'points', { code: f.code }))
	];
}

function groupsTable(ctx: Context) {
	const rows = ctx.view.byGroup.map((r): KeyedCell[] => [r.code, r.name, ...rowFigures(ctx, r.figures)]);
	return table(
		ctx,
		'groups',
		[col('resultsExport.col.groupCode', 'text'), col('resultsExport.col.group', 'text'), ...rowFigureColumns(ctx)],
		rows
	);
}

function unitName(row: ResultRow): KeyedCell {
	return row.kind === 'own' ? text('resultsExport.row.own', { name: row.name }) : row.name;
}

function unitsTable(ctx: Context) {
	const rows = ctx.view.byUnit.map((r): KeyedCell[] => [r.code, unitName(r), ...rowFigures(ctx, r.figures)]);
	return table(
		ctx,
		'units',
		[col('resultsExport.col.unitCode', 'text'), col('resultsExport.col.unit', 'text'), ...rowFigureColumns(ctx)],
		rows
	);
}

function ratedUnitsTable(ctx: Context) {
	const groupName = new Map(ctx.view.groups.map((g) => [g.code, g.name]));
	// One ranking per set of rating groups: ranks restart in each.
	const rows = splitRankings(ctx.view.ratedUnits).flatMap(({ ratedBy, rows: rated }) => {
		const by = ratedBy.map((code) => groupName.get(code) ?? code).join('; ');
		const rank = ranks(rated.map((r) => (r.figures.shown ? r.figures.score.points : null)));
		return rated.map((r, i): KeyedCell[] => {
			if (!r.figures.shown) return [by, null, r.code, r.name, ctx.hidden, ctx.hidden, ctx.hidden, ctx.hidden];
			const { score } = r.figures;
			const max = scoredMaxPoints(score);
			return [
				by,
				rank[i],
				r.code,
				r.name,
				r.figures.sheets,
				score.points,
				max,
				percentOf(score.points, max, ctx.decimals)
			];
		});
	});
	const columns = [
		col('resultsExport.col.ratedBy', 'text'),
		col('resultsExport.col.rank', 'count'),
		col('resultsExport.col.unitCode', 'text'),
		col('resultsExport.col.unit', 'text'),
		col('resultsExport.col.raters', 'count'),
		col('resultsExport.col.points', 'points'),
		col('resultsExport.col.ratedMaxPoints', 'points'),
		col('resultsExport.col.percent', 'percent')
	];
	return table(ctx, 'ratedUnits', columns, rows);
}

function distributionsTable(ctx: Context) {
	const columns = [
		col('resultsExport.col.questionId', 'text'),
		col('resultsExport.col.subCriterion', 'text'),
		col('resultsExport.col.question', 'text'),
		col('resultsExport.col.option', 'text'),
		col('resultsExport.col.weight', 'percent'),
		col('resultsExport.col.count', 'count'),
		col('resultsExport.col.share', 'percent')
	];
	const { total } = ctx.view;
	if (!total.shown)
		return table(ctx, 'distributions', columns, [
			['', '', text('resultsExport.row.hiddenDistributions'), '', null, ctx.hidden, ctx.hidden]
		]);
	const rows = total.distributions.flatMap((d) =>
		d.options.map((o): KeyedCell[] => [
			d.questionId,
			d.subCriterion,
			d.rated ? { ratedQuestion: d.text } : d.text,
			o.label,
			o.weight === null ? null : roundPoints(o.weight * 100, 2),
			o.count,
			d.answered > 0 ? roundPoints((o.count / d.answered) * 100, ctx.decimals) : null
		])
	);
	return table(ctx, 'distributions', columns, rows);
}

function comparisonTable(ctx: Context) {
	const rows = ctx.comparisons.flatMap((c) => [
		...c.fields.map((f): KeyedCell[] => [
			c.campaign.title,
			c.campaign.year,
			f.code,
			ctx.titles[f.code] ?? '',
			f.current?.points ?? null,
			f.other?.points ?? null,
			f.change
		]),
		[
			c.campaign.title,
			c.campaign.year,
			'',
			text('resultsExport.row.total'),
			c.total.current,
			c.total.other,
			c.total.current !== null && c.total.other !== null
				? roundPoints(c.total.current - c.total.other, ctx.decimals)
				: null
		]
	]);
	const columns = [
		col('resultsExport.col.campaign', 'text'),
		col('resultsExport.col.year', 'count'),
		col('resultsExport.col.fieldCode', 'text'),
		col('resultsExport.col.field', 'text'),
		col('resultsExport.col.currentPoints', 'points'),
		col('resultsExport.col.otherPoints', 'points'),
		col('resultsExport.col.change', 'points')
	];
	return table(ctx, 'comparison', columns, rows);
}

const BUILDERS: Record<ResultTableKey, (ctx: Context) => KeyedTable> = {
	fields: fieldsTable,
	criteria: criteriaTable,
	subCriteria: subCriteriaTable,
	groups: groupsTable,
	units: unitsTable,
	ratedUnits: ratedUnitsTable,
	distributions: distributionsTable,
	comparison: comparisonTable
};

/** The tables asked for, in the order asked, in message keys. */
export function buildKeyedTables(
	results: ExportableResults,
	keys: readonly ResultTableKey[],
	options: TableOptions = {}
): KeyedTable[] {
	const ctx: Context = {
		...results,
		decimals: options.decimals === undefined ? DEFAULT_DECIMALS : options.decimals,
		hidden: hiddenCell(results.view.k),
		skeleton: scoreTotals(results.framework, new Map()),
		// Exports are Vietnamese: the framework's own titles.
		titles: frameworkTitles(results.framework, 'vi')
	};
	return keys.map((key) => BUILDERS[key](ctx));
}
