// The pure parts of response-rate monitoring: roll-up along the unit tree, rates, the unit table's
// sort, the cumulative series against the close date, the chart's configuration and safe XLSX cells.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
	barWidth,
	cumulativeSeries,
	dayToIso,
	emptyCounts,
	fileNamePart,
	formatRate,
	isoToDay,
	MAX_SERIES_DAYS,
	naturalTop,
	neutraliseCell,
	nonRespondentState,
	parseSort,
	pathBelow,
	responseRate,
	rollUpTree,
	sortByVietnameseName,
	sortUnitRows,
	subtreeIds,
	type Counts,
	type TreeUnit
} from '$lib/domain/monitoring';
import { compareVietnameseNames } from '$lib/domain/roster';
import { submissionsChartConfig } from '$lib/components/charts/submissions';
import { vietnamDateOnly, vietnamDayNumber } from '$lib/domain/vietnam-time';
import { writeNonRespondentsXlsx } from '$lib/server/monitoring/export';
import type { NonRespondent } from '$lib/server/monitoring/non-respondents';

// 1 province ─┬─ 2 commune A ─┬─ 4 village A1
//             │               └─ 5 village A2
//             └─ 3 commune B
// 6 another top-level unit
const TREE: TreeUnit[] = [
	{ id: 1, code: 'P', parentId: null, name: 'Tỉnh' },
	{ id: 2, code: 'A', parentId: 1, name: 'Xã An' },
	{ id: 3, code: 'B', parentId: 1, name: 'Xã Bình' },
	{ id: 4, code: 'A1', parentId: 2, name: 'Thôn 1' },
	{ id: 5, code: 'A2', parentId: 2, name: 'Thôn 2' },
	{ id: 6, code: 'Q', parentId: null, name: 'Tỉnh khác' }
];

const counts = (
	people: number,
	invited: number,
	submitted: number,
	opened = submitted,
	verified = submitted
): Counts => ({ people, invited, opened, verified, submitted });

describe('roll-up along the unit tree', () => {
	it("adds every unit's people to all of its ancestors, and only to them", () => {
		const direct = new Map([
			[4, counts(10, 8, 2, 5, 3)],
			[5, counts(5, 5, 5)],
			[2, counts(1, 1, 0, 1, 0)],
			[3, counts(4, 4, 1)]
		]);
		const total = rollUpTree(TREE, direct);
		expect(total.get(4)).toEqual(counts(10, 8, 2, 5, 3));
		expect(total.get(2)).toEqual({ people: 16, invited: 14, opened: 11, verified: 8, submitted: 7 });
		expect(total.get(1)).toEqual({ people: 20, invited: 18, opened: 12, verified: 9, submitted: 8 });
		expect(total.has(6)).toBe(false);
		// The input is not modified by the sums.
		expect(direct.get(4)).toEqual(counts(10, 8, 2, 5, 3));
	});

	it('ends on a looping tree and still counts each unit once', () => {
		const looping: TreeUnit[] = [
			{ id: 1, code: 'X', parentId: 2, name: 'X' },
			{ id: 2, code: 'Y', parentId: 1, name: 'Y' }
		];
		const total = rollUpTree(looping, new Map([[1, counts(3, 3, 1)]]));
		expect(total.get(1)!.people).toBe(3);
		expect(total.get(2)!.people).toBe(3);
		expect(subtreeIds(looping, 1)).toEqual(new Set([1, 2]));
	});

	it('finds subtrees and paths, and refuses a path out of the subtree', () => {
		expect(subtreeIds(TREE, 2)).toEqual(new Set([2, 4, 5]));
		expect(subtreeIds(TREE, null).size).toBe(6);
		expect(pathBelow(TREE, 1, 4)!.map((u) => u.code)).toEqual(['A', 'A1']);
		expect(pathBelow(TREE, null, 4)!.map((u) => u.code)).toEqual(['P', 'A', 'A1']);
		expect(pathBelow(TREE, 2, 2)).toEqual([]);
		expect(pathBelow(TREE, 2, 3)).toBeNull();
		expect(pathBelow(TREE, 3, 1)).toBeNull();
	});

	it('starts browsing at the first unit that holds people directly or branches', () => {
		const direct = new Map([
			[4, counts(2, 2, 1)],
			[5, counts(2, 2, 1)]
		]);
		const total = rollUpTree(TREE, direct);
		// Nobody in Q, nobody directly in P, only A has people under P: start at A, which branches.
		expect(naturalTop(TREE, null, direct, total)).toBe(2);
		// A scoped viewer never starts above their own unit.
		expect(naturalTop(TREE, 5, direct, total)).toBe(5);
		direct.set(3, counts(1, 1, 0));
		expect(naturalTop(TREE, null, direct, rollUpTree(TREE, direct))).toBe(1);
		direct.set(6, counts(1, 1, 0));
		expect(naturalTop(TREE, null, direct, rollUpTree(TREE, direct))).toBeNull();
	});
});

describe('rates', () => {
	it('is submitted over invited, and no rate at all when nobody is invited', () => {
		expect(responseRate(counts(10, 8, 2))).toBe(0.25);
		expect(responseRate(counts(10, 0, 0))).toBeNull();
		expect(responseRate(emptyCounts())).toBeNull();
	});

	it('is written the local way and drawn as a clamped bar', () => {
		expect(formatRate(0.4567, 'vi')).toBe('45,7 %');
		expect(formatRate(0.4567, 'en')).toBe('45.7%');
		expect(formatRate(null, 'vi')).toBe('—');
		expect(barWidth(0.4567)).toBe(45.7);
		expect(barWidth(1.5)).toBe(100);
		expect(barWidth(-1)).toBe(0);
		expect(barWidth(null)).toBe(0);
	});
});

describe('sorting the unit table', () => {
	const rows = [
		{ code: 'B', name: 'Bình Sơn', counts: counts(10, 10, 9) },
		{ code: 'A', name: 'Ân Phú', counts: counts(10, 10, 2) },
		{ code: 'D', name: 'Đức Phổ', counts: counts(10, 0, 0) },
		{ code: 'C', name: 'Châu Ổ', counts: counts(30, 20, 5) }
	];
	const codes = (list: { code: string }[]) => list.map((r) => r.code);

	it('reads the sort from the query, falling back on lowest rate first', () => {
		expect(parseSort(null, null)).toEqual({ key: 'rate', dir: 'asc' });
		expect(parseSort('name', null)).toEqual({ key: 'name', dir: 'asc' });
		expect(parseSort('invited', null)).toEqual({ key: 'invited', dir: 'desc' });
		expect(parseSort('submitted', 'asc')).toEqual({ key: 'submitted', dir: 'asc' });
		expect(parseSort('drop table', 'sideways')).toEqual({ key: 'rate', dir: 'asc' });
	});

	it('sorts by rate either way with units nobody is invited to last', () => {
		expect(codes(sortUnitRows(rows, { key: 'rate', dir: 'asc' }))).toEqual(['A', 'C', 'B', 'D']);
		expect(codes(sortUnitRows(rows, { key: 'rate', dir: 'desc' }))).toEqual(['B', 'C', 'A', 'D']);
	});

	it('sorts by counts, ties by name', () => {
		expect(codes(sortUnitRows(rows, { key: 'invited', dir: 'desc' }))).toEqual(['C', 'A', 'B', 'D']);
		expect(codes(sortUnitRows(rows, { key: 'submitted', dir: 'asc' }))).toEqual(['D', 'A', 'C', 'B']);
	});

	it('sorts names the Vietnamese way (Â before B, Đ after D), not by code point', () => {
		expect(codes(sortUnitRows(rows, { key: 'name', dir: 'asc' }))).toEqual(['A', 'B', 'C', 'D']);
		expect(codes(sortUnitRows(rows, { key: 'name', dir: 'desc' }))).toEqual(['D', 'C', 'B', 'A']);
		expect(codes([...rows].sort((a, b) => (a.name < b.name ? -1 : 1)))).not.toEqual(['A', 'B', 'C', 'D']);
	});

	it('sorts people by given name, then family name, exactly like compareVietnameseNames', () => {
		const names = [
			'Trần Văn Bình',
			'Nguyễn Thị Ánh',
			'Lê Bình',
			'Nguyễn Văn Bình',
			'Đặng Thu Ánh',
			'Bùi Ân',
			'Phạm Minh Đức',
			'Phạm Minh Dũng'
		];
		const fast = sortByVietnameseName([...names], (s) => s);
		expect(fast).toEqual([...names].sort(compareVietnameseNames));
		// Â is a letter of its own after A (Ánh before Ân); Đ comes after D.
		expect(fast.slice(0, 3)).toEqual(['Đặng Thu Ánh', 'Nguyễn Thị Ánh', 'Bùi Ân']);
		expect(fast.indexOf('Phạm Minh Dũng')).toBeLessThan(fast.indexOf('Phạm Minh Đức'));
	});
});

describe('the cumulative series', () => {
	const d = (iso: string) => isoToDay(iso)!;

	it('counts days in Vietnam time', () => {
		// 2026-11-30T17:30Z is 00:30 on 1 December in Vietnam.
		expect(dayToIso(vietnamDayNumber(Date.UTC(2026, 10, 30, 17, 30) / 1000))).toBe('2026-12-01');
		expect(dayToIso(vietnamDayNumber(Date.UTC(2026, 10, 30, 16, 59) / 1000))).toBe('2026-11-30');
		expect(isoToDay('2026-02-30')).toBeNull();
	});

	it('runs from the opening day to today with quiet days as zeros, and marks the close date ahead', () => {
		const s = cumulativeSeries(
			[
				{ day: d('2026-11-17'), count: 3 },
				{ day: d('2026-11-19'), count: 2 },
				{ day: d('2026-11-17'), count: 1 }
			],
			{ openDay: d('2026-11-15'), closeDay: d('2026-11-30'), today: d('2026-11-20') }
		);
		expect(s.points.map((p) => p.day)).toEqual([
			'2026-11-15',
			'2026-11-16',
			'2026-11-17',
			'2026-11-18',
			'2026-11-19',
			'2026-11-20'
		]);
		expect(s.points.map((p) => p.count)).toEqual([0, 0, 4, 0, 2, 0]);
		expect(s.points.map((p) => p.cumulative)).toEqual([0, 0, 4, 4, 6, 6]);
		expect(s.closeDay).toBe('2026-11-30');
		expect(s.closeOffset).toBe(15);
	});

	it('stops at the close date once it has passed, unless submissions came later', () => {
		const closed = cumulativeSeries([{ day: d('2026-11-16'), count: 1 }], {
			openDay: d('2026-11-15'),
			closeDay: d('2026-11-18'),
			today: d('2026-12-31')
		});
		expect(closed.points.at(-1)).toEqual({ day: '2026-11-18', count: 0, cumulative: 1 });
		expect(closed.closeOffset).toBe(3);
		const late = cumulativeSeries([{ day: d('2026-11-20'), count: 2 }], {
			openDay: d('2026-11-15'),
			closeDay: d('2026-11-18'),
			today: d('2026-12-31')
		});
		expect(late.points.at(-1)).toEqual({ day: '2026-11-20', count: 2, cumulative: 2 });
	});

	it('starts at the first submission when that is before the opening day, and is empty before anything happened', () => {
		const early = cumulativeSeries([{ day: d('2026-11-10'), count: 1 }], {
			openDay: d('2026-11-15'),
			closeDay: null,
			today: d('2026-11-16')
		});
		expect(early.points[0].day).toBe('2026-11-10');
		expect(early.closeOffset).toBeNull();
		expect(cumulativeSeries([], { openDay: null, closeDay: d('2026-11-30'), today: d('2026-11-16') }).points).toEqual(
			[]
		);
		expect(cumulativeSeries([], { openDay: d('2026-12-01'), closeDay: null, today: d('2026-11-16') }).points).toEqual(
			[]
		);
	});

	it('clips a very long campaign to its last days without losing the earlier submissions from the total', () => {
		const s = cumulativeSeries(
			[
				{ day: d('2024-01-01'), count: 7 },
				{ day: d('2026-11-16'), count: 1 }
			],
			{ openDay: d('2024-01-01'), closeDay: null, today: d('2026-11-16') }
		);
		expect(s.points).toHaveLength(MAX_SERIES_DAYS);
		expect(s.points[0].cumulative).toBe(7);
		expect(s.points.at(-1)!.cumulative).toBe(8);
	});

	it('becomes a line chart with the close date as a vertical second dataset and dd/mm ticks', () => {
		const s = cumulativeSeries([{ day: d('2026-11-17'), count: 4 }], {
			openDay: d('2026-11-15'),
			closeDay: d('2026-11-30'),
			today: d('2026-11-20')
		});
		const config = submissionsChartConfig(s, { cumulative: 'Đã gửi', close: 'Hạn chót', formatCount: String });
		const [line, close] = config.data.datasets;
		expect(line.data).toEqual([0, 0, 4, 4, 4, 4].map((y, x) => ({ x, y })));
		expect(close.data.map((p) => p.x)).toEqual([15, 15]);
		expect(close.label).toBe('Hạn chót (30/11)');
		const x = config.options!.scales!.x!;
		expect(x.max).toBe(15);
		const tick = (x.ticks as { callback: (v: number) => string }).callback;
		expect(tick(2)).toBe('17/11');
		// A fresh object each time: Chart.js mutates what it is given.
		expect(submissionsChartConfig(s, { cumulative: 'a', close: 'b', formatCount: String }).data).not.toBe(config.data);
	});
});

describe('non-respondents and their XLSX file', () => {
	it('describes how far each person got', () => {
		expect(nonRespondentState({ hasLink: false, openedAt: null, verifiedAt: null })).toBe('none');
		expect(nonRespondentState({ hasLink: true, openedAt: null, verifiedAt: null })).toBe('issued');
		expect(nonRespondentState({ hasLink: true, openedAt: 5, verifiedAt: null })).toBe('opened');
		expect(nonRespondentState({ hasLink: true, openedAt: 5, verifiedAt: 6 })).toBe('verified');
	});

	it('neutralises text a spreadsheet could run: leading = + - @, tab, carriage return', () => {
		for (const hostile of ['=1+1', '+84 912', '-2', '@SUM(A1)', '\t=1', '\r=1'])
			expect(neutraliseCell(hostile)).toBe(`'${hostile}`);
		for (const fine of ['Nguyễn Văn An', 'An = Bình', '', "'quoted"]) expect(neutraliseCell(fine)).toBe(fine);
	});

	it('makes safe file names from slugs and unit codes', () => {
		expect(fileNamePart('dtxh-2026')).toBe('dtxh-2026');
		expect(fileNamePart('51.SNV')).toBe('51.SNV');
		expect(fileNamePart('../Đà Nẵng/"x"')).toBe('Da-Nang-x');
	});

	it('writes Vietnamese headers, contacts, plain string cells (never formulas) and real dates', async () => {
		const at = Date.UTC(2026, 10, 30, 17, 30) / 1000; // 01/12/2026 00:30 in Vietnam
		const people: NonRespondent[] = [
			{
				personId: 1,
				fullName: '=HYPERLINK("http://x","bấm")',
				position: '+84 Phó phòng',
				unitCode: '21025',
				unitName: 'Cẩm Thành',
				groupCode: 'LDX',
				state: 'issued',
				lastReminderAt: at,
				contacts: { email: 'an@example.com', phone: '+84912345678' }
			},
			{
				personId: 2,
				fullName: 'Trần Thị Bình',
				position: null,
				unitCode: '21025',
				unitName: 'Cẩm Thành',
				groupCode: 'LDX',
				state: 'none',
				lastReminderAt: null,
				contacts: { email: null, phone: '+442079460000' }
			}
		];
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load((await writeNonRespondentsXlsx(people)) as unknown as ArrayBuffer);
		const sheet = wb.worksheets[0];
		expect(sheet.name).toBe('Chưa gửi phiếu');
		expect(sheet.getRow(1).values).toEqual([
			undefined,
			'STT',
			'Họ và tên',
			'Đơn vị',
			'Mã đơn vị',
			'Chức vụ',
			'Nhóm',
			'Thư điện tử',
			'Số điện thoại',
			'Tình trạng',
			'Nhắc lần cuối'
		]);
		expect(sheet.rowCount).toBe(3);
		const hostile = sheet.getRow(2);
		expect(hostile.getCell(2).type).toBe(ExcelJS.ValueType.String);
		expect(hostile.getCell(2).value).toBe(`'=HYPERLINK("http://x","bấm")`);
		expect(hostile.getCell(5).value).toBe(`'+84 Phó phòng`);
		// The phone as an office dials it; a foreign number keeps its "+", neutralised like any cell.
		expect([hostile.getCell(7).value, hostile.getCell(8).value]).toEqual(['an@example.com', '0912 345 678']);
		expect([sheet.getRow(3).getCell(7).value, sheet.getRow(3).getCell(8).value]).toEqual(['', `'+44 20 7946 0000`]);
		expect(hostile.getCell(9).value).toBe('Chưa mở liên kết');
		for (let col = 2; col <= 9; col++)
			expect(hostile.getCell(col).type, `column ${col}`).not.toBe(ExcelJS.ValueType.Formula);
		const date = hostile.getCell(10);
		expect(date.type).toBe(ExcelJS.ValueType.Date);
		expect((date.value as Date).toISOString().slice(0, 10)).toBe('2026-12-01');
		expect(date.numFmt).toBe('dd/mm/yyyy');
		expect(sheet.getRow(3).getCell(2).value).toBe('Trần Thị Bình');
		expect(sheet.getRow(3).getCell(10).value).toBeNull();
		expect(vietnamDateOnly(at).toISOString()).toBe('2026-12-01T00:00:00.000Z');
	});
});
