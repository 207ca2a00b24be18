// The published results as plain tables for the XLSX and CSV exports. This only formats what the
// disclosure gate (publishedResults) returned: a hidden figure has no number to format, and prints
// as "< k". Every text is Vietnamese (exports always are); cells are text, numbers or empty.
import { resultsExportMessages, type ResultsExportKey } from '$lib/i18n/results-export';
import { listSubCriteria, type Framework } from './framework';
import { fillUnit } from './questionnaire';
import type { FieldComparison } from './results-compare';
import { splitRankings, type NodeFigures, type Published, type ResultRow, type ResultsView } from './results';
import { DEFAULT_DECIMALS, roundPoints, scoreTotals, type SurveyScore } from './scoring';

export const RESULT_TABLE_KEYS = [
	'fields',
	'criteria',
	'subCriteria',
	'groups',
	'units',
	'ratedUnits',
	'distributions',
	'comparison'
] as const;
export type ResultTableKey = (typeof RESULT_TABLE_KEYS)[number];
/** The table a CSV download gives when none is named. */
export const DEFAULT_CSV_TABLE: ResultTableKey = 'subCriteria';
/** Each table's label (its sheet name), for a link or a button per table. */
export const RESULT_TABLE_LABEL_KEYS = {
	fields: 'resultsExport.sheet.fields',
	criteria: 'resultsExport.sheet.criteria',
	subCriteria: 'resultsExport.sheet.subCriteria',
	groups: 'resultsExport.sheet.groups',
	units: 'resultsExport.sheet.units',
	ratedUnits: 'resultsExport.sheet.ratedUnits',
	distributions: 'resultsExport.sheet.distributions',
	comparison: 'resultsExport.sheet.comparison'
} as const satisfies Record<ResultTableKey, ResultsExportKey>;

export type TableCell = string | number | null;
/** How a column's numbers read: text stays text (codes too), the rest are numbers with a format. */
export type ColumnKind = 'text' | 'count' | 'points' | 'percent';
export interface ResultTable {
	key: ResultTableKey;
	sheetName: string;
	title: string;
	headers: string[];
	kinds: ColumnKind[];
	rows: TableCell[][];
}
/** What publishedResults returns when it succeeds. */
export interface ExportableResults {
	view: ResultsView;
	framework: Framework;
	comparisons: FieldComparison[];
}
export interface TableOptions {
	/** The decimals the view was scored with (publishedResults: the default). */
	decimals?: number | null;
}

export const isResultTableKey = (value: unknown): value is ResultTableKey =>
	typeof value === 'string' && (RESULT_TABLE_KEYS as readonly string[]).includes(value);

const vi = resultsExportMessages.vi;
export function textOf(key: ResultsExportKey, params: Record<string, string | number> = {}): string {
	return vi[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** "< 5": what a hidden figure prints as, whatever the reason it is hidden. */
export const hiddenText = (k: number) => textOf('resultsExport.hidden', { k });

const SHEET_NAME_MAX = 31;
/** Excel's rules: at most 31 characters, none of []:*?/\, no apostrophe at either end, unique (case-insensitively). */
export function safeSheetName(name: string, taken: ReadonlySet<string> = new Set()): string {
	const clean = name
		.normalize('NFC')
		.replace(/[[\]:*?/\\\u0000-\u001f]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^'+|'+$/g, '');
	const base = [...(clean || 'Sheet')].slice(0, SHEET_NAME_MAX).join('').trim();
	const lower = new Set([...taken].map((n) => n.toLowerCase()));
	let candidate = base;
	for (let i = 2; lower.has(candidate.toLowerCase()); i++) {
		const suffix = ` (${i})`;
		candidate =
			[...base]
				.slice(0, SHEET_NAME_MAX - suffix.length)
				.join('')
				.trim() + suffix;
	}
	return candidate;
}

// ---- Numbers ----

/** points ÷ max as a percentage, rounded like the points; none without points or a maximum. */
export function percentOf(points: number | null, maxPoints: number, decimals: number | null): number | null {
	if (points === null || !(maxPoints > 0)) return null;
	return roundPoints((points / maxPoints) * 100, decimals);
}

/** Points of the sub-criteria that have any: what a rated unit was actually rated on. */
function scoredMaxPoints(score: SurveyScore): number {
	const max = score.fields
		.flatMap((f) => f.subCriteria)
		.filter((s) => s.points !== null)
		.reduce((sum, s) => sum + s.maxPoints, 0);
	return Number(max.toFixed(9));
}

/** Standard competition ranking (1, 2, 2, 4) of the rows with points; others get none. */
function ranks(points: (number | null)[]): (number | null)[] {
	return points.map((p) => (p === null ? null : 1 + points.filter((q) => q !== null && q > p).length));
}

// ---- The tables ----

interface Context {
	view: ResultsView;
	framework: Framework;
	comparisons: FieldComparison[];
	decimals: number | null;
	hidden: string;
	/** The framework's survey part with no answers: the codes and maxima when the figures are hidden. */
	skeleton: SurveyScore;
	titles: Map<string, string>;
}

type Column = [header: string, kind: ColumnKind];
const col = (key: ResultsExportKey, kind: ColumnKind, params?: Record<string, string | number>): Column => [
	textOf(key, params),
	kind
];

function scopeTitle(ctx: Context, key: ResultTableKey): string {
	const { unit, group } = ctx.view;
	return textOf('resultsExport.titleWithScope', {
		title: textOf(`resultsExport.title.${key}`),
		unit: unit ? unit.name : textOf('resultsExport.scope.all'),
		group: group ? group.name : textOf('resultsExport.scope.allGroups')
	});
}

function table(
	ctx: Context,
	key: ResultTableKey,
	columns: Column[],
	rows: TableCell[][]
): Omit<ResultTable, 'sheetName'> {
	return { key, title: scopeTitle(ctx, key), headers: columns.map((c) => c[0]), kinds: columns.map((c) => c[1]), rows };
}

/** The selection's score, or the framework's skeleton with every figure hidden. */
function totalScore(ctx: Context): { score: SurveyScore; shown: boolean } {
	return ctx.view.total.shown ? { score: ctx.view.total.score, shown: true } : { score: ctx.skeleton, shown: false };
}

function figureCells(ctx: Context, shown: boolean, points: number | null, maxPoints: number): TableCell[] {
	return shown ? [points, percentOf(points, maxPoints, ctx.decimals)] : [ctx.hidden, ctx.hidden];
}

function fieldsTable(ctx: Context) {
	const { score, shown } = totalScore(ctx);
	const rows: TableCell[][] = score.fields.map((f) => [
		f.code,
		ctx.titles.get(f.code) ?? '',
		f.maxPoints,
		...figureCells(ctx, shown, f.points, f.maxPoints)
	]);
	rows.push([
		'',
		textOf('resultsExport.row.total'),
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
		f.criteria.map((c): TableCell[] => [
			f.code,
			c.code,
			ctx.titles.get(c.code) ?? '',
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
		f.subCriteria.map((s): TableCell[] => {
			// A withheld sub-criterion (answered only by a group hidden here) prints like a hidden figure.
			const visible = shown && !s.withheld;
			return [
				s.code,
				ctx.titles.get(s.code) ?? '',
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
function rowFigures(ctx: Context, figures: Published<NodeFigures>): TableCell[] {
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
	const rows = ctx.view.byGroup.map((r): TableCell[] => [r.code, r.name, ...rowFigures(ctx, r.figures)]);
	return table(
		ctx,
		'groups',
		[col('resultsExport.col.groupCode', 'text'), col('resultsExport.col.group', 'text'), ...rowFigureColumns(ctx)],
		rows
	);
}

function unitName(row: ResultRow): string {
	return row.kind === 'own' ? textOf('resultsExport.row.own', { name: row.name }) : row.name;
}

function unitsTable(ctx: Context) {
	const rows = ctx.view.byUnit.map((r): TableCell[] => [r.code, unitName(r), ...rowFigures(ctx, r.figures)]);
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
		return rated.map((r, i): TableCell[] => {
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
			['', '', textOf('resultsExport.row.hiddenDistributions'), '', null, ctx.hidden, ctx.hidden]
		]);
	const placeholder = textOf('resultsExport.ratedUnitPlaceholder');
	const rows = total.distributions.flatMap((d) =>
		d.options.map((o): TableCell[] => [
			d.questionId,
			d.subCriterion,
			d.rated ? fillUnit(d.text, placeholder) : d.text,
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
		...c.fields.map((f): TableCell[] => [
			c.campaign.title,
			c.campaign.year,
			f.code,
			ctx.titles.get(f.code) ?? '',
			f.current?.points ?? null,
			f.other?.points ?? null,
			f.change
		]),
		[
			c.campaign.title,
			c.campaign.year,
			'',
			textOf('resultsExport.row.total'),
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

const BUILDERS: Record<ResultTableKey, (ctx: Context) => Omit<ResultTable, 'sheetName'>> = {
	fields: fieldsTable,
	criteria: criteriaTable,
	subCriteria: subCriteriaTable,
	groups: groupsTable,
	units: unitsTable,
	ratedUnits: ratedUnitsTable,
	distributions: distributionsTable,
	comparison: comparisonTable
};

function contextOf(results: ExportableResults, options: TableOptions): Context {
	const { framework } = results;
	const titles = new Map<string, string>();
	for (const f of framework.fields) {
		titles.set(f.code, f.title);
		for (const c of f.criteria) titles.set(c.code, c.title);
	}
	for (const s of listSubCriteria(framework)) titles.set(s.code, s.title);
	return {
		...results,
		decimals: options.decimals === undefined ? DEFAULT_DECIMALS : options.decimals,
		hidden: hiddenText(results.view.k),
		skeleton: scoreTotals(framework, new Map()),
		titles
	};
}

/** One table of the published results. */
export function buildResultTable(
	results: ExportableResults,
	key: ResultTableKey,
	options: TableOptions = {}
): ResultTable {
	return {
		...BUILDERS[key](contextOf(results, options)),
		sheetName: safeSheetName(textOf(RESULT_TABLE_LABEL_KEYS[key]))
	};
}

/** Every table, in RESULT_TABLE_KEYS order (some may have no rows: no groups split, no comparison…). */
export function buildResultTables(results: ExportableResults, options: TableOptions = {}): ResultTable[] {
	const ctx = contextOf(results, options);
	const taken = new Set([textOf('resultsExport.sheet.info')]);
	return RESULT_TABLE_KEYS.map((key) => {
		const sheetName = safeSheetName(textOf(RESULT_TABLE_LABEL_KEYS[key]), taken);
		taken.add(sheetName);
		return { ...BUILDERS[key](ctx), sheetName };
	});
}
