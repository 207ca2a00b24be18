import { describe, expect, it } from 'vitest';
import { CompactSharedStrings } from '$lib/server/files/xlsx-shared-strings';

describe('compact shared strings', () => {
	it('gives back every string, rich text and empty entry by index, past its first buffer sizes', () => {
		const store = new CompactSharedStrings();
		const rich = { richText: [{ text: 'Trần ' }, { font: { bold: true }, text: 'Thị' }] };
		const values: unknown[] = ['Nguyễn Văn An', '', null, rich, '😀 Đỗ'];
		// More than 4,096 entries and 64 KiB of text: both grow.
		for (let i = 0; i < 6000; i++) values.push(`Người số ${i} — phường Cẩm Thành, tỉnh Quảng Ngãi`);
		for (const v of values) store.push(v);
		expect(values.map((_, i) => store.get(i))).toEqual(values);
		expect(store.get(3)).toBe(rich);
		expect([store.get(-1), store.get(values.length), store.get(Number.NaN)]).toEqual([undefined, undefined, undefined]);
	});
});
