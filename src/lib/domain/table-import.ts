// Reading an uploaded table (roster, units): the text and header helpers, column mapping and cell
// reading shared by every import, and the issues they report. Pure: rows come from any reader.
import type { RosterMessageKey } from '$lib/i18n/roster';

/** One row of an uploaded table; `line` is the row number the user sees in Excel (header = 1). */
export interface TableRow {
	line: number;
	cells: string[];
	/** 0-based columns whose cell held a formula: never evaluated, reported instead. */
	formulaColumns?: number[];
}

export interface ImportIssue {
	key: RosterMessageKey;
	params: Record<string, string | number>;
	/** The lines concerned, ascending; empty for a problem with the whole file. */
	lines: number[];
	/** For shared contacts: who shares it, in Vietnamese name order. */
	people?: { line: number; name: string }[];
}

// ---- Text and header helpers, shared with unit-import.ts ----

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/** NFC, no zero-width characters, trimmed, inner whitespace collapsed to one space. */
export function cleanText(value: string | undefined): string {
	if (!value) return '';
	// Most cells (codes, e-mails, phones) are plain ASCII: skip the costly Unicode passes.
	const text = /^[\x21-\x7e]*$/.test(value) ? value : value.normalize('NFC').replace(INVISIBLE, '');
	return text.replace(/\s+/g, ' ').trim();
}

/** Control and bidi-override characters let a hostile name disguise itself on screen. */
export function hasUnsafeCharacters(value: string): boolean {
	return /[\p{Cc}\p{Cf}]/u.test(value);
}

/** A header compared case-, accent- and spacing-insensitively: "Mã đơn vị" → "madonvi". */
export function headerKey(value: string): string {
	return value
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

export interface ColumnSpec {
	aliases: readonly string[];
	required: boolean;
	maxLength: number;
}

export interface ColumnMap<F extends string> {
	index: Partial<Record<F, number>>;
	header: Partial<Record<F, string>>;
	issues: ImportIssue[];
	ignored: string[];
}

// Row numbers and blank "#" columns are everywhere in Vietnamese spreadsheets: not worth a warning.
const SILENT_COLUMNS = new Set(['stt', 'sott', 'sothutu', 'tt', 'no']);

/** Maps header cells to fields; a missing required column or a column given twice is a file error. */
export function mapColumns<F extends string>(header: string[], specs: Record<F, ColumnSpec>): ColumnMap<F> {
	const byKey = new Map<string, F>();
	for (const field of Object.keys(specs) as F[]) {
		for (const alias of specs[field].aliases) byKey.set(headerKey(alias), field);
	}
	const map: ColumnMap<F> = { index: {}, header: {}, issues: [], ignored: [] };
	header.forEach((raw, i) => {
		const text = cleanText(raw);
		const key = headerKey(text);
		const field = byKey.get(key);
		if (!field) {
			if (key && !SILENT_COLUMNS.has(key)) map.ignored.push(text);
		} else if (map.index[field] !== undefined) {
			map.issues.push({
				key: 'roster.file.duplicateColumn',
				params: { column: map.header[field]!, other: text },
				lines: []
			});
		} else {
			map.index[field] = i;
			map.header[field] = text;
		}
	});
	for (const field of Object.keys(specs) as F[]) {
		const spec = specs[field];
		if (spec.required && map.index[field] === undefined) {
			map.issues.push({
				key: 'roster.file.missingColumn',
				params: { column: spec.aliases[0], accepted: spec.aliases.join(', ') },
				lines: []
			});
		}
	}
	if (map.ignored.length)
		map.issues.push({ key: 'roster.warning.ignoredColumns', params: { columns: map.ignored.join(', ') }, lines: [] });
	return map;
}

/**
 * The cleaned cells of one row by field, '' when absent or unusable; formula, length and
 * control-character problems are added to `errors`, and their fields listed in `reported`.
 */
export function readCells<F extends string>(
	row: TableRow,
	map: ColumnMap<F>,
	specs: Record<F, ColumnSpec>,
	errors: ImportIssue[]
): Record<F, string> & { formulas: F[]; reported: F[] } {
	const line = row.line;
	const out = { formulas: [] as F[], reported: [] as F[] } as Record<F, string> & { formulas: F[]; reported: F[] };
	for (const field in specs) {
		const i = map.index[field];
		if (i !== undefined && row.formulaColumns?.includes(i)) {
			out.formulas.push(field);
			out.reported.push(field);
		}
	}
	if (out.formulas.length) {
		errors.push({
			key: 'roster.error.formula',
			params: { line, columns: out.formulas.map((f) => map.header[f]).join(', ') },
			lines: [line]
		});
	}
	for (const field in specs) {
		const i = map.index[field];
		let value = i === undefined || out.formulas.includes(field) ? '' : cleanText(row.cells[i]);
		if (value.length > specs[field].maxLength) {
			errors.push({
				key: 'roster.error.tooLong',
				params: { line, column: map.header[field]!, max: specs[field].maxLength },
				lines: [line]
			});
			out.reported.push(field);
			value = '';
		} else if (hasUnsafeCharacters(value)) {
			errors.push({
				key: 'roster.error.invalidCharacters',
				params: { line, column: map.header[field]! },
				lines: [line]
			});
			out.reported.push(field);
			value = '';
		}
		(out as Record<F, string>)[field] = value;
	}
	return out;
}

/** Keeps the first `max` issues in memory and counts them all. */
export class IssueList {
	readonly items: ImportIssue[] = [];
	total = 0;
	constructor(private readonly max: number) {}
	add(issue: ImportIssue) {
		this.total++;
		if (this.items.length < this.max) this.items.push(issue);
	}
	sorted(): ImportIssue[] {
		return this.items.sort((a, b) => (a.lines[0] ?? 0) - (b.lines[0] ?? 0));
	}
}

const collator = new Intl.Collator('vi');

/** Vietnamese order: given name (last word), then family name (first word), then the middle. */
export function compareVietnameseNames(a: string, b: string): number {
	const pa = a.split(' ');
	const pb = b.split(' ');
	return (
		collator.compare(pa[pa.length - 1], pb[pb.length - 1]) ||
		collator.compare(pa[0], pb[0]) ||
		collator.compare(pa.slice(1, -1).join(' '), pb.slice(1, -1).join(' ')) ||
		collator.compare(a, b)
	);
}
