// The export tables format only what the results view publishes: hidden nodes print as "< k" with no
// number, shown ones keep the view's numbers (as numbers), Vietnamese headers and labels, Excel-safe
// sheet names. A small crafted campaign: a province, three communes (6, 5 and 2 sheets of the commune
// leaders), the department leaders' 7 sheets pooled at the province, two rated departments.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAMEWORK } from '$lib/domain/framework';
import { DEFAULT_QUESTIONNAIRE } from '$lib/domain/questionnaire';
import { compareFields } from '$lib/domain/results-compare';
import { buildResultTree, type ResultsData, type TallyRow } from '$lib/domain/results';
import { resultsView, type ResultsView } from '$lib/domain/results-view';
import {
	DEFAULT_CSV_TABLE,
	RESULT_TABLE_KEYS,
	RESULT_TABLE_LABEL_KEYS,
	isResultTableKey,
	percentOf,
	safeSheetName,
	type ExportableResults
} from '$lib/domain/results-table';
import { buildResultTable, buildResultTables, type ResultTable } from '$lib/server/results/tables';
import { messages } from '$lib/i18n';

const PROVINCE = 1;
const DEPARTMENTS = [5, 6];
const LDX = 10;
const LDS = 11;

function tallies(cellId: number, sheets: number, rated: number[]): TallyRow[] {
	const rows: TallyRow[] = [];
	for (const section of DEFAULT_QUESTIONNAIRE.sections) {
		for (const q of section.questions) {
			if (section.repeatPerRatedUnit) {
				// Every rater answers B (60 %) about every rated unit.
				for (const unit of rated)
					rows.push({ cellId, questionId: q.id, unitKey: String(unit), optionId: 'B', count: sheets });
			} else {
				// All but one answer A (100 %); one says "Không biết".
				rows.push({ cellId, questionId: q.id, unitKey: '', optionId: 'A', count: sheets - 1 });
				rows.push({ cellId, questionId: q.id, unitKey: '', optionId: q.options.find((o) => o.dontKnow)!.id, count: 1 });
			}
		}
	}
	return rows;
}

function campaignData(): ResultsData {
	const cells = [
		{ id: 1, groupId: LDX, unitId: 2, sheets: 6 },
		{ id: 2, groupId: LDX, unitId: 3, sheets: 5 },
		{ id: 3, groupId: LDX, unitId: 4, sheets: 2 },
		{ id: 4, groupId: LDS, unitId: PROVINCE, sheets: 7 }
	];
	return {
		k: 5,
		framework: DEFAULT_FRAMEWORK,
		questionnaires: new Map([
			[LDX, DEFAULT_QUESTIONNAIRE],
			[LDS, DEFAULT_QUESTIONNAIRE]
		]),
		groups: [
			{ id: LDS, code: 'LDS', name: 'Lãnh đạo sở, ban, ngành' },
			{ id: LDX, code: 'LDX', name: 'Lãnh đạo UBND cấp xã' }
		],
		units: [
			{ id: PROVINCE, parentId: null, code: '51', name: 'Quảng Ngãi' },
			{ id: 2, parentId: PROVINCE, code: '21025', name: 'Cẩm Thành' },
			{ id: 3, parentId: PROVINCE, code: '21028', name: 'Nghĩa Lộ' },
			{ id: 4, parentId: PROVINCE, code: '21034', name: 'Trương Quang Trọng' },
			{ id: 5, parentId: PROVINCE, code: '51.SNV', name: 'Sở Nội vụ' },
			{ id: 6, parentId: PROVINCE, code: '51.STP', name: 'Sở Tư pháp' }
		],
		rootUnitId: PROVINCE,
		cells,
		ratedBy: new Map(DEPARTMENTS.map((d) => [d, [LDX]])),
		tallies: cells.flatMap((c) => tallies(c.id, c.sheets, c.groupId === LDX ? DEPARTMENTS : []))
	};
}

function viewOf(selection: { unitId?: number; groupId?: number } = {}, decimals?: number): ResultsView {
	const r = resultsView(
		buildResultTree(campaignData()),
		{ unitId: selection.unitId ?? null, groupId: selection.groupId ?? null },
		null,
		decimals === undefined ? {} : { decimals }
	);
	if (!r.ok) throw new Error(r.error);
	return r.view;
}

const results = (view: ResultsView, comparisons: ExportableResults['comparisons'] = []): ExportableResults => ({
	view,
	framework: DEFAULT_FRAMEWORK,
	comparisons
});
const tableOf = (tables: ResultTable[], key: string) => tables.find((t) => t.key === key)!;
const column = (t: ResultTable, header: string) => {
	const i = t.headers.indexOf(header);
	expect(i, header).toBeGreaterThanOrEqual(0);
	return i;
};
const rowOf = (t: ResultTable, first: string) => t.rows.find((r) => r[0] === first)!;

describe('result tables', () => {
	it('keeps every table rectangular, and numbers only as numbers: a text in a figure column is "< k"', () => {
		const tables = buildResultTables(results(viewOf()));
		expect(tables.map((t) => t.key)).toEqual([...RESULT_TABLE_KEYS]);
		for (const t of tables) {
			expect(t.kinds).toHaveLength(t.headers.length);
			for (const row of t.rows) {
				expect(row, t.key).toHaveLength(t.headers.length);
				row.forEach((cell, i) => {
					if (t.kinds[i] !== 'text' && typeof cell === 'string') expect(cell, `${t.key} ${t.headers[i]}`).toBe('< 5');
					if (t.kinds[i] === 'text') expect(typeof cell === 'number', `${t.key} ${t.headers[i]}`).toBe(false);
				});
			}
		}
	});

	it('gives the fields, criteria and sub-criteria of the selection with Vietnamese titles, points and % of max', () => {
		const view = viewOf();
		expect(view.total.shown).toBe(true);
		if (!view.total.shown) return;
		const tables = buildResultTables(results(view));
		const fields = tableOf(tables, 'fields');
		expect(fields.headers).toEqual(['Mã', 'Lĩnh vực', 'Điểm tối đa', 'Điểm', '% so với điểm tối đa']);
		expect(fields.sheetName).toBe('Lĩnh vực');
		expect(fields.title).toBe('Điểm điều tra xã hội học theo lĩnh vực — Quảng Ngãi — Tất cả nhóm đối tượng');
		expect(rowOf(fields, '1')).toEqual(['1', 'Công tác chỉ đạo, điều hành CCHC', 3, 3, 100]);
		// The total row adds the fields; its points are the view's.
		expect(fields.rows.at(-1)).toEqual([
			'',
			'Tổng cộng',
			32,
			view.total.score.points,
			percentOf(view.total.score.points, 32, 2)
		]);

		const criteria = tableOf(tables, 'criteria');
		expect(criteria.rows.find((r) => r[1] === '5.2')).toEqual([
			'5',
			'5.2',
			'Chất lượng đội ngũ cán bộ, công chức, viên chức',
			2,
			view.total.score.fields[4].criteria[1].points,
			expect.any(Number)
		]);

		// Sub-criterion 5.2.2: 16 A (100 %) and 4 "Không biết" from the general part, 13 × 2 B (60 %) about the
		// departments → 1 × (16 + 15.6) / 42 = 0.752… → 0.75 points, 75 %.
		const subs = tableOf(tables, DEFAULT_CSV_TABLE);
		expect(subs.headers).toEqual([
			'Mã',
			'Tiêu chí thành phần',
			'Điểm tối đa',
			'Điểm',
			'% so với điểm tối đa',
			'Số câu trả lời hợp lệ',
			'Số câu “Không biết” hoặc bỏ trống'
		]);
		expect(rowOf(subs, '5.2.2')).toEqual([
			'5.2.2',
			'Tinh thần trách nhiệm và thái độ phục vụ người dân, doanh nghiệp của cán bộ, công chức',
			1,
			0.75,
			75,
			42,
			4
		]);
		expect(rowOf(subs, '1.1.1')).toEqual(['1.1.1', expect.stringContaining('người đứng đầu'), 1.5, 1.5, 100, 16, 4]);
		expect(subs.rows).toHaveLength(23);
	});

	it('prints a hidden unit as "< 5" with no number in any figure, and labels the province’s own row', () => {
		const view = viewOf();
		const hiddenCodes = view.byUnit.filter((r) => !r.figures.shown).map((r) => r.code);
		// 21034 has 2 sheets; one more commune is hidden so that it cannot be recovered by subtraction.
		expect(hiddenCodes).toContain('21034');
		expect(hiddenCodes.length).toBeGreaterThanOrEqual(2);
		const units = buildResultTable(results(view), 'units');
		expect(units.headers.slice(0, 6)).toEqual([
			'Mã đơn vị',
			'Đơn vị',
			'Số phiếu',
			'Điểm',
			'Điểm tối đa',
			'% so với điểm tối đa'
		]);
		expect(units.headers.slice(6)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8'].map((c) => `Điểm lĩnh vực ${c}`));
		const maxColumn = column(units, 'Điểm tối đa');
		for (const code of hiddenCodes) {
			const row = rowOf(units, code);
			row.forEach((cell, i) => {
				if (i >= 2 && i !== maxColumn) expect(cell).toBe('< 5');
			});
		}
		const shown = view.byUnit.find((r) => r.figures.shown && r.kind === 'unit')!;
		if (!shown.figures.shown) throw new Error('no shown unit');
		expect(rowOf(units, shown.code).slice(2, 4)).toEqual([shown.figures.sheets, shown.figures.score.points]);
		const own = units.rows.filter((r) => r[0] === '51');
		expect(own).toHaveLength(1);
		expect(own[0][1]).toBe('Quảng Ngãi (riêng cấp này, không gồm đơn vị trực thuộc)');
	});

	it('ranks the rated units on what they were rated on, and splits by group', () => {
		const tables = buildResultTables(results(viewOf()));
		const rated = tableOf(tables, 'ratedUnits');
		expect(rated.headers).toEqual([
			'Nhóm đánh giá',
			'Thứ hạng',
			'Mã đơn vị',
			'Đơn vị',
			'Số phiếu đánh giá',
			'Điểm',
			'Điểm tối đa của các tiêu chí được đánh giá',
			'% so với điểm tối đa'
		]);
		// Four sub-criteria of 1 point, each rated B (60 %) by all 13 commune leaders: a tie.
		expect(rated.rows).toEqual([
			['Lãnh đạo UBND cấp xã', 1, '51.SNV', 'Sở Nội vụ', 13, 2.4, 4, 60],
			['Lãnh đạo UBND cấp xã', 1, '51.STP', 'Sở Tư pháp', 13, 2.4, 4, 60]
		]);
		const groups = tableOf(tables, 'groups');
		expect(groups.rows.map((r) => [r[0], r[1], r[2]])).toEqual([
			['LDS', 'Lãnh đạo sở, ban, ngành', 7],
			['LDX', 'Lãnh đạo UBND cấp xã', 13]
		]);
	});

	it('lists each question’s options with counts and shares, the rated unit named generically', () => {
		const distributions = buildResultTable(results(viewOf()), 'distributions');
		expect(distributions.headers).toEqual([
			'Mã câu hỏi',
			'Tiêu chí thành phần',
			'Câu hỏi',
			'Phương án trả lời',
			'Trọng số (%)',
			'Số lượt chọn',
			'Tỉ lệ (%)'
		]);
		const q = distributions.rows.filter((r) => r[0] === 'q1.1.1');
		expect(q.map((r) => [r[3], r[4], r[5], r[6]])).toEqual([
			['Rất tốt', 100, 16, 80],
			['Tốt', 60, 0, 0],
			['Chưa tốt', 20, 0, 0],
			['Kém', 0, 0, 0],
			['Không biết', null, 4, 20]
		]);
		const rated = distributions.rows.find((r) => r[0] === 'u5.2.2' && r[3] === 'Tốt')!;
		expect(rated[2]).toContain('cán bộ, công chức (đơn vị được đánh giá) khi giải quyết');
		expect(rated[5]).toBe(26);
	});

	it('hides every figure of a selection below k, keeping the framework’s structure', () => {
		const view = viewOf({ unitId: 4 });
		expect(view.total.shown).toBe(false);
		const tables = buildResultTables(results(view));
		const fields = tableOf(tables, 'fields');
		expect(fields.title).toBe('Điểm điều tra xã hội học theo lĩnh vực — Trương Quang Trọng — Tất cả nhóm đối tượng');
		expect(fields.rows).toHaveLength(9);
		for (const row of fields.rows) expect(row.slice(3)).toEqual(['< 5', '< 5']);
		expect(rowOf(fields, '7')).toEqual([
			'7',
			'Xây dựng và phát triển Chính phủ điện tử, Chính phủ số',
			4,
			'< 5',
			'< 5'
		]);
		for (const row of tableOf(tables, 'subCriteria').rows) expect(row.slice(3)).toEqual(['< 5', '< 5', '< 5', '< 5']);
		const distributions = tableOf(tables, 'distributions');
		expect(distributions.rows).toHaveLength(1);
		expect(distributions.rows[0].slice(5)).toEqual(['< 5', '< 5']);
		expect(JSON.stringify(tables)).not.toMatch(/"sheets"|\b2 phiếu\b/);
		// Below the top and for one unit: no rated units, no year-over-year.
		expect(tableOf(tables, 'ratedUnits').rows).toEqual([]);
		expect(tableOf(tables, 'comparison').rows).toEqual([]);
	});

	it('prints a withheld sub-criterion (answered only by a group hidden here) like a hidden figure', () => {
		const view = viewOf();
		if (!view.total.shown) throw new Error('hidden');
		const sub = view.total.score.fields.flatMap((f) => f.subCriteria).find((s) => s.code === '5.2.2')!;
		Object.assign(sub, { withheld: true, points: null, nValid: 0, nExcluded: 0, weightSum: 0 });
		const row = rowOf(buildResultTable(results(view), 'subCriteria'), '5.2.2');
		expect(row.slice(3)).toEqual(['< 5', '< 5', '< 5', '< 5']);
		// Its maximum comes from the framework, not from answers: still printed.
		expect(row[2]).toBe(sub.maxPoints);
	});

	it('rounds percentages like the points, with the decimals the view was scored with', () => {
		const view = viewOf({}, 1);
		const subs = buildResultTable(results(view), 'subCriteria', { decimals: 1 });
		// 0.752… → 0.8 points; 80 % of 1 point.
		expect(rowOf(subs, '5.2.2').slice(3, 5)).toEqual([0.8, 80]);
		expect(percentOf(2, 3, 1)).toBe(66.7);
		expect(percentOf(2, 3, 2)).toBe(66.67);
		expect(percentOf(2, 3, null)).toBeCloseTo(66.6667, 3);
		expect(percentOf(null, 3, 2)).toBeNull();
		expect(percentOf(1, 0, 2)).toBeNull();
	});

	it('compares fields with another round, with a total row', () => {
		const view = viewOf();
		if (!view.total.shown) throw new Error('hidden');
		const other = viewOf({ groupId: LDX });
		if (!other.total.shown) throw new Error('hidden');
		const comparison = compareFields(
			{ id: 9, title: 'Điều tra xã hội học năm 2025', year: 2025 },
			view.total.score,
			other.total.score
		);
		const t = buildResultTable(results(view, [comparison]), 'comparison');
		expect(t.headers).toEqual([
			'Đợt so sánh',
			'Năm',
			'Mã lĩnh vực',
			'Lĩnh vực',
			'Điểm đợt này',
			'Điểm đợt so sánh',
			'Chênh lệch (điểm)'
		]);
		expect(t.rows).toHaveLength(9);
		const five = t.rows.find((r) => r[2] === '5')!;
		expect(five.slice(0, 4)).toEqual(['Điều tra xã hội học năm 2025', 2025, '5', 'Cải cách chế độ công vụ']);
		expect(five[6]).toBeCloseTo((five[4] as number) - (five[5] as number), 9);
		expect(t.rows.at(-1)!.slice(3, 6)).toEqual(['Tổng cộng', view.total.score.points, other.total.score.points]);
	});
});

describe('table keys and sheet names', () => {
	it('names every table in both locales, within Excel’s 31 characters', () => {
		for (const key of RESULT_TABLE_KEYS) {
			const label = RESULT_TABLE_LABEL_KEYS[key];
			expect(messages.vi[label], key).toBeTruthy();
			expect(messages.en[label], key).toBeTruthy();
			expect(safeSheetName(messages.vi[label])).toBe(messages.vi[label]);
		}
		expect(isResultTableKey('subCriteria')).toBe(true);
		expect(isResultTableKey('constructor')).toBe(false);
		expect(isResultTableKey('../x')).toBe(false);
	});

	it('cleans a sheet name: no []:*?/\\, at most 31 characters, no quote at the ends, unique', () => {
		expect(safeSheetName('a[b]:c*?d/e\\f')).toBe('a b c d e f');
		const long = safeSheetName('Điểm theo tiêu chí thành phần của các đơn vị');
		expect([...long].length).toBeLessThanOrEqual(31);
		expect(safeSheetName("'Lĩnh vực'")).toBe('Lĩnh vực');
		expect(safeSheetName('Lĩnh vực', new Set(['lĩnh vực']))).toBe('Lĩnh vực (2)');
		const taken = new Set(['x'.repeat(31)]);
		expect(safeSheetName('x'.repeat(40), taken)).toBe(`${'x'.repeat(27)} (2)`);
		expect(safeSheetName('')).toBe('Sheet');
	});
});
