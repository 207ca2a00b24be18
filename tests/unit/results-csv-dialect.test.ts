import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { isCsvDialect, resultsCsv } from '$lib/server/results/csv';

const table = {
	key: 'comparison' as const,
	sheetName: 'x',
	title: 'x',
	headers: ['Đơn vị', 'Điểm', 'Tỷ lệ'],
	kinds: ['text', 'points', 'points'] as ('text' | 'points')[],
	rows: [
		['Xã A; B', 12.75, -0.5],
		['=cmd', 3, null]
	]
};

describe('results CSV dialects', () => {
	it('writes semicolons and decimal commas for a Vietnamese Excel, quoting a cell that holds a semicolon', () => {
		const text = resultsCsv(table as never, 'excel-vi').toString('utf8');
		expect(text).toBe('\uFEFFĐơn vị;Điểm;Tỷ lệ\r\n"Xã A; B";12,75;-0,5\r\n\'=cmd;3;\r\n');
		const rows: string[][] = parse(text, { bom: true, delimiter: ';' });
		expect(rows[1]).toEqual(['Xã A; B', '12,75', '-0,5']);
	});
	it('keeps the standard dialect as before and knows only the two dialects', () => {
		expect(resultsCsv(table as never).toString('utf8')).toBe(
			"\uFEFFĐơn vị,Điểm,Tỷ lệ\r\nXã A; B,12.75,-0.5\r\n'=cmd,3,\r\n"
		);
		expect(isCsvDialect('excel-vi')).toBe(true);
		expect(isCsvDialect('excel')).toBe(false);
	});
});
