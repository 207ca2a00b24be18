// The published results as an XLSX workbook (a "Thông tin" sheet, then one sheet per table); one
// table as CSV is csv.ts. Tables come from tables.ts, which formats only what the disclosure gate
// returned; this file decides nothing about what may be shown.
import ExcelJS from 'exceljs';
import type { ResultsView } from '$lib/domain/results-view';
import { safeSheetName, type ColumnKind, type ExportableResults } from '$lib/domain/results-table';
import { DEFAULT_DECIMALS } from '$lib/domain/scoring';
import { vietnamDateTimeText } from '$lib/domain/vietnam-time';
import { exportText, hiddenText, type ResultTable, type TableCell } from './tables';

export interface ExportMeta {
	campaign: { title: string; slug: string; year: number };
	frameworkName: string;
	k: number;
	unit: ResultsView['unit'];
	group: ResultsView['group'];
	path: ResultsView['path'];
	/** Answer sheets of the selection; null when that figure is hidden. */
	sheets: number | null;
	decimals: number | null;
	/** Unix seconds. */
	generatedAt: number;
}

export function exportMeta(
	results: ExportableResults,
	campaign: ExportMeta['campaign'],
	generatedAt: number,
	decimals: number | null = DEFAULT_DECIMALS
): ExportMeta {
	const { view } = results;
	return {
		campaign: { title: campaign.title, slug: campaign.slug, year: campaign.year },
		frameworkName: results.framework.name,
		k: view.k,
		unit: view.unit,
		group: view.group,
		path: view.path,
		sheets: view.total.shown ? view.total.sheets : null,
		decimals,
		generatedAt
	};
}

function selectionTexts(meta: ExportMeta): { unit: string; group: string } {
	const last = meta.path.at(-1);
	const unit = meta.unit
		? `${meta.path.map((u) => u.name).join(' › ') || meta.unit.name} (${last?.code ?? meta.unit.code})`
		: exportText('resultsExport.scope.all');
	const group = meta.group ? `${meta.group.name} (${meta.group.code})` : exportText('resultsExport.scope.allGroups');
	return { unit, group };
}

// ---- XLSX ----

const numberFormat = (decimals: number | null) =>
	decimals === null ? 'General' : decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;

function formatFor(kind: ColumnKind, decimals: number | null): string {
	return kind === 'text' ? '@' : kind === 'count' ? '0' : numberFormat(decimals);
}

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
const displayLength = (cell: TableCell) => (cell === null ? 0 : String(cell).length);

/** Header and footer texts treat & as a command. */
const headerText = (text: string) => text.replace(/&/g, '&&');

function addInfoSheet(workbook: ExcelJS.Workbook, meta: ExportMeta, tables: ResultTable[]) {
	const sheet = workbook.addWorksheet(exportText('resultsExport.sheet.info'), {
		views: [{ state: 'frozen', ySplit: 1 }]
	});
	sheet.columns = [
		{ width: 34, style: { numFmt: '@', alignment: { vertical: 'top', wrapText: true } } },
		{ width: 90, style: { alignment: { vertical: 'top', wrapText: true } } }
	];
	const header = sheet.addRow([exportText('resultsExport.info.item'), exportText('resultsExport.info.value')]);
	header.font = { bold: true };
	const { unit, group } = selectionTexts(meta);
	const rows: [string, string | number][] = [
		[exportText('resultsExport.info.campaign'), meta.campaign.title],
		[exportText('resultsExport.info.year'), meta.campaign.year],
		[exportText('resultsExport.info.framework'), meta.frameworkName],
		[exportText('resultsExport.info.unit'), unit],
		[exportText('resultsExport.info.group'), group],
		[exportText('resultsExport.info.sheets'), meta.sheets ?? hiddenText(meta.k)],
		[exportText('resultsExport.info.k'), meta.k],
		[
			exportText('resultsExport.info.rounding'),
			meta.decimals === null
				? exportText('resultsExport.info.noRounding')
				: exportText('resultsExport.info.roundingValue', { decimals: meta.decimals })
		],
		[exportText('resultsExport.info.generatedAt'), vietnamDateTimeText(meta.generatedAt)],
		[exportText('resultsExport.info.methodology'), exportText('resultsExport.info.methodologyText')],
		[
			exportText('resultsExport.info.hidden', { k: meta.k }),
			exportText('resultsExport.info.hiddenText', { k: meta.k })
		],
		...tables.map((t): [string, string] => [exportText('resultsExport.info.sheet', { name: t.sheetName }), t.title])
	];
	for (const [label, value] of rows) {
		const row = sheet.addRow([label, value]);
		// Names come from the roster and the framework: plain text cells, never formulas.
		const cell = row.getCell(2);
		cell.numFmt = typeof value === 'number' ? '0' : '@';
		cell.alignment = { vertical: 'top', wrapText: true, horizontal: 'left' };
	}
}

function addTableSheet(workbook: ExcelJS.Workbook, table: ResultTable, decimals: number | null) {
	const sheet = workbook.addWorksheet(table.sheetName, {
		views: [{ state: 'frozen', ySplit: 1 }],
		pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
		headerFooter: { oddHeader: `&C${headerText(table.title)}`, oddFooter: '&C&P / &N' }
	});
	sheet.columns = table.kinds.map((kind, i) => {
		const longest = Math.max(Math.min(table.headers[i].length, 40), ...table.rows.map((r) => displayLength(r[i])));
		return {
			width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2)),
			style: { numFmt: formatFor(kind, decimals) }
		};
	});
	const header = sheet.addRow(table.headers);
	header.font = { bold: true };
	header.alignment = { vertical: 'middle', wrapText: true };
	header.eachCell((cell) => (cell.numFmt = '@'));
	for (const values of table.rows) {
		const row = sheet.addRow(values.map((v) => (v === null ? null : v)));
		values.forEach((v, i) => {
			const cell = row.getCell(i + 1);
			// A hidden figure ("< 5") is text in a column of numbers: aligned with them.
			if (typeof v === 'string' && table.kinds[i] !== 'text') cell.alignment = { horizontal: 'right' };
			else if (typeof v === 'string' && v.length > MAX_WIDTH) cell.alignment = { vertical: 'top', wrapText: true };
		});
	}
	if (table.headers.length > 0)
		sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.headers.length } };
}

/**
 * The workbook: "Thông tin" first, then one sheet per table that has rows. Text stays text (shared
 * strings, '@' format: a name starting with "=" is never a formula), numbers stay numbers.
 */
export async function resultsXlsx(tables: ResultTable[], meta: ExportMeta): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'PAR Survey';
	workbook.title = `${exportText('resultsExport.info.heading')} — ${meta.campaign.title}`;
	workbook.created = new Date(meta.generatedAt * 1000);
	const withRows = tables.filter((t) => t.rows.length > 0);
	const taken = new Set([exportText('resultsExport.sheet.info')]);
	const named = withRows.map((t) => {
		const sheetName = safeSheetName(t.sheetName, taken);
		taken.add(sheetName);
		return { ...t, sheetName };
	});
	addInfoSheet(workbook, meta, named);
	for (const table of named) addTableSheet(workbook, table, meta.decimals);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
