import { describe, expect, it } from 'vitest';
import { planReportingCells, type UnitNode } from '$lib/domain/reporting-cells';

// Province 1 → department 2 (→ office 4, office 5), commune 3.
const UNITS: UnitNode[] = [
	{ id: 1, parentId: null },
	{ id: 2, parentId: 1 },
	{ id: 3, parentId: 1 },
	{ id: 4, parentId: 2 },
	{ id: 5, parentId: 2 }
];

describe('reporting cells', () => {
	it('keeps a unit with at least k invitees as its own cell', () => {
		const cells = planReportingCells(
			UNITS,
			[
				{ groupId: 10, unitId: 3, count: 5 },
				{ groupId: 10, unitId: 1, count: 7 }
			],
			5
		);
		expect(cells).toEqual([
			{ groupId: 10, unitId: 1, memberUnitIds: [1], count: 7, belowK: false },
			{ groupId: 10, unitId: 3, memberUnitIds: [3], count: 5, belowK: false }
		]);
	});

	it('rolls small units up, through several levels, until they reach k', () => {
		const cells = planReportingCells(
			UNITS,
			[
				{ groupId: 10, unitId: 4, count: 2 },
				{ groupId: 10, unitId: 5, count: 2 },
				{ groupId: 10, unitId: 2, count: 0 },
				{ groupId: 10, unitId: 3, count: 6 }
			],
			5
		);
		// 4 and 5 together (4 people) are still below 5 at unit 2, so they go on to the province.
		expect(cells).toEqual([
			{ groupId: 10, unitId: 1, memberUnitIds: [4, 5], count: 4, belowK: true },
			{ groupId: 10, unitId: 3, memberUnitIds: [3], count: 6, belowK: false }
		]);
	});

	it('forms the cell at the first ancestor where the pooled count reaches k', () => {
		const cells = planReportingCells(
			UNITS,
			[
				{ groupId: 1, unitId: 4, count: 3 },
				{ groupId: 1, unitId: 5, count: 2 },
				{ groupId: 1, unitId: 1, count: 9 }
			],
			5
		);
		expect(cells).toEqual([
			{ groupId: 1, unitId: 1, memberUnitIds: [1], count: 9, belowK: false },
			{ groupId: 1, unitId: 2, memberUnitIds: [4, 5], count: 5, belowK: false }
		]);
	});

	it('plans each respondent group separately and puts every invitee in exactly one cell', () => {
		const counts = [
			{ groupId: 1, unitId: 4, count: 1 },
			{ groupId: 1, unitId: 3, count: 12 },
			{ groupId: 2, unitId: 4, count: 8 },
			{ groupId: 2, unitId: 5, count: 1 }
		];
		const cells = planReportingCells(UNITS, counts, 5);
		expect(cells.reduce((s, c) => s + c.count, 0)).toBe(22);
		for (const g of [1, 2]) {
			const members = cells.filter((c) => c.groupId === g).flatMap((c) => c.memberUnitIds);
			expect(new Set(members).size).toBe(members.length);
		}
		expect(cells.filter((c) => c.groupId === 2)).toEqual([
			{ groupId: 2, unitId: 1, memberUnitIds: [5], count: 1, belowK: true },
			{ groupId: 2, unitId: 4, memberUnitIds: [4], count: 8, belowK: false }
		]);
	});

	it('refuses unknown units, cycles and a bad k', () => {
		expect(() => planReportingCells(UNITS, [{ groupId: 1, unitId: 99, count: 1 }], 5)).toThrow(/unknown unit/);
		expect(() =>
			planReportingCells(
				[
					{ id: 1, parentId: 2 },
					{ id: 2, parentId: 1 }
				],
				[{ groupId: 1, unitId: 1, count: 1 }],
				5
			)
		).toThrow(/cycle/);
		expect(() => planReportingCells(UNITS, [], 0)).toThrow(/positive/);
	});
});
