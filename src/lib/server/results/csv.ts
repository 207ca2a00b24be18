// One table of the published results as CSV, the way Excel opens it right (a BOM, CRLF, a dot for
// decimals) and a cell never runs as a formula.
import { neutraliseCell } from '$lib/domain/monitoring';
import type { ResultTable, TableCell } from './tables';

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
