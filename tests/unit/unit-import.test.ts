import { describe, expect, it } from 'vitest';
import type { ImportIssue, TableRow } from '$lib/domain/roster';
import { validateUnitImport, validateUnitImportStream, type UnitImportContext } from '$lib/domain/unit-import';

const EN = ['code', 'parent_code', 'name', 'full_name', 'type', 'name_en'];
const VI = ['Mã', 'Mã đơn vị cấp trên', 'Tên', 'Tên đầy đủ', 'Loại', 'Tên tiếng Anh'];
const none: UnitImportContext = { existingCodes: new Set() };

function table(header: string[], ...data: (string[] | TableRow)[]): TableRow[] {
	return [
		{ line: 1, cells: header },
		...data.map((cells, i) => (Array.isArray(cells) ? { line: i + 2, cells } : cells))
	];
}
const unit = (code: string, parent = '', name = `Đơn vị ${code}`) => [code, parent, name, '', '', ''];
const keys = (issues: ImportIssue[]) => issues.map((i) => i.key);
const order = (r: ReturnType<typeof validateUnitImport>) => r.units.map((u) => u.code);

describe('unit import columns and normalisation', () => {
	it('reads Vietnamese and English headers into the same units', () => {
		const row = ['21025', '51', ' Cẩm  Thành ', 'Phường Cẩm Thành', 'phường', 'Cam Thanh'];
		const vi = validateUnitImport(table(VI, ['51', '', 'Quảng Ngãi', 'Tỉnh Quảng Ngãi', 'tỉnh', ''], row), none);
		const en = validateUnitImport(table(EN, ['51', '', 'Quảng Ngãi', 'Tỉnh Quảng Ngãi', 'tỉnh', ''], row), none);
		expect(vi.errors).toEqual([]);
		expect(vi.units).toEqual(en.units);
		expect(vi.units[1]).toEqual({
			line: 3,
			code: '21025',
			parentCode: '51',
			name: 'Cẩm Thành',
			fullName: 'Phường Cẩm Thành',
			kind: 'phường',
			nameEn: 'Cam Thanh'
		});
		expect(vi.units[0]).toMatchObject({ parentCode: null, nameEn: null });
	});

	it('needs only code and name; the full name defaults to the name', () => {
		const r = validateUnitImport(table(['Mã đơn vị', 'Tên đơn vị'], ['S1', 'Sở Nội vụ']), none);
		expect(r.units).toEqual([
			{ line: 2, code: 'S1', parentCode: null, name: 'Sở Nội vụ', fullName: 'Sở Nội vụ', kind: '', nameEn: null }
		]);
		expect(keys(validateUnitImport(table(['Tên', 'Loại'], ['A', 'xã']), none).errors)).toEqual([
			'roster.file.missingColumn'
		]);
	});

	it('reports missing names and codes, bad codes and codes already in the system', () => {
		const r = validateUnitImport(table(EN, unit('A', '', ''), unit(''), unit('có dấu'), unit('51')), {
			existingCodes: new Set(['51'])
		});
		expect(r.errors.map((e) => [e.key, e.params])).toEqual([
			['unitImport.error.nameMissing', { line: 2 }],
			['unitImport.error.codeMissing', { line: 3 }],
			['unitImport.error.codeFormat', { line: 4, value: 'có dấu' }],
			['unitImport.error.codeExists', { line: 5, value: '51' }]
		]);
		expect(r.counts).toEqual({ rows: 4, valid: 0, invalid: 4, errors: 4, warnings: 0 });
	});

	it('flags formula cells', () => {
		const r = validateUnitImport(table(EN, { line: 2, cells: ['A', '', '', '', '', ''], formulaColumns: [2] }), none);
		expect(r.errors).toEqual([{ key: 'roster.error.formula', params: { line: 2, columns: 'name' }, lines: [2] }]);
		expect(r.units).toEqual([]);
	});
});

describe('unit import tree', () => {
	it('orders parents before children, depth-first in file order', () => {
		const r = validateUnitImport(
			table(EN, unit('C1', 'B1'), unit('B2', 'A'), unit('B1', 'A'), unit('A'), unit('C2', 'B2'), unit('D', 'C1')),
			none
		);
		expect(r.errors).toEqual([]);
		expect(order(r)).toEqual(['A', 'B2', 'C2', 'B1', 'C1', 'D']);
	});

	it('accepts parents that already exist in the system', () => {
		const r = validateUnitImport(table(EN, unit('X2', 'X1'), unit('X1', '51')), { existingCodes: new Set(['51']) });
		expect(order(r)).toEqual(['X1', 'X2']);
	});

	it('refuses a parent found neither in the file nor in the system, and its descendants', () => {
		const r = validateUnitImport(table(EN, unit('A', 'ZZ'), unit('B', 'A'), unit('C')), none);
		expect(r.errors.map((e) => [e.key, e.params])).toEqual([
			['unitImport.error.parentUnknown', { line: 2, value: 'A', parent: 'ZZ' }],
			['unitImport.error.parentRejected', { line: 3, value: 'B', parent: 'A' }]
		]);
		expect(order(r)).toEqual(['C']);
	});

	it('reports duplicate codes on both lines and imports neither', () => {
		const r = validateUnitImport(table(EN, unit('A'), unit('B', 'A'), unit('A', '', 'Trùng mã')), none);
		expect(r.errors[0]).toEqual({
			key: 'unitImport.error.codeDuplicate',
			params: { line: 4, value: 'A', firstLine: 2 },
			lines: [2, 4]
		});
		expect(keys(r.errors)).toEqual(['unitImport.error.codeDuplicate', 'unitImport.error.parentRejected']);
		expect(r.units).toEqual([]);
	});

	it('reports a loop once, with its lines and codes, and the units hanging below it', () => {
		const r = validateUnitImport(
			table(EN, unit('R'), unit('A', 'C'), unit('B', 'A'), unit('C', 'B'), unit('D', 'B'), unit('E', 'R')),
			none
		);
		expect(r.errors).toEqual([
			{ key: 'unitImport.error.cycle', params: { lines: '3, 4, 5', codes: 'A → C → B → A' }, lines: [3, 4, 5] },
			{ key: 'unitImport.error.parentRejected', params: { line: 6, value: 'D', parent: 'B' }, lines: [6] }
		]);
		expect(order(r)).toEqual(['R', 'E']);
	});

	it('refuses a unit that is its own parent', () => {
		const r = validateUnitImport(table(EN, unit('A', 'A')), none);
		expect(keys(r.errors)).toEqual(['unitImport.error.parentSelf']);
	});

	it('handles a 100,000-deep chain without recursion', () => {
		const rows = Array.from({ length: 100_000 }, (_, i) =>
			unit(`U${100_000 - i}`, i === 99_999 ? '' : `U${99_999 - i}`)
		);
		const r = validateUnitImport(table(EN, ...rows), none);
		expect(r.counts.valid).toBe(100_000);
		expect(r.units[0].code).toBe('U1');
		expect(r.units[99_999].code).toBe('U100000');
		// Real work (a second or two when idle): the limit must hold on a busy machine too.
	}, 60_000);

	it('warns about one name twice under the same parent', () => {
		const r = validateUnitImport(
			table(EN, unit('P'), unit('A', 'P', 'An Phú'), unit('B', 'P', 'an phú'), unit('C', '', 'An Phú')),
			none
		);
		expect(r.warnings).toEqual([
			{ key: 'unitImport.warning.sameName', params: { name: 'An Phú', parent: 'P', lines: '3, 4' }, lines: [3, 4] }
		]);
		expect(r.units).toHaveLength(4);
	});

	it('validates an async stream of rows the same way', async () => {
		const rows = table(VI, unit('B', 'A'), unit('A'));
		async function* stream() {
			yield* rows;
		}
		expect(await validateUnitImportStream(stream(), none)).toEqual(validateUnitImport(rows, none));
		expect(keys(validateUnitImport([], none).errors)).toEqual(['table.error.empty']);
		expect(keys(validateUnitImport(table(VI), none).errors)).toEqual(['table.error.headerOnly']);
	});
});
