import { describe, expect, it } from 'vitest';
import { ROSTER_TEMPLATE } from '$lib/domain/roster';
import { columnLetter, displayPhone, listReference, rosterTemplateExample } from '$lib/domain/roster-template';

describe('the roster template of one campaign', () => {
	it('puts a real unit (a leaf when there is one) and a real group code in the example row', () => {
		const units = [
			{ code: '51', name: 'Quảng Ngãi', leaf: false },
			{ code: '21025', name: 'Cẩm Thành', leaf: true }
		];
		const groups = [{ code: 'CC', name: 'Công chức' }];
		expect(rosterTemplateExample({ units, groups }).slice(2, 4)).toEqual(['21025', 'CC']);
		expect(rosterTemplateExample({ units: units.slice(0, 1), groups }).slice(2, 4)).toEqual(['51', 'CC']);
		// Nothing to offer yet: the generic example, never an empty cell.
		expect(rosterTemplateExample({ units: [], groups: [] })).toEqual(ROSTER_TEMPLATE.example);
		// The shared constant is copied, never changed.
		expect(ROSTER_TEMPLATE.example[3]).toBe('Cán bộ, công chức');
	});

	it('points the lists at absolute ranges of a quoted sheet name', () => {
		expect([1, 4, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'D', 'Z', 'AA', 'AZ', 'AAA']);
		expect(listReference('Mã hợp lệ', 1, 3)).toBe("'Mã hợp lệ'!$A$2:$A$4");
		expect(listReference("O'Neil", 4, 1)).toBe("'O''Neil'!$D$2:$D$2");
	});

	it('shows stored phone numbers as an office writes them', () => {
		expect(displayPhone('+84912345678')).toBe('0912 345 678');
		expect(displayPhone('+842553822123')).toMatch(/^0255/);
		expect(displayPhone('+442079460000')).toBe('+44 20 7946 0000');
		expect(displayPhone(null)).toBe('');
		expect(displayPhone('not a number')).toBe('not a number');
	});
});
