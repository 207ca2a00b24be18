// One table of the published results as CSV, the way Excel opens it right (a BOM, CRLF) and a cell never
// runs as a formula. Two dialects: the standard one (",", a dot for decimals) for other tools, and the one a
// Vietnamese-locale Excel expects (";" between cells, a comma for decimals, as the pages show numbers).
import { neutraliseCell } from '$lib/domain/monitoring';
import type { ResultTable, TableCell } from './tables';

export const CSV_DIALECTS = ['standard', 'excel-vi'] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];
const SYNTAX: Record<CsvDialect, { separator: string; decimal: string }> = {
	standard: { separator: ',', decimal: '.' },
	'excel-vi': { separator: ';', decimal: ',' }
};

export const isCsvDialect = (value: string): value is CsvDialect => (CSV_DIALECTS as readonly string[]).includes(value);

/** A dot as the decimal separator and never an exponent. */
export function numberText(n: number): string {
	if (!Number.isFinite(n)) return '';
	const plain = String(n);
	return /e/i.test(plain) ? n.toFixed(12).replace(/\.?0+$/, '') : plain;
}

function csvField(cell: TableCell, dialect: CsvDialect): string {
	const { separator, decimal } = SYNTAX[dialect];
	if (cell === null) return '';
	if (typeof cell === 'number') return numberText(cell).replace('.', decimal);
	const text = neutraliseCell(cell.normalize('NFC'));
	return /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One table as RFC 4180 CSV (or its Vietnamese Excel dialect) in UTF-8 with a BOM (so Excel reads the diacritics), CRLF line ends. */
export function resultsCsv(table: ResultTable, dialect: CsvDialect = 'standard'): Buffer {
	const separator = SYNTAX[dialect].separator;
	const lines = [table.headers, ...table.rows].map((row) => row.map((cell) => csvField(cell, dialect)).join(separator));
	return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
