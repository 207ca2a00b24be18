// Reads an uploaded table (XLSX or CSV/text) into rows of trimmed NFC strings, one row at a time,
// so a 100,000-row roster never sits in memory as a workbook. An XLSX is a zip from a stranger: yauzl
// checks its directory first, and exceljs only ever sees the few entries yauzl has vouched for.
import { open, stat } from 'node:fs/promises';
import type { TableRow } from '$lib/domain/roster';
import { readCsvRows } from './csv-table';
import { SIGNATURE_BYTES, sniffFileKind } from './file-signature';
import { DEFAULT_ZIP_LIMITS, MiB, TableFileError, type ZipLimits } from './table-file-error';
import { readXlsxRows } from './xlsx-table';

export type { TableRow };
export { DEFAULT_ZIP_LIMITS, TableFileError, type ZipLimits } from './table-file-error';
export { writeRosterTemplate } from './roster-template';

export const DEFAULT_MAX_BYTES = 20 * MiB;
export const DEFAULT_MAX_ROWS = 200_000;

export interface ReadTableOptions {
	maxBytes?: number;
	/** Data rows, not counting the header. */
	maxRows?: number;
	zip?: Partial<ZipLimits>;
}

/**
 * Every non-blank row of the file (for XLSX: of its first visible worksheet), the header first.
 * Throws TableFileError for a file that cannot be trusted or read, including one with no data rows.
 */
export async function* readTable(input: Buffer | string, options: ReadTableOptions = {}): AsyncGenerator<TableRow> {
	const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
	const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
	const size = typeof input === 'string' ? (await stat(input)).size : input.length;
	if (size > maxBytes)
		throw new TableFileError('table.error.tooLarge', { maxMiB: Math.round((maxBytes / MiB) * 10) / 10 });
	if (size === 0) throw new TableFileError('table.error.empty');

	// Named by content, not by extension: a renamed picture is "a PNG", not "a CSV in the wrong encoding".
	const sniffed = sniffFileKind(await readHead(input, SIGNATURE_BYTES));
	if (sniffed.kind === 'ole') throw new TableFileError('table.error.legacyXls');
	if (sniffed.kind === 'other') throw new TableFileError('table.error.notTableKnown', { format: sniffed.format });
	if (sniffed.kind === 'binary') throw new TableFileError('table.error.notTable');
	const rows =
		sniffed.kind === 'zip' ? readXlsxRows(input, { ...DEFAULT_ZIP_LIMITS, ...options.zip }) : readCsvRows(input);

	let count = 0;
	for await (const row of rows) {
		if (row.cells.every((c) => c === '')) continue;
		if (++count > maxRows + 1) throw new TableFileError('table.error.tooManyRows', { max: maxRows });
		yield row;
	}
	if (count === 0) throw new TableFileError('table.error.empty');
	if (count === 1) throw new TableFileError('table.error.headerOnly');
}

/** Up to `length` leading bytes: fewer for a shorter file, never zero padding. */
async function readHead(input: Buffer | string, length: number): Promise<Buffer> {
	if (typeof input !== 'string') return input.subarray(0, length);
	const head = Buffer.alloc(length);
	const file = await open(input, 'r');
	try {
		const { bytesRead } = await file.read(head, 0, length, 0);
		return head.subarray(0, bytesRead);
	} finally {
		await file.close();
	}
}
