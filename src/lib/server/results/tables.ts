// The export tables in words: the domain builds them in message keys (results-table-build.ts), this
// translates them. Exports are always Vietnamese, whatever the reader's interface language.
import { fillUnit } from '$lib/domain/questionnaire';
import {
	RESULT_TABLE_KEYS,
	RESULT_TABLE_LABEL_KEYS,
	RESULT_TABLE_TITLE_KEYS,
	isMessageCell,
	safeSheetName,
	type ColumnKind,
	type ExportableResults,
	type KeyedCell,
	type KeyedTable,
	type ResultTableKey,
	type TableOptions,
	type TableTitle
} from '$lib/domain/results-table';
import { buildKeyedTables } from '$lib/domain/results-table-build';
import { translator } from '$lib/i18n';

/** The exports' language. */
export const exportText = translator('vi');

export type TableCell = string | number | null;
export interface ResultTable {
	key: ResultTableKey;
	sheetName: string;
	title: string;
	headers: string[];
	kinds: ColumnKind[];
	rows: TableCell[][];
}

/** "< 5": what a hidden figure prints as, whatever the reason it is hidden. */
export const hiddenText = (k: number) => exportText('resultsExport.hidden', { k });

function titleText({ table, unit, group }: TableTitle): string {
	return exportText('resultsExport.titleWithScope', {
		title: exportText(RESULT_TABLE_TITLE_KEYS[table]),
		unit: unit ?? exportText('resultsExport.scope.all'),
		group: group ?? exportText('resultsExport.scope.allGroups')
	});
}

function cellText(cell: KeyedCell): TableCell {
	if (isMessageCell(cell)) return exportText(cell.key, cell.params);
	if (typeof cell === 'object' && cell !== null)
		return fillUnit(cell.ratedQuestion, exportText('resultsExport.ratedUnitPlaceholder'));
	return cell;
}

function translateTable(table: KeyedTable, sheetName: string): ResultTable {
	return {
		key: table.key,
		sheetName,
		title: titleText(table.title),
		headers: table.headers.map((h) => exportText(h.key, h.params)),
		kinds: table.kinds,
		rows: table.rows.map((row) => row.map(cellText))
	};
}

/** A table's label: its sheet name, and its name in a file name. */
export const tableLabel = (key: ResultTableKey) => exportText(RESULT_TABLE_LABEL_KEYS[key]);

/** One table of the published results. */
export function buildResultTable(
	results: ExportableResults,
	key: ResultTableKey,
	options: TableOptions = {}
): ResultTable {
	const [table] = buildKeyedTables(results, [key], options);
	return translateTable(table, safeSheetName(tableLabel(key)));
}

/** Every table, in RESULT_TABLE_KEYS order (some may have no rows: no groups split, no comparison…). */
export function buildResultTables(results: ExportableResults, options: TableOptions = {}): ResultTable[] {
	const taken = new Set([exportText('resultsExport.sheet.info')]);
	return buildKeyedTables(results, RESULT_TABLE_KEYS, options).map((table) => {
		const sheetName = safeSheetName(tableLabel(table.key), taken);
		taken.add(sheetName);
		return translateTable(table, sheetName);
	});
}
