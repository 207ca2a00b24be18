import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	compareVietnameseNames,
	headerKey,
	normalisePhone,
	ROSTER_TEMPLATE,
	ROSTER_TEMPLATE_HEADERS,
	validateRoster,
	validateRosterStream,
	type ImportIssue,
	type RosterContext,
	type TableRow
} from '$lib/domain/roster';
import { rosterMessages } from '$lib/i18n/roster';
import { translatorOf } from '$lib/i18n/translate';

const HEADER = ['Họ và tên', 'Mã cá nhân', 'Mã đơn vị', 'Nhóm', 'Chức vụ', 'Email', 'Số điện thoại'];
const context: RosterContext = {
	unitCodes: new Set(['51', '21025', '21028', '00123']),
	groups: [
		{ id: 7, code: 'LDSO', name: 'Lãnh đạo sở, ban, ngành' },
		{ id: 8, code: 'CBCC', name: 'Cán bộ, công chức' }
	]
};

/** Rows from plain arrays: the header is line 1, data from line 2. */
function table(header: string[], ...data: (string[] | TableRow)[]): TableRow[] {
	return [
		{ line: 1, cells: header },
		...data.map((cells, i) => (Array.isArray(cells) ? { line: i + 2, cells } : cells))
	];
}
const person = (
	over: Partial<Record<'name' | 'code' | 'unit' | 'group' | 'position' | 'email' | 'phone', string>> = {}
) => [
	over.name ?? 'Trần Thị Bình',
	over.code ?? 'CB001',
	over.unit ?? '21025',
	over.group ?? 'CBCC',
	over.position ?? 'Chuyên viên',
	over.email ?? 'binh.tt@quangngai.gov.vn',
	over.phone ?? '0912 345 678'
];
const keys = (issues: ImportIssue[]) => issues.map((i) => i.key);

describe('roster columns', () => {
	it('matches Vietnamese headers case-, accent- and spacing-insensitively', () => {
		const r = validateRoster(
			table(['HO VA TEN', '  mã   cá nhân ', 'Ma don vi', 'Nhóm đối tượng', 'CHỨC VỤ', 'E-mail', 'SĐT'], person()),
			context
		);
		expect(r.errors).toEqual([]);
		expect(r.columns).toEqual({
			fullName: 'HO VA TEN',
			personalCode: 'mã cá nhân',
			unitCode: 'Ma don vi',
			group: 'Nhóm đối tượng',
			position: 'CHỨC VỤ',
			email: 'E-mail',
			phone: 'SĐT'
		});
		expect(r.people).toHaveLength(1);
	});

	it('matches English headers and other Vietnamese spellings, in any order', () => {
		const r = validateRoster(
			table(
				['mobile', 'Thư điện tử', 'title', 'group_code', 'unit', 'personal_code', 'full_name'],
				['0987654321', 'a@b.vn', '', 'LDSO', '51', 'X1', 'Lê Văn Cường']
			),
			context
		);
		expect(r.errors).toEqual([]);
		expect(r.people[0]).toMatchObject({
			fullName: 'Lê Văn Cường',
			personalCode: 'X1',
			unitCode: '51',
			groupId: 7,
			email: 'a@b.vn',
			phone: '+84987654321',
			position: null
		});
		expect(
			validateRoster(
				table(['Họ tên', 'Mã định danh', 'unit_code', 'group', 'position', 'email', 'Điện thoại'], person()),
				context
			).people
		).toHaveLength(1);
		expect(headerKey('Số  điện-thoại')).toBe('sodienthoai');
	});

	it('ignores unknown columns with one warning, and row-number columns silently', () => {
		const r = validateRoster(table(['STT', ...HEADER, 'Ghi chú', 'Ngày sinh'], ['1', ...person()]), context);
		expect(r.people).toHaveLength(1);
		expect(r.warnings).toEqual([
			{ key: 'roster.warning.ignoredColumns', params: { columns: 'Ghi chú, Ngày sinh' }, lines: [] }
		]);
	});

	it('names every missing required column and imports nothing', () => {
		const r = validateRoster(table(['Họ và tên', 'Email'], ['Trần Thị Bình', 'a@b.vn']), context);
		expect(r.people).toEqual([]);
		expect(r.errors.map((e) => [e.key, e.params.column])).toEqual([
			['roster.file.missingColumn', 'Mã cá nhân'],
			['roster.file.missingColumn', 'Mã đơn vị'],
			['roster.file.missingColumn', 'Nhóm']
		]);
		expect(r.errors[0].params.accepted).toBe('Mã cá nhân, Mã định danh, personal_code, code');
		expect(r.counts).toMatchObject({ rows: 1, valid: 0, invalid: 1 });
	});

	it('refuses a column given twice', () => {
		const r = validateRoster(table([...HEADER, 'Thư điện tử'], [...person(), 'x@y.vn']), context);
		expect(r.errors).toEqual([
			{ key: 'roster.file.duplicateColumn', params: { column: 'Email', other: 'Thư điện tử' }, lines: [] }
		]);
		expect(r.people).toEqual([]);
	});

	it('reports an empty table and a header without data', () => {
		expect(keys(validateRoster([], context).errors)).toEqual(['table.error.empty']);
		expect(keys(validateRoster(table(HEADER, ['', ' ']), context).errors)).toEqual(['table.error.headerOnly']);
	});
});

describe('roster normalisation', () => {
	it('normalises names, e-mails, phones and keeps codes as typed', () => {
		const nfd = 'Nguyễn   Thị\u00a0 Ánh'.normalize('NFD');
		const r = validateRoster(
			table(
				HEADER,
				person({
					name: ` ${nfd} `,
					code: ' cb-00Ab ',
					email: ' Anh.NT@QuangNgai.Gov.VN ',
					phone: '+84 912-345-678',
					position: ''
				})
			),
			context
		);
		expect(r.people).toEqual([
			{
				line: 2,
				fullName: 'Nguyễn Thị Ánh',
				personalCode: 'cb-00Ab',
				unitCode: '21025',
				groupId: 8,
				groupCode: 'CBCC',
				position: null,
				email: 'anh.nt@quangngai.gov.vn',
				phone: '+84912345678'
			}
		]);
		expect(r.people[0].fullName).toBe(r.people[0].fullName.normalize('NFC'));
	});

	it('reads Vietnamese phone numbers in every usual spelling as E.164', () => {
		for (const raw of [
			'0912 345 678',
			'84912345678',
			'+84 912-345-678',
			'912345678',
			'0912.345.678',
			'(+84) 912 345 678',
			'0084912345678'
		]) {
			expect(normalisePhone(raw)?.e164, raw).toBe('+84912345678');
		}
		expect(normalisePhone('0255 3822 222')).toEqual({ e164: '+842553822222', fixedLine: true });
		for (const raw of ['123', '0912 345 6789', 'không có', '0912345678 / 0987654321'])
			expect(normalisePhone(raw), raw).toBeNull();
	});

	it('matches groups by code or exact name, case-insensitively, and reports which group', () => {
		const r = validateRoster(
			table(
				HEADER,
				person({ code: 'A', group: 'ldso' }),
				person({ code: 'B', group: 'CÁN BỘ, CÔNG CHỨC' }),
				person({ code: 'C', group: 'Cán bộ' })
			),
			context
		);
		expect(r.people.map((p) => [p.personalCode, p.groupId, p.groupCode])).toEqual([
			['A', 7, 'LDSO'],
			['B', 8, 'CBCC']
		]);
		expect(r.errors).toEqual([
			{ key: 'roster.error.groupUnknown', params: { line: 4, value: 'Cán bộ', known: 'LDSO, CBCC' }, lines: [4] }
		]);
	});
});

describe('roster row errors', () => {
	it('reports each kind of bad row with its line and value', () => {
		const r = validateRoster(
			table(
				HEADER,
				person({ name: '' }),
				person({ code: '', name: 'Người Hai', email: 'a2@x.vn', phone: '0912000002' }),
				person({ code: 'U', name: 'Người Ba', unit: '99999', email: 'a3@x.vn', phone: '0912000003' }),
				person({ code: 'V', name: 'Người Bốn', unit: '', email: 'a4@x.vn', phone: '0912000004' }),
				person({ code: 'G', name: 'Người Năm', group: '', email: 'a5@x.vn', phone: '0912000005' }),
				person({ code: 'E', name: 'Người Sáu', email: 'binh.tt@', phone: '0912000006' }),
				person({ code: 'P', name: 'Người Bảy', email: 'a7@x.vn', phone: '0912 345' }),
				person({ code: 'N', name: 'Người Tám', email: '', phone: '' })
			),
			context
		);
		expect(r.errors.map((e) => ({ key: e.key, params: e.params }))).toEqual([
			{ key: 'roster.error.nameMissing', params: { line: 2 } },
			{ key: 'roster.error.codeMissing', params: { line: 3 } },
			{ key: 'roster.error.unitUnknown', params: { line: 4, value: '99999' } },
			{ key: 'roster.error.unitMissing', params: { line: 5 } },
			{ key: 'roster.error.groupMissing', params: { line: 6 } },
			{ key: 'roster.error.emailInvalid', params: { line: 7, value: 'binh.tt@' } },
			{ key: 'roster.error.phoneInvalid', params: { line: 8, value: '0912 345' } },
			{ key: 'roster.error.noContact', params: { line: 9 } }
		]);
		expect(r.people).toEqual([]);
		expect(r.counts).toEqual({ rows: 8, valid: 0, invalid: 8, errors: 8, warnings: 0 });
	});

	it('points at leading zeros Excel dropped from a unit code', () => {
		const r = validateRoster(table(HEADER, person({ unit: '123' })), context);
		expect(r.errors).toEqual([
			{ key: 'roster.error.unitLeadingZeros', params: { line: 2, value: '123', suggestion: '00123' }, lines: [2] }
		]);
	});

	it('never matches a unit by its name', () => {
		const r = validateRoster(table(HEADER, person({ unit: 'Phường Cẩm Thành' })), context);
		expect(keys(r.errors)).toEqual(['roster.error.unitUnknown']);
	});

	it('imports the first row of a duplicated personal code and flags only the repeats, naming that row', () => {
		const r = validateRoster(
			table(
				HEADER,
				person({ code: 'CB7', email: 'a@x.vn', phone: '0912000001' }),
				person({ code: 'CB8', email: 'b@x.vn', phone: '0912000002' }),
				person({ code: 'cb7', name: 'Lê Văn Khác', email: 'c@x.vn', phone: '0912000003' }),
				person({ code: 'CB7', name: 'Đỗ Thị Ba', email: 'd@x.vn', phone: '0912000004' })
			),
			context
		);
		expect(r.errors).toEqual([
			{ key: 'roster.error.codeDuplicate', params: { line: 4, value: 'cb7', firstLine: 2 }, lines: [4] },
			{ key: 'roster.error.codeDuplicate', params: { line: 5, value: 'CB7', firstLine: 2 }, lines: [5] }
		]);
		expect(r.people.map((p) => [p.line, p.personalCode])).toEqual([
			[2, 'CB7'],
			[3, 'CB8']
		]);
		expect(r.counts).toMatchObject({ rows: 4, valid: 2, invalid: 2 });
		expect(translatorOf(rosterMessages.vi)('roster.error.codeDuplicate', r.errors[0].params)).toContain(
			'Dòng 4: trùng mã cá nhân “cb7” với dòng 2.'
		);
	});

	it('flags a formula cell without also calling it missing', () => {
		const r = validateRoster(
			table(HEADER, { line: 2, cells: ['', 'CB1', '21025', 'CBCC', '', '', '0912345678'], formulaColumns: [0, 5] }),
			context
		);
		expect(r.errors).toEqual([
			{ key: 'roster.error.formula', params: { line: 2, columns: 'Họ và tên, Email' }, lines: [2] }
		]);
		expect(r.people).toEqual([]);
	});

	it('ignores a formula in a column it does not use', () => {
		const r = validateRoster(
			table([...HEADER, 'Ghi chú'], { line: 2, cells: [...person(), ''], formulaColumns: [7] }),
			context
		);
		expect(r.errors).toEqual([]);
		expect(r.people).toHaveLength(1);
	});

	it('refuses over-long cells and hidden control characters', () => {
		const r = validateRoster(
			table(
				HEADER,
				person({ name: 'A'.repeat(201) }),
				person({ code: 'X2', name: 'Trần\u202eThị Bình', email: 'x2@x.vn', phone: '0912000002' })
			),
			context
		);
		expect(r.errors).toEqual([
			{ key: 'roster.error.tooLong', params: { line: 2, column: 'Họ và tên', max: 200 }, lines: [2] },
			{ key: 'roster.error.invalidCharacters', params: { line: 3, column: 'Họ và tên' }, lines: [3] }
		]);
	});

	it('refuses the template’s example row left in place', () => {
		const r = validateRoster(table(ROSTER_TEMPLATE_HEADERS, ROSTER_TEMPLATE.example, person()), context);
		expect(keys(r.errors)).toEqual(['roster.error.exampleRow']);
		expect(r.people.map((p) => p.line)).toEqual([3]);
	});

	it('keeps the first issues in full and counts them all', () => {
		const rows = Array.from({ length: 50 }, (_, i) =>
			person({ code: `C${i}`, unit: 'nope', email: `p${i}@x.vn`, phone: '' })
		);
		const r = validateRoster(table(HEADER, ...rows), { ...context, maxIssues: 10 });
		expect(r.errors).toHaveLength(10);
		expect(r.counts.errors).toBe(50);
		expect(r.errors[9].params.line).toBe(11);
	});
});

describe('roster warnings', () => {
	it('warns once per contact shared by several people, listing lines and names in Vietnamese order', () => {
		const r = validateRoster(
			table(
				HEADER,
				person({ name: 'Trần Văn Bình', code: 'A1', email: 'vanthu@quangngai.gov.vn', phone: '0912000001' }),
				person({ name: 'Nguyễn Thị An', code: 'A2', email: 'VanThu@quangngai.gov.vn', phone: '0912000002' }),
				person({ name: 'Lê Văn Cường', code: 'A3', email: 'c@x.vn', phone: '0912000003' }),
				person({ name: 'Đỗ Văn Ánh', code: 'A4', email: ' vanthu@quangngai.gov.vn', phone: '0912000004' })
			),
			context
		);
		expect(r.warnings).toEqual([
			{
				key: 'roster.warning.sharedEmail',
				params: {
					contact: 'vanthu@quangngai.gov.vn',
					count: 3,
					lines: '2, 3, 5',
					names: 'Nguyễn Thị An, Đỗ Văn Ánh, Trần Văn Bình'
				},
				lines: [2, 3, 5],
				people: [
					{ line: 3, name: 'Nguyễn Thị An' },
					{ line: 5, name: 'Đỗ Văn Ánh' },
					{ line: 2, name: 'Trần Văn Bình' }
				]
			}
		]);
		// A warning does not block the import.
		expect(r.people).toHaveLength(4);
	});

	it('lists shared e-mails and phones in the order of their first rows, an e-mail first on the same row', () => {
		const r = validateRoster(
			table(
				HEADER,
				person({ code: 'A1', email: 'a@x.vn', phone: '0912000001' }),
				person({ code: 'A2', email: 'b@x.vn', phone: '0912000002' }),
				person({ code: 'A3', email: 'c@x.vn', phone: '0912000002' }),
				person({ code: 'A4', email: 'b@x.vn', phone: '0912000001' }),
				person({ code: 'A5', email: 'a@x.vn', phone: '0912000005' })
			),
			{ ...context, maxIssues: 2 }
		);
		// Only the first two are kept in full: which ones depends on that order.
		expect(r.warnings.map((w) => [w.key, w.params.contact])).toEqual([
			['roster.warning.sharedEmail', 'a@x.vn'],
			['roster.warning.sharedPhone', '+84912000001']
		]);
		// Four shared contacts, and one name shared by the five rows.
		expect(r.counts.warnings).toBe(5);
	});

	it('recognises one phone number written in different ways', () => {
		const r = validateRoster(
			table(
				HEADER,
				person({ code: 'A1', email: '', phone: '0905 111 222' }),
				person({ code: 'A2', name: 'Phạm Văn Dũng', email: '', phone: '+84905111222' })
			),
			context
		);
		expect(r.warnings.map((w) => [w.key, w.params.contact, w.params.count])).toEqual([
			['roster.warning.sharedPhone', '+84905111222', 2]
		]);
	});

	it('counts rows with errors towards shared contacts too', () => {
		const r = validateRoster(
			table(HEADER, person({ code: 'A1' }), person({ code: 'A2', name: 'Hồ Thị Em', unit: '99999' })),
			context
		);
		expect(keys(r.warnings)).toEqual(['roster.warning.sharedEmail', 'roster.warning.sharedPhone']);
		expect(keys(r.errors)).toEqual(['roster.error.unitUnknown']);
	});

	it('shortens a very long list of names but counts everyone', () => {
		const rows = Array.from({ length: 12 }, (_, i) =>
			person({
				code: `S${i}`,
				name: `Người Số ${String.fromCharCode(65 + i)}`,
				phone: `09120000${String(i).padStart(2, '0')}`
			})
		);
		const w = validateRoster(table(HEADER, ...rows), context).warnings[0];
		expect(w.params.count).toBe(12);
		expect(String(w.params.names).split(', ')).toHaveLength(11);
		expect(String(w.params.names).endsWith('…')).toBe(true);
		expect(w.people).toHaveLength(12);
	});

	it('warns about the same name twice in one unit, not across units', () => {
		const r = validateRoster(
			table(
				HEADER,
				person({ code: 'A1', email: 'a1@x.vn', phone: '0912000001' }),
				person({ code: 'A2', name: 'trần  thị bình', email: 'a2@x.vn', phone: '0912000002' }),
				person({ code: 'A3', unit: '21028', email: 'a3@x.vn', phone: '0912000003' })
			),
			context
		);
		expect(r.warnings).toEqual([
			{
				key: 'roster.warning.sameName',
				params: { name: 'trần thị bình', unit: '21025', count: 2, lines: '2, 3' },
				lines: [2, 3]
			}
		]);
		expect(r.people).toHaveLength(3);
	});

	it('warns that a landline cannot receive messages', () => {
		const r = validateRoster(table(HEADER, person({ phone: '0255 3822 222' })), context);
		expect(r.warnings).toEqual([
			{ key: 'roster.warning.phoneNotMobile', params: { line: 2, value: '0255 3822 222' }, lines: [2] }
		]);
		expect(r.people[0].phone).toBe('+842553822222');
	});
});

describe('roster streaming and sorting', () => {
	it('gives the same report from an async stream of rows', async () => {
		const rows = table(
			HEADER,
			person({ code: 'A1' }),
			person({ code: 'A1', name: 'Lê Văn Cường' }),
			person({ code: 'A3', unit: 'x' })
		);
		async function* stream() {
			for (const row of rows) yield row;
		}
		const streamed = await validateRosterStream(stream(), context);
		expect(streamed).toEqual(validateRoster(rows, context));
		// The first A1 stands; the repeat and the unknown unit do not.
		expect(streamed.counts.invalid).toBe(2);
	});

	it('sorts names by given name, then family name, with a Vietnamese collator', () => {
		const names = ['Trần Văn Bình', 'Nguyễn Thị An', 'Đỗ Văn Đức', 'Lê An', 'Nguyễn Văn Ánh', 'Bùi Văn Dũng'];
		expect([...names].sort(compareVietnameseNames)).toEqual([
			'Lê An',
			'Nguyễn Thị An',
			'Nguyễn Văn Ánh',
			'Trần Văn Bình',
			'Bùi Văn Dũng',
			'Đỗ Văn Đức'
		]);
	});
});

describe('roster messages', () => {
	const { vi, en } = rosterMessages;
	const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

	it('has the same keys and placeholders in Vietnamese and English, NFC and non-empty', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
		for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
			expect(vi[key].trim(), key).not.toBe('');
			expect(en[key].trim(), key).not.toBe('');
			expect(vi[key], key).toBe(vi[key].normalize('NFC'));
			expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]));
		}
	});

	it('has a text for every key the import code can produce', () => {
		const files = [
			'src/lib/domain/roster.ts',
			'src/lib/domain/table-import.ts',
			'src/lib/domain/unit-import.ts',
			// The file readers (CSV, XLSX) raise the table.* errors, whichever file each lives in.
			...readdirSync('src/lib/server/files')
				.filter((f) => f.endsWith('.ts'))
				.map((f) => `src/lib/server/files/${f}`)
		];
		const used = new Set(
			files.flatMap((f) =>
				[
					...readFileSync(f, 'utf8').matchAll(/'((?:table|roster|unitImport)\.(?:error|warning|file)\.[A-Za-z]+)'/g)
				].map((m) => m[1])
			)
		);
		expect(used.size).toBeGreaterThan(40);
		expect([...used].filter((k) => !(k in vi))).toEqual([]);
	});

	it('fills every placeholder from the parameters the validator gives', () => {
		const r = validateRoster(
			table(
				[...HEADER, 'Ghi chú'],
				person({ code: 'A' }),
				person({ code: 'A', unit: '123', phone: '0255 3822 222', email: 'bad@' }),
				{ line: 4, cells: person({ code: 'B', group: 'zz' }), formulaColumns: [4] }
			),
			context
		);
		const issues = [...r.errors, ...r.warnings];
		expect(issues.length).toBeGreaterThan(5);
		for (const issue of issues) {
			for (const locale of [vi, en]) {
				const text = locale[issue.key].replace(/\{(\w+)\}/g, (m, name: string) =>
					name in issue.params ? String(issue.params[name]) : m
				);
				expect(text, issue.key).not.toMatch(/\{\w+\}/);
			}
		}
	});
});
