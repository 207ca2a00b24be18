// The published results as plain tables, for the XLSX and CSV exports: which tables exist, what a
// cell may hold, Excel's rules for sheet names. The tables themselves are built in
// results-table-build.ts, in message keys; server/results/tables.ts translates them (into Vietnamese:
// exports always are).
import type { Message, MessageKey } from './message';
import type { FieldComparison } from './results-compare';
import type { ResultsView } from './results-view';
import type { Framework } from './framework';
import { roundPoints } from './scoring';

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
} as const satisfies Record<ResultTableKey, MessageKey>;
/** Each table's title, before the selection's unit and group are added to it. */
export const RESULT_TABLE_TITLE_KEYS = {
	fields: 'resultsExport.title.fields',
	criteria: 'resultsExport.title.criteria',
	subCriteria: 'resultsExport.title.subCriteria',
	groups: 'resultsExport.title.groups',
	units: 'resultsExport.title.units',
	ratedUnits: 'resultsExport.title.ratedUnits',
	distributions: 'resultsExport.title.distributions',
	comparison: 'resultsExport.title.comparison'
} as const satisfies Record<ResultTableKey, MessageKey>;

/** How a column's numbers read: text stays text (codes too), the rest are numbers with a format. */
export type ColumnKind = 'text' | 'count' | 'points' | 'percent';
/** A question about "the rated unit": its wording, whose placeholder the translation fills. */
export interface RatedQuestion {
	ratedQuestion: string;
}
/**
 * A cell before translation: a number, data kept as it is (a code, a name from the roster or the
 * framework), a text of the catalog, a rated question, or nothing.
 */
export type KeyedCell = number | string | null | Message | RatedQuestion;
/** A table's title: its kind and the selection (null: the whole campaign, all groups). */
export interface TableTitle {
	table: ResultTableKey;
	unit: string | null;
	group: string | null;
}
export interface KeyedTable {
	key: ResultTableKey;
	title: TableTitle;
	headers: Message[];
	kinds: ColumnKind[];
	rows: KeyedCell[][];
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

/** "< 5": what a hidden figure prints as, whatever the reason it is hidden. */
export const hiddenCell = (k: number): Message => ({ key: 'resultsExport.hidden', params: { k } });

export const isMessageCell = (cell: KeyedCell): cell is Message =>
	typeof cell === 'object' && cell !== null && 'key' in cell;

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

/** points ÷ max as a percentage, rounded like the points; none without points or a maximum. */
export function percentOf(points: number | null, maxPoints: number, decimals: number | null): number | null {
	if (points === null || !(maxPoints > 0)) return null;
	return roundPoints((points / maxPoints) * 100, decimals);
}
