// Real files on disk, built with exceljs (the library the app reads them with) or byte by byte.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROSTER_TEMPLATE_HEADERS, validateRosterStream, type RosterContext, type TableRow } from '$lib/domain/roster';
import { validateUnitImportStream } from '$lib/domain/unit-import';
import { parseUnitsCsv } from '$lib/server/seed/units-csv';
import { rosterMessages } from '$lib/i18n/roster';
import { readTable, TableFileError, writeRosterTemplate, type ReadTableOptions } from '$lib/server/files/tabular-file';

const HEADER = ['Họ và tên', 'Mã cá nhân', 'Mã đơn vị', 'Nhóm', 'Chức vụ', 'Email', 'Số điện thoại'];
const context: RosterContext = {
	unitCodes: new Set(['21025', '21028', '21034']),
	groups: [{ id: 1, code: 'CBCC', name: 'Cán bộ, công chức' }]
};
let dir = '';
beforeAll(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'par-survey-table-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function save(name: string, data: Buffer | string): string {
	const file = path.join(dir, name);
	writeFileSync(file, data);
	return file;
}

async function collect(input: Buffer | string, options?: ReadTableOptions): Promise<TableRow[]> {
	const rows: TableRow[] = [];
	for await (const row of readTable(input, options)) rows.push(row);
	return rows;
}

async function refusal(input: Buffer | string, options?: ReadTableOptions): Promise<TableFileError> {
	try {
		await collect(input, options);
	} catch (e) {
		if (e instanceof TableFileError) return e;
		throw e;
	}
	throw new Error('the file was accepted');
}

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	build(wb);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A zip written byte by byte, so a test can make it lie. */
function makeZip(entries: { name: string; data: Buffer; stored?: boolean; declaredSize?: number }[]): Buffer {
	const parts: Buffer[] = [];
	const directory: Buffer[] = [];
	let offset = 0;
	for (const e of entries) {
		const body = e.stored ? e.data : deflateRawSync(e.data);
		const name = Buffer.from(e.name);
		const method = e.stored ? 0 : 8;
		const size = e.declaredSize ?? e.data.length;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(method, 8);
		local.writeUInt32LE(crc32(e.data), 14);
		local.writeUInt32LE(body.length, 18);
		local.writeUInt32LE(size, 22);
		local.writeUInt16LE(name.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(method, 10);
		central.writeUInt32LE(crc32(e.data), 16);
		central.writeUInt32LE(body.length, 20);
		central.writeUInt32LE(size, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		parts.push(local, name, body);
		directory.push(central, name);
		offset += 30 + name.length + body.length;
	}
	const cd = Buffer.concat(directory);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(cd.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...parts, cd, end]);
}

const NS =
	'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const WS_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';

/** The smallest workbook Excel would open: one sheet with inline strings, by hand. */
function handmadeXlsx(sheetData: string | Buffer, options: { target?: string; declaredSize?: number } = {}) {
	const target = options.target ?? 'worksheets/sheet1.xml';
	const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
	const sheet =
		typeof sheetData === 'string'
			? Buffer.from(
					`<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${sheetData}</sheetData></worksheet>`
				)
			: sheetData;
	return makeZip([
		{
			name: 'xl/workbook.xml',
			data: Buffer.from(
				`<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>`
			)
		},
		{
			name: 'xl/_rels/workbook.xml.rels',
			data: Buffer.from(
				`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${WS_TYPE}" Target="${target}"/></Relationships>`
			)
		},
		{ name: sheetPath, data: sheet, declaredSize: options.declaredSize }
	]);
}
const inlineRow = (r: number, cells: string[]) =>
	`<row r="${r}">${cells.map((c, i) => `<c r="${String.fromCharCode(65 + i)}${r}" t="inlineStr"><is><t>${c}</t></is></c>`).join('')}</row>`;

describe('XLSX', () => {
	it('reads the first visible worksheet as the user sees it', async () => {
		const buffer = await workbook((wb) => {
			wb.addWorksheet('Tra cứu', { state: 'hidden' }).addRow(['không được đọc']);
			const ws = wb.addWorksheet('Danh sách');
			ws.addRow(['Họ và tên', 'Mã', 'Điện thoại', 'Số', 'Ngày', 'Ghi chú', 'Email', 'Có', 'Hệ số', 'Tên NFD']);
			const row = ws.addRow([
				'  Nguyễn Văn An  ',
				'001234',
				912345678,
				21025,
				new Date(Date.UTC(2025, 6, 1)),
				{ richText: [{ text: 'Trần ' }, { font: { bold: true }, text: 'Thị' }] },
				{ text: 'an@quangngai.gov.vn', hyperlink: 'mailto:an@quangngai.gov.vn' },
				true,
				12.5,
				'Lê Thị Ánh'.normalize('NFD')
			]);
			row.getCell(3).numFmt = '0000000000';
			row.getCell(5).numFmt = 'dd/mm/yyyy';
			ws.addRow([]);
			ws.getCell('A4').value = 'Phạm Thị Hoa';
			wb.addWorksheet('Khác').addRow(['không được đọc']);
		});
		const rows = await collect(buffer);
		expect(rows).toEqual([
			{ line: 1, cells: ['Họ và tên', 'Mã', 'Điện thoại', 'Số', 'Ngày', 'Ghi chú', 'Email', 'Có', 'Hệ số', 'Tên NFD'] },
			{
				line: 2,
				cells: [
					'Nguyễn Văn An',
					'001234',
					'0912345678',
					'21025',
					'2025-07-01',
					'Trần Thị',
					'an@quangngai.gov.vn',
					'TRUE',
					'12.5',
					'Lê Thị Ánh'
				]
			},
			{ line: 4, cells: ['Phạm Thị Hoa'] }
		]);
		expect(rows[1].cells[9]).toBe('Lê Thị Ánh'.normalize('NFC'));
		expect(await collect(save('typed.xlsx', buffer))).toEqual(rows);
	});

	it('reports formula cells, shared ones too, and never uses their cached results', async () => {
		const buffer = await workbook((wb) => {
			const ws = wb.addWorksheet('Danh sách');
			ws.addRow(HEADER);
			ws.addRow(['Nguyễn Văn An', 'CB1', '21025', 'CBCC', '', 'an@x.vn', '0912000001']);
			ws.addRow(['Trần Thị Bình', 'CB2', '21025', 'CBCC', '', 'binh@x.vn', '0912000002']);
			ws.getCell('A2').value = {
				formula: 'CONCATENATE("Nguyễn"," Văn An")',
				result: 'Nguyễn Văn An'
			} as ExcelJS.CellFormulaValue;
			// A shared formula's master (exceljs types lack shareType and ref) and one of its copies.
			ws.getCell('F2').value = {
				formula: 'LOWER("AN@X.VN")',
				result: 'an@x.vn',
				shareType: 'shared',
				ref: 'F2:F3'
			} as ExcelJS.CellFormulaValue;
			ws.getCell('F3').value = { sharedFormula: 'F2', result: 'binh@x.vn' } as ExcelJS.CellSharedFormulaValue;
		});
		const rows = await collect(buffer);
		expect(rows[1]).toEqual({
			line: 2,
			cells: ['', 'CB1', '21025', 'CBCC', '', '', '0912000001'],
			formulaColumns: [0, 5]
		});
		expect(rows[2]).toEqual({
			line: 3,
			cells: ['Trần Thị Bình', 'CB2', '21025', 'CBCC', '', '', '0912000002'],
			formulaColumns: [5]
		});
		const report = await validateRosterStream(readTable(buffer), context);
		expect(report.errors.map((e) => [e.key, e.params])).toEqual([
			['roster.error.formula', { line: 2, columns: 'Họ và tên, Email' }],
			['roster.error.formula', { line: 3, columns: 'Email' }]
		]);
		expect(report.people).toEqual([]);
	});

	it('reads a hand-made workbook: inline strings, no styles, an absolute sheet path', async () => {
		const rows = await collect(
			handmadeXlsx(inlineRow(1, ['Mã', 'Tên']) + inlineRow(3, ['21025', 'Cẩm Thành &amp; Nghĩa Lộ']), {
				target: '/xl/worksheets/data.xml'
			})
		);
		expect(rows).toEqual([
			{ line: 1, cells: ['Mã', 'Tên'] },
			{ line: 3, cells: ['21025', 'Cẩm Thành & Nghĩa Lộ'] }
		]);
	});

	it('refuses an empty workbook and one with only a header', async () => {
		expect((await refusal(await workbook((wb) => wb.addWorksheet('Trống')))).key).toBe('table.error.empty');
		const headerOnly = await workbook((wb) => wb.addWorksheet('Danh sách').addRow(HEADER));
		expect((await refusal(headerOnly)).key).toBe('table.error.headerOnly');
	});

	it('round-trips the downloadable template', async () => {
		const xlsx = await writeRosterTemplate('xlsx');
		const rows = await collect(xlsx);
		expect(rows[0].cells).toEqual(ROSTER_TEMPLATE_HEADERS);
		expect(rows[0].cells).toEqual(HEADER);
		expect(rows).toHaveLength(2);
		const report = await validateRosterStream(readTable(xlsx), context);
		expect(report.errors.map((e) => e.key)).toEqual(['roster.error.exampleRow']);

		// Code and phone columns are text, so Excel keeps the leading zeros people type.
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
		const sheet = wb.worksheets[0];
		expect([2, 3, 7].map((c) => sheet.getColumn(c).numFmt)).toEqual(['@', '@', '@']);
		expect(sheet.getCell('G2').value).toBe('0912 345 678');
		expect(wb.worksheets.map((w) => w.name)).toEqual(['Danh sách', 'Mã hợp lệ', 'Hướng dẫn']);

		const csv = await writeRosterTemplate('csv');
		expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
		expect(csv.toString('utf8')).toContain('\r\n');
		expect(await collect(csv)).toEqual(rows);
	});
});

describe('CSV and text', () => {
	const text =
		'Họ và tên,Mã cá nhân,Ghi chú\r\n  Nguyễn Văn An ,CB1,"Tổ 1, khu phố 2"\r\n\r\nTrần Thị Bình,CB2,"hai\r\ndòng"\r\nLê Văn Cường,CB3,\r\n';
	const expected = [
		{ line: 1, cells: ['Họ và tên', 'Mã cá nhân', 'Ghi chú'] },
		{ line: 2, cells: ['Nguyễn Văn An', 'CB1', 'Tổ 1, khu phố 2'] },
		{ line: 4, cells: ['Trần Thị Bình', 'CB2', 'hai\r\ndòng'] },
		{ line: 5, cells: ['Lê Văn Cường', 'CB3', ''] }
	];

	it('reads UTF-8 with and without a BOM, numbering rows as Excel does', async () => {
		expect(await collect(Buffer.from(text, 'utf8'))).toEqual(expected);
		expect(await collect(save('bom.csv', `\uFEFF${text}`))).toEqual(expected);
	});

	it('normalises decomposed Vietnamese to NFC', async () => {
		const rows = await collect(Buffer.from(text.normalize('NFD'), 'utf8'));
		expect(rows).toEqual(expected);
	});

	it('detects semicolons and tabs from the header line', async () => {
		const semicolons =
			'Họ và tên;Mã cá nhân;Ghi chú\r\n  Nguyễn Văn An ;CB1;"Tổ 1, khu phố 2"\r\n\r\nTrần Thị Bình;CB2;"hai\r\ndòng"\r\nLê Văn Cường;CB3;\r\n';
		expect(await collect(Buffer.from(semicolons))).toEqual(expected);
		const tabbed = 'Họ và tên\tMã cá nhân\tGhi chú\nNguyễn Văn An\tCB1\tTổ 1, khu phố 2\n';
		expect((await collect(Buffer.from(tabbed)))[1].cells).toEqual(['Nguyễn Văn An', 'CB1', 'Tổ 1, khu phố 2']);
	});

	it('reads Excel’s “Unicode text”: UTF-16LE with a BOM, tab-separated; and UTF-16BE', async () => {
		const tabbed =
			'Họ và tên\tMã cá nhân\tGhi chú\r\n  Nguyễn Văn An \tCB1\t"Tổ 1, khu phố 2"\r\n\r\nTrần Thị Bình\tCB2\t"hai\r\ndòng"\r\nLê Văn Cường\tCB3\t\r\n';
		const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tabbed, 'utf16le')]);
		expect(await collect(save('unicode.txt', le))).toEqual(expected);
		const be = Buffer.from(le);
		be.swap16();
		expect(await collect(be)).toEqual(expected);
	});

	it('refuses a Windows-1258 file instead of garbling it', async () => {
		// "Họ và tên,Mã\r\nNguyễn Văn An,CB1" in Windows-1258 (combining tone marks, as Vietnamese Windows writes them).
		const bytes = Buffer.from([
			0x48, 0x6f, 0xf2, 0x20, 0x76, 0xe0, 0x20, 0x74, 0xea, 0x6e, 0x2c, 0x4d, 0x61, 0xde, 0x0d, 0x0a, 0x4e, 0x67, 0x75,
			0x79, 0xea, 0xde, 0x6e, 0x20, 0x56, 0xe3, 0x6e, 0x20, 0x41, 0x6e, 0x2c, 0x43, 0x42, 0x31, 0x0d, 0x0a
		]);
		expect(new TextDecoder('windows-1258').decode(bytes).normalize('NFC')).toBe(
			'Họ và tên,Mã\r\nNguyễn Văn An,CB1\r\n'
		);
		expect((await refusal(save('legacy.csv', bytes))).key).toBe('table.error.encoding');
	});

	it('refuses UTF-16 without a BOM and binary files', async () => {
		expect((await refusal(Buffer.from(text, 'utf16le'))).key).toBe('table.error.encoding');
		expect((await refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).key).toBe(
			'table.error.legacyXls'
		);
	});

	it('names a picture or a PDF renamed .xlsx or .csv instead of blaming the encoding (issue 14)', async () => {
		// A real 1×1 PNG, as a phone's screenshot starts.
		const png = Buffer.from(
			'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
			'base64'
		);
		const asXlsx = await refusal(save('danh-sach.xlsx', png));
		expect([asXlsx.key, asXlsx.params]).toEqual(['table.error.notTableKnown', { format: 'PNG' }]);
		const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
		expect((await refusal(save('danh-sach.csv', jpeg))).params).toEqual({ format: 'JPEG' });
		expect((await refusal(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'))).params).toEqual({ format: 'PDF' });
		// Unknown binary data (NULs at both parities) is "not a spreadsheet", still not an encoding problem.
		const blob = Buffer.concat([Buffer.from([0x00, 0x00, 0x13, 0x37, 0x00, 0x01]), randomBytes(64)]);
		expect((await refusal(blob)).key).toBe('table.error.notTable');
		// UTF-16 with a BOM and a decomposed grave (U+0300, a NUL byte) is still text.
		const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Họ và tên,Mã\nA\u0300n,CB1\n', 'utf16le')]);
		expect((await collect(utf16)).map((r) => r.cells)).toEqual([
			['Họ và tên', 'Mã'],
			['Àn', 'CB1']
		]);
		expect(rosterMessages.vi['table.error.notTableKnown'].replace('{format}', 'PNG')).toContain(
			'không phải là bảng tính (CSV hoặc XLSX) mà là một tệp PNG'
		);
	});

	it('reports a broken quote with its row', async () => {
		const e = await refusal(Buffer.from('Họ và tên,Mã\nAn,CB1\n"Bình,CB2\n'));
		expect([e.key, e.params]).toEqual(['table.error.csvSyntax', { line: 3 }]);
	});

	it('refuses an empty file, a blank one and one with only a header', async () => {
		expect((await refusal(save('empty.csv', ''))).key).toBe('table.error.empty');
		expect((await refusal(Buffer.from('\uFEFF\r\n , \r\n'))).key).toBe('table.error.empty');
		const seen: TableRow[] = [];
		const e = await (async () => {
			try {
				for await (const row of readTable(Buffer.from('Họ và tên,Mã\r\n,\r\n'))) seen.push(row);
			} catch (err) {
				return err as TableFileError;
			}
		})();
		expect(e?.key).toBe('table.error.headerOnly');
		expect(seen).toEqual([{ line: 1, cells: ['Họ và tên', 'Mã'] }]);
	});

	it('reads a 10 MB roster under the default limit and refuses it under a smaller one', async () => {
		const lines = [HEADER.join(',')];
		for (let i = 1; i <= 95_000; i++) {
			lines.push(
				`Nguyễn Văn Thành Đạt ${i},CB${String(i).padStart(6, '0')},21025,CBCC,Chuyên viên Văn phòng,cb${i}@quangngai.gov.vn,09${String(i).padStart(8, '0')}`
			);
		}
		const file = save('ten-mb.csv', lines.join('\r\n'));
		const size = readFileSync(file).length;
		expect(size).toBeGreaterThan(10_000_000);
		const report = await validateRosterStream(readTable(file), context);
		expect(report.counts).toMatchObject({ rows: 95_000, valid: 95_000, errors: 0 });
		expect(report.people[94_999]).toMatchObject({ line: 95_001, personalCode: 'CB095000', phone: '+84900095000' });
		const e = await refusal(file, { maxBytes: 5 * 1024 * 1024 });
		expect([e.key, e.params]).toEqual(['table.error.tooLarge', { maxMiB: 5 }]);
		expect((await refusal(file, { maxRows: 1000 })).key).toBe('table.error.tooManyRows');
	});
});

describe('zip safety', () => {
	it('refuses a zip bomb from its directory, before inflating anything', async () => {
		const bomb = handmadeXlsx(Buffer.alloc(40 * 1024 * 1024, 0x20));
		expect(bomb.length).toBeLessThan(200_000);
		// The ratio key comes from the zip directory: nothing was inflated to find it.
		expect((await refusal(save('bomb.xlsx', bomb))).key).toBe('table.error.zipRatio');
	});

	it('refuses a bomb whose directory lies about its size', async () => {
		const liar = handmadeXlsx(
			Buffer.concat([Buffer.from(`<worksheet ${NS}><sheetData>`), Buffer.alloc(40 * 1024 * 1024, 0x20)]),
			{ declaredSize: 4000 }
		);
		expect((await refusal(liar)).key).toBe('table.error.corruptZip');
	});

	it('limits the number of entries and the unpacked total', async () => {
		const many = makeZip(
			Array.from({ length: 10_001 }, (_, i) => ({ name: `x/${i}.xml`, data: Buffer.from('x'), stored: true }))
		);
		const tooMany = await refusal(many);
		expect([tooMany.key, tooMany.params]).toEqual(['table.error.zipTooManyEntries', { count: 10_001, max: 10_000 }]);
		// Incompressible text, so only the total is over a limit, not the ratio.
		const big = handmadeXlsx(inlineRow(1, ['Mã']) + inlineRow(2, [randomBytes(2_400_000).toString('base64')]));
		const e = await refusal(big, { zip: { maxUnpackedBytes: 2 * 1024 * 1024 } });
		expect([e.key, e.params]).toEqual(['table.error.zipTooLarge', { maxMiB: 2 }]);
		expect((await collect(big)).length).toBe(2);
	});

	it('refuses damaged, ambiguous and foreign zips with a clear reason', async () => {
		const good = await writeRosterTemplate('xlsx');
		expect((await refusal(good.subarray(0, good.length >> 1))).key).toBe('table.error.corruptZip');
		expect((await refusal(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]))).key).toBe(
			'table.error.corruptZip'
		);
		const sheet = inlineRow(1, ['A']);
		const twice = makeZip([
			{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet) },
			{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet) }
		]);
		expect((await refusal(twice)).key).toBe('table.error.corruptZip');
		expect((await refusal(makeZip([{ name: 'hello.txt', data: Buffer.from('xin chào') }]))).key).toBe(
			'table.error.notXlsx'
		);
		const noSheet = makeZip([
			{ name: 'xl/workbook.xml', data: Buffer.from(`<workbook ${NS}><sheets/></workbook>`) },
			{ name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('<Relationships/>') }
		]);
		expect((await refusal(noSheet)).key).toBe('table.error.noWorksheet');
	});
});

describe('large rosters', () => {
	const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô'];
	const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Ngọc', 'Thanh', 'Minh', 'Quốc', 'Thuỳ'];
	const GIVEN = [
		'Ánh',
		'Bình',
		'Cường',
		'Dũng',
		'Hải',
		'Hương',
		'Khánh',
		'Lộc',
		'Nguyệt',
		'Phúc',
		'Quỳnh',
		'Sơn',
		'Tâm',
		'Thảo',
		'Tuấn',
		'Yến',
		'Ưởng'
	];
	// Unique Vietnamese names: a multi-byte letter lands on every possible chunk boundary.
	const nameOf = (i: number) => `${FAMILY[i % 12]} ${MIDDLE[i % 9]} ${GIVEN[i % 17]} ${GIVEN[(i >> 4) % 17]}ữ${i}`;

	it('reads and validates a 100,000-row XLSX roster with flat memory and no garbled letters', async () => {
		const file = path.join(dir, 'roster-100k.xlsx');
		const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
			filename: file,
			useSharedStrings: false,
			useStyles: false
		});
		const sheet = writer.addWorksheet('Danh sách');
		sheet.addRow(HEADER).commit();
		for (let i = 1; i <= 100_000; i++) {
			const email = i % 10_000 === 0 ? `cb${i - 1}@quangngai.gov.vn` : `cb${i}@quangngai.gov.vn`;
			const unit = i === 50_000 ? '99999' : ['21025', '21028', '21034'][i % 3];
			sheet
				.addRow([
					nameOf(i),
					`CB${String(i).padStart(6, '0')}`,
					unit,
					'CBCC',
					'Chuyên viên phòng Tổ chức – Hành chính',
					email,
					`09${String(i).padStart(8, '0')}`
				])
				.commit();
		}
		await sheet.commit();
		await writer.commit();

		// Time and memory for this size are measured by `npm run bench`, not asserted here.
		const report = await validateRosterStream(readTable(file), context);
		expect(report.counts).toEqual({ rows: 100_000, valid: 99_999, invalid: 1, errors: 1, warnings: 10 });
		expect(report.errors[0]).toMatchObject({
			key: 'roster.error.unitUnknown',
			params: { line: 50_001, value: '99999' }
		});
		expect(report.warnings.every((w) => w.key === 'roster.warning.sharedEmail' && w.params.count === 2)).toBe(true);
		expect(report.people.find((p) => p.line === 77_778)).toEqual({
			line: 77_778,
			fullName: nameOf(77_777),
			personalCode: 'CB077777',
			unitCode: '21034',
			groupId: 1,
			groupCode: 'CBCC',
			position: 'Chuyên viên phòng Tổ chức – Hành chính',
			email: 'cb77777@quangngai.gov.vn',
			phone: '+84900077777'
		});
		// exceljs alone garbles a few dozen of these (a letter split between two chunks).
		const garbled = report.people.filter((p) => p.fullName !== nameOf(p.line - 1));
		expect(garbled).toEqual([]);

		// A reader that stops early (a preview, an error) releases the file at once.
		let seen = 0;
		for await (const row of readTable(file)) if (++seen === 10 || row.line > 10) break;
		expect(seen).toBe(10);
	}, 60_000);

	it('imports the bundled unit list through the same reader', async () => {
		const file = 'src/lib/server/seed/quang-ngai-units.csv';
		const report = await validateUnitImportStream(readTable(file), { existingCodes: new Set() });
		expect(report.errors).toEqual([]);
		const seed = parseUnitsCsv(readFileSync(file, 'utf8'));
		expect(report.units.map((u) => u.code).sort()).toEqual(seed.map((u) => u.code).sort());
		expect(report.units[0].parentCode).toBeNull();
	});
});
