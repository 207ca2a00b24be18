// Unit import rules: codes unique and well-formed, every parent either in the file or already in
// the system, no loops; the result is ordered parents-first so it can be inserted in one pass.
import type { RosterMessageKey } from '$lib/i18n/roster';
import { IssueList, mapColumns, readCells, type ColumnSpec, type ImportIssue, type TableRow } from './roster';

export type UnitField = 'code' | 'parentCode' | 'name' | 'fullName' | 'kind' | 'nameEn';

export const UNIT_COLUMNS: Record<UnitField, ColumnSpec> = {
	code: { aliases: ['Mã', 'Mã đơn vị', 'code', 'unit_code'], required: true, maxLength: 32 },
	parentCode: {
		aliases: ['Mã đơn vị cấp trên', 'Mã cấp trên', 'parent_code', 'parent'],
		required: false,
		maxLength: 32
	},
	name: { aliases: ['Tên', 'Tên đơn vị', 'name'], required: true, maxLength: 200 },
	fullName: { aliases: ['Tên đầy đủ', 'full_name'], required: false, maxLength: 300 },
	kind: { aliases: ['Loại', 'Loại đơn vị', 'type', 'kind'], required: false, maxLength: 50 },
	nameEn: { aliases: ['Tên tiếng Anh', 'name_en'], required: false, maxLength: 200 }
};

// The same rule as a staff account's unit scope (src/lib/domain/staff.ts).
const CODE_FORMAT = /^[0-9A-Za-z._-]{1,32}$/;

export interface ImportedUnit {
	line: number;
	code: string;
	parentCode: string | null;
	name: string;
	fullName: string;
	kind: string;
	nameEn: string | null;
}

export interface UnitImportContext {
	/** Codes already in the system: valid parents, and refused as new codes. */
	existingCodes: ReadonlySet<string>;
	maxIssues?: number;
}

export interface UnitImportReport {
	/** Valid units, every parent before its children (children in file order). */
	units: ImportedUnit[];
	errors: ImportIssue[];
	warnings: ImportIssue[];
	counts: { rows: number; valid: number; invalid: number; errors: number; warnings: number };
	columns: Partial<Record<UnitField, string>>;
}

export function validateUnitImport(input: Iterable<TableRow>, context: UnitImportContext): UnitImportReport {
	const errors = new IssueList(context.maxIssues ?? 1000);
	const warnings = new IssueList(context.maxIssues ?? 1000);
	const fail = (key: RosterMessageKey, params: Record<string, string | number>, lines: number[]) =>
		errors.add({ key, params, lines });
	let map: ReturnType<typeof mapColumns<UnitField>> | null = null;
	const candidates: ImportedUnit[] = [];
	const rejected = new Set<number>();
	const firstLineOfCode = new Map<string, number>();
	let rows = 0;
	let fileBroken = false;

	for (const row of nonEmpty(input)) {
		if (!map) {
			map = mapColumns(row.cells, UNIT_COLUMNS);
			for (const issue of map.issues) (issue.key.startsWith('roster.warning.') ? warnings : errors).add(issue);
			fileBroken = map.issues.some((i) => i.key.startsWith('roster.file.'));
			continue;
		}
		rows++;
		if (fileBroken) continue;
		const line = row.line;
		const rowErrors: ImportIssue[] = [];
		const v = readCells(row, map, UNIT_COLUMNS, rowErrors);
		for (const issue of rowErrors) errors.add(issue);
		let bad = rowErrors.length > 0;
		const unit: ImportedUnit = {
			line,
			code: v.code,
			parentCode: v.parentCode || null,
			name: v.name,
			fullName: v.fullName || v.name,
			kind: v.kind,
			nameEn: v.nameEn || null
		};
		if (!unit.name && !v.reported.includes('name')) {
			fail('unitImport.error.nameMissing', { line }, [line]);
			bad = true;
		}
		if (!unit.code) {
			if (!v.reported.includes('code')) fail('unitImport.error.codeMissing', { line }, [line]);
			bad = true;
		} else if (!CODE_FORMAT.test(unit.code)) {
			fail('unitImport.error.codeFormat', { line, value: unit.code }, [line]);
			bad = true;
		} else if (context.existingCodes.has(unit.code)) {
			fail('unitImport.error.codeExists', { line, value: unit.code }, [line]);
			bad = true;
		} else {
			const firstLine = firstLineOfCode.get(unit.code);
			if (firstLine === undefined) firstLineOfCode.set(unit.code, line);
			else {
				fail('unitImport.error.codeDuplicate', { line, value: unit.code, firstLine }, [firstLine, line]);
				rejected.add(firstLine);
				bad = true;
			}
		}
		if (unit.code && unit.parentCode === unit.code) {
			fail('unitImport.error.parentSelf', { line, value: unit.code }, [line]);
			bad = true;
		}
		if (bad) rejected.add(line);
		candidates.push(unit);
	}

	if (!map) errors.add({ key: 'table.error.empty', params: {}, lines: [] });
	else if (rows === 0 && !fileBroken) errors.add({ key: 'table.error.headerOnly', params: {}, lines: [] });

	const units = orderParentsFirst(candidates, rejected, context.existingCodes, fail);
	sameNameWarnings(units, warnings);
	return {
		units,
		errors: errors.sorted(),
		warnings: warnings.sorted(),
		counts: { rows, valid: units.length, invalid: rows - units.length, errors: errors.total, warnings: warnings.total },
		columns: map?.header ?? {}
	};
}

export async function validateUnitImportStream(
	input: AsyncIterable<TableRow>,
	context: UnitImportContext
): Promise<UnitImportReport> {
	const rows: TableRow[] = [];
	for await (const row of input) rows.push(row);
	return validateUnitImport(rows, context);
}

function* nonEmpty(input: Iterable<TableRow>): Iterable<TableRow> {
	for (const row of input) if (row.cells.some((c) => c.trim())) yield row;
}

type Fail = (key: RosterMessageKey, params: Record<string, string | number>, lines: number[]) => void;

/**
 * Depth-first from the roots (parent absent or already in the system), iteratively so a
 * 100,000-deep chain cannot overflow the stack. What is never reached hangs below a rejected
 * unit or sits in a loop; each loop is reported once.
 */
function orderParentsFirst(
	candidates: ImportedUnit[],
	rejected: Set<number>,
	existing: ReadonlySet<string>,
	fail: Fail
): ImportedUnit[] {
	const byCode = new Map<string, ImportedUnit>();
	for (const u of candidates) if (!rejected.has(u.line)) byCode.set(u.code, u);
	const inFile = new Set(candidates.map((u) => u.code));
	const children = new Map<string, ImportedUnit[]>();
	const roots: ImportedUnit[] = [];
	for (const u of byCode.values()) {
		if (u.parentCode === null || existing.has(u.parentCode)) roots.push(u);
		else if (byCode.has(u.parentCode)) {
			const list = children.get(u.parentCode);
			if (list) list.push(u);
			else children.set(u.parentCode, [u]);
		} else if (inFile.has(u.parentCode)) {
			fail('unitImport.error.parentRejected', { line: u.line, value: u.code, parent: u.parentCode }, [u.line]);
			rejected.add(u.line);
		} else {
			fail('unitImport.error.parentUnknown', { line: u.line, value: u.code, parent: u.parentCode }, [u.line]);
			rejected.add(u.line);
		}
	}

	const ordered: ImportedUnit[] = [];
	const reached = new Set<string>();
	const stack = [...roots].reverse();
	while (stack.length) {
		const u = stack.pop()!;
		ordered.push(u);
		reached.add(u.code);
		const kids = children.get(u.code);
		if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
	}

	// What remains has a valid parent in the file that is itself unreachable: a loop or below one.
	const state = new Map<string, 'walking' | 'done'>();
	for (const start of byCode.values()) {
		if (reached.has(start.code) || rejected.has(start.line) || state.has(start.code)) continue;
		const path: ImportedUnit[] = [];
		let u: ImportedUnit | undefined = start;
		while (u && !state.has(u.code) && !rejected.has(u.line)) {
			state.set(u.code, 'walking');
			path.push(u);
			u = u.parentCode ? byCode.get(u.parentCode) : undefined;
		}
		const loopStart = u && state.get(u.code) === 'walking' ? path.indexOf(u) : path.length;
		const loop = path.slice(loopStart);
		if (loop.length) {
			const lines = loop.map((x) => x.line).sort((a, b) => a - b);
			const codes = loop.map((x) => x.code);
			fail('unitImport.error.cycle', { lines: lines.join(', '), codes: [...codes, codes[0]].join(' → ') }, lines);
		}
		for (const x of path.slice(0, loopStart)) {
			fail('unitImport.error.parentRejected', { line: x.line, value: x.code, parent: x.parentCode ?? '' }, [x.line]);
		}
		for (const x of path) {
			state.set(x.code, 'done');
			rejected.add(x.line);
		}
	}
	return ordered;
}

function sameNameWarnings(units: ImportedUnit[], warnings: IssueList) {
	const seen = new Map<string, ImportedUnit[]>();
	for (const u of units) {
		const key = `${u.parentCode ?? ''}\u0000${u.name.toLowerCase()}`;
		const list = seen.get(key);
		if (list) list.push(u);
		else seen.set(key, [u]);
	}
	for (const group of seen.values()) {
		if (group.length < 2) continue;
		const lines = group.map((u) => u.line).sort((a, b) => a - b);
		warnings.add({
			key: 'unitImport.warning.sameName',
			params: { name: group[0].name, parent: group[0].parentCode ?? '—', lines: lines.join(', ') },
			lines
		});
	}
}
