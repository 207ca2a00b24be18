// The published results as files: an XLSX workbook (a "Thông tin" sheet, then one sheet per table)
// and one table as CSV. Tables come from results-table.ts, which formats only what the disclosure
// gate returned; this file decides nothing about what may be shown.
import ExcelJS from 'exceljs';
import { fileNamePart, neutraliseCell } from '$lib/domain/monitoring';
import type { ResultsView } from '$lib/domain/results';
import {
	RESULT_TABLE_LABEL_KEYS,
	hiddenText,
	safeSheetName,
	textOf,
	type ColumnKind,
	type ExportableResults,
	type ResultTable,
	type ResultTableKey,
	type TableCell
} from '$lib/domain/results-table';
import { DEFAULT_DECIMALS } from '$lib/domain/scoring';

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

const VN_OFFSET_SECONDS = 7 * 60 * 60;
const pad = (n: number) => String(n).padStart(2, '0');

/** "05/12/2026 14:30" in Vietnam's time (no daylight saving time there), whatever the server's zone. */
export function vietnamDateTime(unixSeconds: number): string {
	const d = new Date((unixSeconds + VN_OFFSET_SECONDS) * 1000);
	return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

function selectionTexts(meta: ExportMeta): { unit: string; group: string } {
	const last = meta.path.at(-1);
	const unit = meta.unit
		? `${meta.path.map((u) => u.name).join(' › ') || meta.unit.name} (${last?.code ?? meta.unit.code})`
		: textOf('resultsExport.scope.all');
	const group = meta.group ? `${meta.group.name} (${meta.group.code})` : textOf('resultsExport.scope.allGroups');
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
	const sheet = workbook.addWorksheet(textOf('resultsExport.sheet.info'), { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.columns = [
		{ width: 34, style: { numFmt: '@', alignment: { vertical: 'top', wrapText: true } } },
		{ width: 90, style: { alignment: { vertical: 'top', wrapText: true } } }
	];
	const header = sheet.addRow([textOf('resultsExport.info.item'), textOf('resultsExport.info.value')]);
	header.font = { bold: true };
	const { unit, group } = selectionTexts(meta);
	const rows: [string, string | number][] = [
		[textOf('resultsExport.info.campaign'), meta.campaign.title],
		[textOf('resultsExport.info.year'), meta.campaign.year],
		[textOf('resultsExport.info.framework'), meta.frameworkName],
		[textOf('resultsExport.info.unit'), unit],
		[textOf('resultsExport.info.group'), group],
		[textOf('resultsExport.info.sheets'), meta.sheets ?? hiddenText(meta.k)],
		[textOf('resultsExport.info.k'), meta.k],
		[
			textOf('resultsExport.info.rounding'),
			meta.decimals === null
				? textOf('resultsExport.info.noRounding')
				: textOf('resultsExport.info.roundingValue', { decimals: meta.decimals })
		],
		[textOf('resultsExport.info.generatedAt'), vietnamDateTime(meta.generatedAt)],
		[textOf('resultsExport.info.methodology'), textOf('resultsExport.info.methodologyText')],
		[textOf('resultsExport.info.hidden', { k: meta.k }), textOf('resultsExport.info.hiddenText', { k: meta.k })],
		...tables.map((t): [string, string] => [textOf('resultsExport.info.sheet', { name: t.sheetName }), t.title])
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
	workbook.title = `${textOf('resultsExport.info.heading')} — ${meta.campaign.title}`;
	workbook.created = new Date(meta.generatedAt * 1000);
	const withRows = tables.filter((t) => t.rows.length > 0);
	const taken = new Set([textOf('resultsExport.sheet.info')]);
	const named = withRows.map((t) => {
		const sheetName = safeSheetName(t.sheetName, taken);
		taken.add(sheetName);
		return { ...t, sheetName };
	});
	addInfoSheet(workbook, meta, named);
	for (const table of named) addTableSheet(workbook, table, meta.decimals);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---- CSV ----

/** A dot as the decimal separator and never an exponent. */
export function numberText(n: number): string {
	if (!Number.isFinite(n)) return '';
	const plain = String(n);
	return /e/i.test(plain) ? n.toFixed(12).replace(/\.?0+$/, '') : plain;
}

function csvField(cell: TableCell): string {
	if (cell === null) return '';
	if (typeof cell === 'number') return numberText(cell);
	const text = neutraliseCell(cell.normalize('NFC'));
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One table as RFC 4180 CSV in UTF-8 with a BOM (so Excel reads the diacritics), CRLF line ends. */
export function resultsCsv(table: ResultTable): Buffer {
	const lines = [table.headers, ...table.rows].map((row) => row.map(csvField).join(','));
	return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

// ---- File names ----

/** A readable file name: no path separators, quotes or control characters. */
function readableName(text: string): string {
	return text
		.normalize('NFC')
		.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 150);
}

/** RFC 5987/6266: an ASCII fallback for old clients and the real name, percent-encoded in UTF-8. */
export function contentDisposition(asciiName: string, fullName: string): string {
	const fallback = asciiName.replace(/[^A-Za-z0-9._-]+/g, '-');
	const encoded = encodeURIComponent(fullName.normalize('NFC')).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function resultsFileNames(
	meta: Pick<ExportMeta, 'campaign' | 'unit' | 'group'>,
	extension: 'xlsx' | 'csv',
	table: ResultTableKey | null
): { ascii: string; full: string } {
	const asciiParts = ['ket-qua', meta.campaign.slug, meta.unit?.code, meta.group?.code, table]
		.filter((p): p is string => !!p)
		.map(fileNamePart);
	const fullParts = [
		textOf('resultsExport.fileName', { campaign: meta.campaign.title }),
		meta.unit?.name,
		meta.group?.name,
		table ? textOf(RESULT_TABLE_LABEL_KEYS[table]) : null
	].filter((p): p is string => !!p);
	return {
		ascii: `${asciiParts.join('-')}.${extension}`,
		full: `${readableName(fullParts.join(' - ')) || 'ket-qua'}.${extension}`
	};
}
