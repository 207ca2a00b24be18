import { describe, expect, it } from 'vitest';
import { createRosterValidator, type RosterContext, type RosterPerson, type TableRow } from '$lib/domain/roster';
import { StagedPeople, stagingRows } from '$lib/server/roster/staged-people';

const context: RosterContext = {
	unitCodes: new Set(['21025']),
	groups: [{ id: 8, code: 'CBCC', name: 'Cán bộ, công chức' }]
};
const HEADER = ['Họ và tên', 'Mã cá nhân', 'Mã đơn vị', 'Nhóm', 'Chức vụ', 'Email', 'Số điện thoại'];
const rows = (n: number): TableRow[] => [
	{ line: 1, cells: HEADER },
	...Array.from({ length: n }, (_, i) => ({
		line: i + 2,
		cells: [`Nguyễn Thị Ánh ${i}`, `CB${i}`, '21025', 'CBCC', 'Chuyên viên', `anh${i}@example.vn`, '']
	}))
];

describe('roster upload: people staged as JSON in blocks', () => {
	it('gives each block back as the staging rows the objects would have made, Vietnamese letters intact', () => {
		const people: RosterPerson[] = Array.from({ length: 5 }, (_, i) => ({
			line: i + 2,
			// Longer than a block's first buffer: the block grows.
			fullName: i === 3 ? 'Lê Thị Ngọc Ánh '.repeat(80) : `Đặng Văn Được ${i}`,
			personalCode: `CB${i}`,
			unitCode: '21025',
			groupId: 8,
			groupCode: 'CBCC',
			position: i % 2 ? null : 'Chuyên viên',
			email: null,
			phone: '+84912345678'
		}));
		const staged = new StagedPeople(2);
		for (const p of people) staged.push(p);
		staged.finish();
		expect(staged.count).toBe(5);
		expect(staged.blocks.map((b) => b.count)).toEqual([2, 2, 1]);
		const staging = staged.blocks.flatMap((b) => stagingRows(b, 42));
		expect(staging).toEqual(people.map((p) => ({ import_id: 42, line: p.line, data: JSON.stringify(p) })));
	});

	it('hands each valid person to onPerson in file order and keeps none itself, with the same counts', () => {
		const kept = createRosterValidator(context);
		for (const row of rows(7)) kept.push(row);
		const expected = kept.finish();

		const seen: RosterPerson[] = [];
		const sink = createRosterValidator(context, { onPerson: (p) => seen.push(p) });
		for (const row of rows(7)) sink.push(row);
		const report = sink.finish();

		expect(report.people).toEqual([]);
		expect(seen).toEqual(expected.people);
		expect(report.counts).toEqual(expected.counts);
		expect(report.counts.valid).toBe(7);
	});
});
