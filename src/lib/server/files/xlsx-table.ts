// XLSX tables: yauzl checks the zip's directory first, and exceljs only ever sees the few entries yauzl
// has vouched for (the first visible worksheet and the shared strings), streamed row by row.
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import type { TableRow } from '$lib/domain/roster';
import { CompactSharedStrings, useCompactSharedStrings } from './xlsx-shared-strings';
import { clean, MiB, TableFileError, type ZipLimits } from './table-file-error';

async function openZip(input: Buffer | string): Promise<yauzl.ZipFile> {
	const options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false };
	try {
		return typeof input === 'string'
			? await yauzl.openPromise(input, options)
			: await yauzl.fromBufferPromise(input, options);
	} catch (e) {
		throw new TableFileError('table.error.corruptZip', {}, { cause: e });
	}
}

/** Refuses a zip bomb from its central directory alone; yauzl later enforces the declared sizes. */
async function checkZip(zip: yauzl.ZipFile, limits: ZipLimits): Promise<Map<string, yauzl.Entry>> {
	if (zip.entryCount > limits.maxEntries)
		throw new TableFileError('table.error.zipTooManyEntries', { count: zip.entryCount, max: limits.maxEntries });
	const entries = new Map<string, yauzl.Entry>();
	let total = 0;
	try {
		for await (const entry of zip.eachEntry()) {
			total += entry.uncompressedSize;
			if (total > limits.maxUnpackedBytes)
				throw new TableFileError('table.error.zipTooLarge', { maxMiB: Math.round(limits.maxUnpackedBytes / MiB) });
			if (
				entry.uncompressedSize > limits.ratioExemptBytes &&
				entry.uncompressedSize > limits.maxRatio * Math.max(entry.compressedSize, 1)
			) {
				throw new TableFileError('table.error.zipRatio');
			}
			// Two entries with one name would let the checked copy differ from the parsed one.
			if (entries.has(entry.fileName) || entry.isEncrypted()) throw new TableFileError('table.error.corruptZip');
			entries.set(entry.fileName, entry);
		}
	} catch (e) {
		if (e instanceof TableFileError) throw e;
		throw new TableFileError('table.error.corruptZip', {}, { cause: e });
	}
	return entries;
}

async function readEntryText(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

const attributes = (tag: string) =>
	Object.fromEntries(
		[...tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map((m) => [
			m[1],
			(m[2] ?? m[3]).replace(/&amp;/g, '&')
		])
	);

/** The zip path of the first visible worksheet, from workbook.xml and its relationships. */
async function findFirstSheet(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>): Promise<string> {
	const workbook = entries.get('xl/workbook.xml');
	const rels = entries.get('xl/_rels/workbook.xml.rels');
	if (!workbook || !rels) throw new TableFileError('table.error.notXlsx');
	const targets = new Map<string, string>();
	for (const m of (await readEntryText(zip, rels)).matchAll(/<(?:[\w.-]+:)?Relationship\s([^>]*)>/g)) {
		const a = attributes(m[1]);
		if (a.Id && a.Target && /\/worksheet$/.test(a.Type ?? '')) {
			targets.set(a.Id, a.Target.startsWith('/') ? a.Target.slice(1) : posix.normalize(`xl/${a.Target}`));
		}
	}
	const sheets = [...(await readEntryText(zip, workbook)).matchAll(/<(?:[\w.-]+:)?sheet\s([^>]*)>/g)].map((m) => {
		const a = attributes(m[1]);
		const relId = Object.entries(a).find(([name]) => /^[\w.-]+:id$/.test(name))?.[1];
		return { path: relId ? targets.get(relId) : undefined, hidden: a.state === 'hidden' || a.state === 'veryHidden' };
	});
	const worksheets = sheets.filter((s) => s.path && entries.has(s.path));
	const first = worksheets.find((s) => !s.hidden) ?? worksheets[0];
	if (!first) throw new TableFileError('table.error.noWorksheet');
	return first.path!;
}

const EMPTY_SHARED_STRINGS = Buffer.from(
	'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'
);

function localHeader(name: string, size: number, crc: number): Buffer {
	const nameBytes = Buffer.from(name, 'utf8');
	const header = Buffer.alloc(30);
	header.writeUInt32LE(0x04034b50, 0);
	header.writeUInt16LE(20, 4);
	header.writeUInt16LE(0x0800, 6); // UTF-8 names
	header.writeUInt16LE(0, 8); // stored
	header.writeUInt32LE(crc >>> 0, 14);
	header.writeUInt32LE(size, 18);
	header.writeUInt32LE(size, 22);
	header.writeUInt16LE(nameBytes.length, 26);
	return Buffer.concat([header, nameBytes]);
}

/** Bytes at the end of `chunk` that start a UTF-8 character finished in the next chunk. */
function incompleteTail(chunk: Buffer): number {
	for (let back = 1; back <= Math.min(3, chunk.length); back++) {
		const byte = chunk[chunk.length - back];
		if ((byte & 0xc0) === 0x80) continue;
		const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
		return needed > back ? back : 0;
	}
	return 0;
}

type Part = { name: string; entry: yauzl.Entry } | { name: string; data: Buffer };

/**
 * A fresh, stored (uncompressed) zip stream holding only the parts exceljs needs, in the order that
 * lets it stream the sheet without temporary files. Two exceljs flaws are closed here: it parses
 * local headers, so it could be shown entries the directory check never saw; and it decodes each
 * chunk on its own, which corrupts a Vietnamese letter split between chunks (exceljs#2084), so
 * every chunk below ends on a whole character.
 */
async function* storedZip(zip: yauzl.ZipFile, parts: Part[]): AsyncGenerator<Buffer> {
	for (const part of parts) {
		if ('data' in part) {
			yield Buffer.concat([localHeader(part.name, part.data.length, crc32(part.data)), part.data]);
			continue;
		}
		yield localHeader(part.name, part.entry.uncompressedSize, part.entry.crc32);
		let carry: Buffer = Buffer.alloc(0);
		let written = 0;
		try {
			for await (const data of await zip.openReadStreamPromise(part.entry)) {
				const chunk: Buffer = carry.length ? Buffer.concat([carry, data as Buffer]) : (data as Buffer);
				const cut = chunk.length - incompleteTail(chunk);
				carry = chunk.subarray(cut);
				if (cut > 0) {
					written += cut;
					yield chunk.subarray(0, cut);
				}
			}
		} catch (e) {
			throw new TableFileError('table.error.corruptZip', {}, { cause: e });
		}
		if (carry.length) yield carry;
		if (written + carry.length !== part.entry.uncompressedSize) throw new TableFileError('table.error.corruptZip');
	}
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	yield end;
}

export async function* readXlsxRows(input: Buffer | string, limits: ZipLimits): AsyncGenerator<TableRow> {
	const zip = await openZip(input);
	let source: Readable | null = null;
	try {
		const entries = await checkZip(zip, limits);
		const sheet = await findFirstSheet(zip, entries);
		const parts: Part[] = [];
		for (const name of ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml']) {
			const entry = entries.get(name);
			if (entry) parts.push({ name, entry });
		}
		const sharedStrings = entries.get('xl/sharedStrings.xml');
		parts.push(
			sharedStrings
				? { name: 'xl/sharedStrings.xml', entry: sharedStrings }
				: { name: 'xl/sharedStrings.xml', data: EMPTY_SHARED_STRINGS }
		);
		parts.push({ name: 'xl/worksheets/sheet1.xml', entry: entries.get(sheet)! });

		source = Readable.from(storedZip(zip, parts));
		const guarded = surfaceErrors(source);
		const workbook = new ExcelJS.stream.xlsx.WorkbookReader(source, {
			worksheets: 'emit',
			sharedStrings: 'cache',
			styles: 'cache', // number formats tell dates from numbers
			hyperlinks: 'ignore',
			entries: 'ignore'
		});
		useCompactSharedStrings(workbook, new CompactSharedStrings());
		const sheets = workbook[Symbol.asyncIterator]();
		const first = await guarded(sheets.next());
		if (first.done) throw new TableFileError('table.error.noWorksheet');
		const rows = first.value[Symbol.asyncIterator]();
		let previous = 0;
		for (;;) {
			const next = await guarded(rows.next());
			if (next.done) break;
			const row = toTableRow(next.value, previous + 1);
			previous = row.line;
			yield row;
		}
	} catch (e) {
		if (e instanceof TableFileError) throw e;
		throw new TableFileError('table.error.unreadable', {}, { cause: e });
	} finally {
		source?.destroy();
		zip.close();
	}
}

/**
 * exceljs pipes our stream without listening for its errors, so a failure there would leave it
 * waiting forever: each step is raced against the stream's error instead. (Not with Promise.race
 * on one long-lived promise: every race would stay attached to it, holding every row in memory.)
 */
function surfaceErrors(stream: Readable) {
	let failure: unknown = null;
	const waiting = new Set<(e: unknown) => void>();
	stream.on('error', (e) => {
		failure = e;
		for (const reject of waiting) reject(e);
	});
	return <T>(step: Promise<T>): Promise<T> =>
		failure
			? Promise.reject(failure)
			: new Promise<T>((resolve, reject) => {
					waiting.add(reject);
					step.then(resolve, reject).finally(() => waiting.delete(reject));
				});
}

function toTableRow(row: ExcelJS.Row, fallbackLine: number): TableRow {
	const cells: string[] = [];
	const formulaColumns: number[] = [];
	row.eachCell({ includeEmpty: false }, (cell, column) => {
		const value: unknown = cell.value;
		// Never evaluated, and its cached result is not used either: the row is reported instead.
		if (value && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
			formulaColumns.push(column - 1);
			cells[column - 1] = '';
		} else cells[column - 1] = renderCell(value, cell.numFmt);
	});
	for (let i = 0; i < cells.length; i++) cells[i] ??= '';
	while (cells.length && cells[cells.length - 1] === '') cells.pop();
	const line = Number.isInteger(row.number) && row.number > 0 ? row.number : fallbackLine;
	return formulaColumns.length ? { line, cells, formulaColumns } : { line, cells };
}

function renderCell(value: unknown, numFmt: string | undefined): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return clean(value);
	if (typeof value === 'number') return renderNumber(value, numFmt);
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
	if (typeof value === 'object') {
		const v = value as { richText?: { text?: string }[]; text?: unknown; error?: string };
		if (Array.isArray(v.richText)) return clean(v.richText.map((r) => r.text ?? '').join(''));
		if ('text' in v) return renderCell(v.text, numFmt); // a hyperlink: its text, never its target
		if (typeof v.error === 'string') return v.error;
	}
	return '';
}

/** Integers without ".0"; an all-zeros format like "0000000000" restores the leading zeros Excel shows. */
function renderNumber(n: number, numFmt: string | undefined): string {
	if (!Number.isFinite(n)) return '';
	if (!Number.isInteger(n)) return String(Number(n.toPrecision(15)));
	const text = Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
	return numFmt && /^0+$/.test(numFmt) && n >= 0 ? text.padStart(numFmt.length, '0') : text;
}
