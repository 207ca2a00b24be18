// CSV and other text tables: the encoding and separator are detected, never guessed silently.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import type { TableRow } from '$lib/domain/roster';
import { clean, MiB, TableFileError } from './table-file-error';

const CHUNK = 64 * 1024;

function* slices(buffer: Buffer) {
	for (let i = 0; i < buffer.length; i += CHUNK) yield buffer.subarray(i, i + CHUNK);
}

/** UTF-8 (BOM or not) or UTF-16 with a BOM; anything else is refused rather than guessed. */
async function* decodeText(source: AsyncIterable<Buffer>): AsyncGenerator<string> {
	let decoder: TextDecoder | null = null;
	const refuse = (cause?: unknown) => new TableFileError('table.error.encoding', {}, { cause });
	for await (const bytes of source) {
		decoder ??= new TextDecoder(
			bytes[0] === 0xff && bytes[1] === 0xfe
				? 'utf-16le'
				: bytes[0] === 0xfe && bytes[1] === 0xff
					? 'utf-16be'
					: 'utf-8',
			{ fatal: true }
		);
		let text: string;
		try {
			text = decoder.decode(bytes, { stream: true });
		} catch (e) {
			throw refuse(e);
		}
		// NUL never occurs in a real CSV; it is what UTF-16 without a BOM looks like as UTF-8.
		if (text.includes('\0')) throw refuse();
		yield text;
	}
	try {
		const rest = decoder?.decode() ?? '';
		if (rest) yield rest;
	} catch (e) {
		throw refuse(e);
	}
}

/** The separator used most in the header line (outside quotes); Excel's "Unicode text" uses tabs. */
function detectDelimiter(firstLine: string): string {
	const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
	let quoted = false;
	for (const ch of firstLine) {
		if (ch === '"') quoted = !quoted;
		else if (!quoted && ch in counts) counts[ch]++;
	}
	return Object.entries(counts).reduce((best, [d, n]) => (n > counts[best] ? d : best), ',');
}

export async function* readCsvRows(input: Buffer | string): AsyncGenerator<TableRow> {
	const source =
		typeof input === 'string' ? createReadStream(input, { highWaterMark: CHUNK }) : Readable.from(slices(input));
	const text = decodeText(source)[Symbol.asyncIterator]();
	let line = 0;
	try {
		let start = '';
		while (!/[\r\n]/.test(start) && start.length < CHUNK) {
			const next = await text.next();
			if (next.done) break;
			start += next.value;
		}
		const parser = parseCsv({
			delimiter: detectDelimiter(start.split(/\r\n|\n|\r/)[0]),
			relax_column_count: true,
			relax_quotes: true,
			skip_empty_lines: false,
			max_record_size: MiB
		});
		const feed = Readable.from(
			(async function* () {
				if (start) yield start;
				for (let next = await text.next(); !next.done; next = await text.next()) yield next.value;
			})()
		);
		feed.on('error', (e) => parser.destroy(e));
		feed.pipe(parser);
		// Each record is one Excel row, blank lines included, so line numbers match what users see.
		for await (const record of parser as AsyncIterable<string[]>) {
			line++;
			yield { line, cells: record.map(clean) };
		}
	} catch (e) {
		if (e instanceof TableFileError) throw e;
		if (typeof (e as { code?: unknown }).code === 'string' && (e as { code: string }).code.startsWith('CSV_')) {
			throw new TableFileError('table.error.csvSyntax', { line: line + 1 }, { cause: e });
		}
		throw new TableFileError('table.error.unreadable', {}, { cause: e });
	} finally {
		source.destroy();
	}
}
