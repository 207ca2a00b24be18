// The results pages' pure parts: chart configurations built from the published view, the text
// summaries beside them, number formatting, links, and the response rates from monitoring counts.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAMEWORK } from '$lib/domain/framework';
import type { Distribution } from '$lib/domain/results-distributions';
import type { ResultRow } from '$lib/domain/results-view';
import { compareFields } from '$lib/domain/results-compare';
import { scoreSurvey, type ScoredAnswer } from '$lib/domain/scoring';
import { emptyCounts, type Counts } from '$lib/domain/monitoring';
import { translator } from '$lib/i18n';
import {
	barChartHeight,
	COLORS,
	comparisonConfig,
	fieldsBarConfig,
	fieldsRadarConfig,
	responseRatesConfig,
	subCriteriaConfig,
	type ChartTexts
} from '$lib/components/results/charts';
import { distributionConfig, groupByScale, optionShare, scaleColors } from '$lib/components/results/distributions';
import {
	formatChange,
	formatPoints,
	formatShare,
	resultsQuery,
	shareOfMax,
	wrapLabel
} from '$lib/components/results/format';
import { maskParticipation, participationOf } from '$lib/domain/results-participation';
import { frameworkTitles } from '$lib/domain/results-titles';
import { scoredMaxPoints as scoredMax } from '$lib/domain/scoring';
import {
	comparisonSummary,
	distributionSummary,
	fieldsSummary,
	ratedSummary,
	ratesSummary,
	subCriteriaSummary
} from '$lib/components/results/summaries';

const t = translator('vi');
const ctx = { t, locale: 'vi' as const };
const texts: ChartTexts = {
	points: 'Điểm đạt',
	max: 'Điểm tối đa',
	formatPoints: (n) => formatPoints(n, 'vi'),
	formatShare: (s) => formatShare(s, 'vi')
};
const titles = frameworkTitles(DEFAULT_FRAMEWORK, 'vi');

/** Every sub-criterion answered with `weight`, except field 8's, which gets 1 (the best field) and 1.1.1 left unanswered. */
function answers(weight: number): ScoredAnswer[] {
	const out: ScoredAnswer[] = [];
	for (const field of DEFAULT_FRAMEWORK.fields)
		for (const c of field.criteria)
			for (const s of c.subCriteria) {
				if (!s.surveyScored || s.code === '1.1.1') continue;
				out.push({ subCriterion: s.code, weight: field.code === '8' ? 1 : weight });
				out.push({ subCriterion: s.code, weight: null });
			}
	return out;
}
const score = scoreSurvey(DEFAULT_FRAMEWORK, answers(0.5));

function distribution(
	questionId: string,
	counts: number[],
	labels = ['Rất tốt', 'Tốt', 'Kém', 'Không biết'],
	rated = false
): Distribution {
	const weights = [1, 0.5, 0, null];
	return {
		questionId,
		text: `Câu hỏi ${questionId} về {unit}?`,
		subCriterion: questionId.slice(1),
		rated,
		answered: counts.reduce((a, b) => a + b, 0),
		options: labels.map((label, i) => ({
			id: String.fromCharCode(65 + i),
			label,
			weight: weights[i] ?? null,
			dontKnow: weights[i] === null,
			count: counts[i] ?? 0
		}))
	};
}

describe('formatting', () => {
	it('writes points, shares and changes the Vietnamese way, and says — for no score', () => {
		expect(formatPoints(12.78, 'vi')).toBe('12,78');
		expect(formatPoints(1.5, 'en')).toBe('1.50');
		expect(formatPoints(null, 'vi')).toBe('—');
		expect(formatShare(0.3994, 'vi')).toBe('39,9\u00a0%');
		expect(formatShare(0.3994, 'en')).toBe('39.9%');
		expect(formatChange(1.25, 'vi')).toBe('+1,25');
		expect(formatChange(-0.5, 'vi')).toBe('−0,50');
		expect(formatChange(null, 'vi')).toBe('—');
		expect(shareOfMax(null, 3)).toBeNull();
		expect(shareOfMax(1.5, 0)).toBeNull();
	});

	it('wraps long labels into at most three lines, marking the cut', () => {
		const lines = wrapLabel(
			'Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội của tỉnh',
			20,
			3
		);
		expect(lines).toHaveLength(3);
		expect(lines.every((l) => l.length <= 21)).toBe(true);
		expect(lines[2].endsWith('…')).toBe(true);
		expect(wrapLabel('Ngắn')).toEqual(['Ngắn']);
	});

	it('builds links with only the parameters that are set, in a fixed order', () => {
		expect(resultsQuery({ group: 'LDX', unit: '51', view: null, field: '' })).toBe('?unit=51&group=LDX');
		expect(resultsQuery({ format: 'csv', table: 'fields', unit: null })).toBe('?format=csv&table=fields');
		expect(resultsQuery({})).toBe('');
	});

	it('measures a rated unit against the sub-criteria it was scored on', () => {
		const rated = scoreSurvey(DEFAULT_FRAMEWORK, [
			{ subCriterion: '5.2.1', weight: 1 },
			{ subCriterion: '5.3.2', weight: 0.5 }
		]);
		expect(rated.maxPoints).toBe(32);
		expect(scoredMax(rated)).toBe(2);
	});
});

describe('score charts', () => {
	it('draws each field as a bar against its maximum, a missing score as no bar', () => {
		const config = fieldsBarConfig(score.fields, titles, texts);
		expect(config.type).toBe('bar');
		expect(config.options?.indexAxis).toBe('y');
		const [points, max] = config.data.datasets;
		expect(points.data).toEqual(score.fields.map((f) => f.points));
		expect(max.data).toEqual(score.fields.map((f) => f.maxPoints));
		expect(max.data.reduce<number>((s, v) => s + (v ?? 0), 0)).toBe(32);
		// Both bars at one place, the score drawn over its maximum.
		expect(points.grouped).toBe(false);
		expect(max.grouped).toBe(false);
		expect(config.data.labels).toHaveLength(8);
		expect((config.data.labels![0] as string[]).join(' ')).toContain('1. Công tác chỉ đạo');
	});

	it('draws the radar as the share of each maximum, in percent', () => {
		const config = fieldsRadarConfig(score.fields, titles, { ...texts, share: 'Tỷ lệ' });
		const data = config.data.datasets[0].data;
		const field8 = score.fields.findIndex((f) => f.code === '8');
		expect(data[field8]).toBe(100);
		expect(data[score.fields.findIndex((f) => f.code === '2')]).toBe(50);
		expect(config.options?.scales?.r?.max).toBe(100);
		const label = config.options!.plugins!.tooltip!.callbacks!.label as (item: unknown) => string;
		expect(label({ dataIndex: field8 })).toBe('4,00 / 4,00 (100,0\u00a0%)');
	});

	it('draws a field’s sub-criteria with null for one without a valid answer', () => {
		const field1 = score.fields[0];
		const config = subCriteriaConfig(field1.subCriteria, titles, texts);
		expect(config.data.datasets[0].data).toEqual([null, 0.75]);
		expect(config.data.datasets[1].data).toEqual([1.5, 1.5]);
	});

	it('compares fields by code, this round first, a field missing on one side as no bar', () => {
		const other = scoreSurvey(DEFAULT_FRAMEWORK, answers(1));
		const comparison = compareFields({ id: 9, title: 'Đợt 2025', year: 2025 }, score, other);
		comparison.fields.push({ code: '9', current: null, other: { points: 1, maxPoints: 2 }, change: null });
		const config = comparisonConfig({ label: 'Đợt 2026 (2026)' }, [comparison], titles, texts);
		// Each field by its code and short title (two wrapped lines at most), the full title in the tooltip.
		const labels = config.data.labels as string[][];
		expect(labels.map((l) => l[0].split(' ')[0])).toEqual(['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.', '9.']);
		expect(labels[0].join(' ')).toContain(titles['1'].split(' ').slice(0, 2).join(' '));
		expect(labels.every((l) => l.length <= 2)).toBe(true);
		expect(labels[8]).toEqual(['9.']);
		expect(config.options?.indexAxis).toBe('y');
		expect(config.data.datasets.map((d) => d.label)).toEqual(['Đợt 2026 (2026)', 'Đợt 2025 (2025)']);
		expect(config.data.datasets[0].data[1]).toBe(score.fields[1].points);
		expect(config.data.datasets[1].data[1]).toBe(other.fields[1].points);
		expect(config.data.datasets[0].data[8]).toBeNull();
		expect(config.data.datasets[1].data[8]).toBe(1);
	});

	it('draws response rates in percent and leaves a unit without invitations empty', () => {
		const config = responseRatesConfig(
			[
				{ label: 'Cẩm Thành', rate: 0.6 },
				{ label: 'Nghĩa Lộ', rate: null }
			],
			{ rate: 'Tỷ lệ', formatShare: (s) => formatShare(s, 'vi') }
		);
		expect(config.data.datasets[0].data).toEqual([60, null]);
		expect(config.options?.scales?.x?.max).toBe(100);
	});

	it('gives a chart of many rows room, and a short chart a floor', () => {
		expect(barChartHeight(1)).toBe(12);
		expect(barChartHeight(20)).toBeGreaterThan(barChartHeight(10));
	});
});

describe('answer distributions', () => {
	const a = distribution('q1.1.1', [2, 3, 1, 4]);
	const b = distribution('q1.2.1', [5, 0, 0, 0]);
	const other = distribution('q3.2.1', [1, 1, 1, 1], ['Không xảy ra', 'Hiếm khi', 'Thường xuyên', 'Không biết']);

	it('puts questions of one answer scale together, in order', () => {
		const groups = groupByScale([a, other, b]);
		expect(groups.map((g) => g.questions.map((q) => q.questionId))).toEqual([['q1.1.1', 'q1.2.1'], ['q3.2.1']]);
		expect(groups[1].options.map((o) => o.label)).toEqual(['Không xảy ra', 'Hiếm khi', 'Thường xuyên', 'Không biết']);
	});

	it('stacks the share of every option to 100 % per question, don’t-know in grey', () => {
		const [group] = groupByScale([a, b]);
		const config = distributionConfig(group, {
			questionLabel: (d) => d.subCriterion,
			questionText: (d) => d.text,
			formatShare: (s) => formatShare(s, 'vi'),
			answers: 'lượt'
		});
		expect(config.data.datasets.map((d) => d.label)).toEqual(['Rất tốt', 'Tốt', 'Kém', 'Không biết']);
		expect(config.data.datasets.map((d) => d.data[0])).toEqual([20, 30, 10, 40]);
		expect(config.data.datasets.map((d) => d.data[1])).toEqual([100, 0, 0, 0]);
		expect(config.options?.scales?.x?.stacked).toBe(true);
		expect(config.data.datasets[3].backgroundColor).toBe(COLORS.dontKnow);
		expect(config.data.datasets[0].backgroundColor).toBe(COLORS.scale[0]);
		const label = config.options!.plugins!.tooltip!.callbacks!.label as (item: unknown) => string;
		expect(label({ dataIndex: 0, datasetIndex: 3 })).toBe('Không biết: 40,0\u00a0% (4 lượt)');
	});

	it('colours options by weight, best first, whatever their order', () => {
		const colors = scaleColors([
			{ label: 'Kém', weight: 0, dontKnow: false },
			{ label: 'Rất tốt', weight: 1, dontKnow: false },
			{ label: 'Không biết', weight: null, dontKnow: true }
		]);
		expect(colors).toEqual([COLORS.scale[COLORS.scale.length - 1], COLORS.scale[0], COLORS.dontKnow]);
	});

	it('gives a question nobody answered a zero share, not a division by zero', () => {
		expect(optionShare(distribution('q2.1.1', [0, 0, 0, 0]), 0)).toBe(0);
	});

	it('says where the best answer is chosen most and least', () => {
		const [group] = groupByScale([a, b]);
		const text = distributionSummary(group, (code) => code, ctx);
		expect(text).toContain('“Rất tốt” cao nhất ở câu 1.2.1 (100,0\u00a0%)');
		expect(text).toContain('thấp nhất ở câu 1.1.1 (20,0\u00a0%)');
	});
});

describe('summaries', () => {
	it('names the total and the fields with the highest and lowest share', () => {
		const text = fieldsSummary(score, 53, titles, ctx);
		expect(text).toContain(`${formatPoints(score.points, 'vi')}/32,00 điểm`);
		expect(text).toContain('53 phiếu');
		expect(text).toContain('cao nhất: 8. Tác động');
		expect(text).toMatch(/thấp nhất: [1-7]\. /);
	});

	it('says so when all sub-criteria of a field reach the same share', () => {
		const equal = scoreSurvey(DEFAULT_FRAMEWORK, answers(0.5)).fields.find((f) => f.code === '5')!;
		expect(subCriteriaSummary(equal, titles, ctx)).toBe(
			t('results.sub.summaryEqual', {
				field: `5. ${titles['5']}`,
				points: formatPoints(equal.points, 'vi'),
				max: '8,00',
				count: 8
			})
		);
	});

	it('ranks rated units and counts the hidden ones without naming a figure for them', () => {
		const rated = (id: number, name: string, weight: number | null): ResultRow => ({
			kind: 'rated',
			id,
			code: `U${id}`,
			name,
			hasChildren: false,
			figures:
				weight === null
					? { shown: false }
					: { shown: true, sheets: 8, score: scoreSurvey(DEFAULT_FRAMEWORK, [{ subCriterion: '5.2.1', weight }]) }
		});
		const text = ratedSummary(
			[rated(1, 'Sở Tư pháp', 1), rated(2, 'Sở Y tế', 0.5), rated(3, 'Sở Xây dựng', null)],
			5,
			ctx
		);
		expect(text).toContain('Cao nhất: Sở Tư pháp (1,00/1,00)');
		expect(text).toContain('thấp nhất: Sở Y tế (0,50/1,00)');
		expect(text).toContain('1 đơn vị không công bố điểm (ít hơn 5 người đánh giá');
		expect(text).not.toContain('Sở Xây dựng');
	});

	it('counts fields up and down against an earlier round', () => {
		const comparison = compareFields(
			{ id: 9, title: 'Đợt 2025', year: 2025 },
			score,
			scoreSurvey(DEFAULT_FRAMEWORK, answers(1))
		);
		const text = comparisonSummary(comparison, ctx);
		expect(text).toContain('“Đợt 2025” (2025)');
		expect(text).toContain('tăng ở 0 lĩnh vực, giảm ở 7, không đổi ở 1');
	});
});

describe('response rates beside the results', () => {
	// Province 1 → communes 2, 3; commune 3 also has people of its own… and one unit outside the subtree.
	const units = [
		{ id: 1, code: '51', parentId: null, name: 'Quảng Ngãi' },
		{ id: 2, code: '21025', parentId: 1, name: 'Cẩm Thành' },
		{ id: 3, code: '21028', parentId: 1, name: 'Nghĩa Lộ' },
		{ id: 4, code: '51.SNV', parentId: 1, name: 'Sở Nội vụ' }
	];
	const counts = (invited: number, submitted: number): Counts => ({
		...emptyCounts(),
		people: invited,
		invited,
		submitted
	});
	const rows = [
		{ unitId: 2, groupId: 1, counts: counts(5, 5) },
		{ unitId: 3, groupId: 1, counts: counts(5, 2) },
		{ unitId: 4, groupId: 2, counts: counts(3, 1) },
		{ unitId: 1, groupId: 2, counts: counts(2, 2) }
	];
	const groups = [
		{ id: 1, code: 'LDX', name: 'Lãnh đạo UBND cấp xã' },
		{ id: 2, code: 'LDS', name: 'Lãnh đạo sở' }
	];
	const input = { units, currentId: 1, subtree: new Set([1, 2, 3, 4]), rows };

	it('counts per group, per child unit and at the unit itself', () => {
		const p = participationOf(input, groups, null);
		expect(p.total).toMatchObject({ invited: 15, submitted: 10 });
		expect(p.byGroup.map((r) => [r.code, r.invited, r.submitted])).toEqual([
			['LDX', 10, 7],
			['LDS', 5, 3]
		]);
		expect(p.byUnit.map((r) => [r.code, r.submitted, r.rate, r.direct ?? false])).toEqual([
			['21025', 5, 1, false],
			['21028', 2, 0.4, false],
			['51.SNV', 1, 1 / 3, false],
			['51', 2, 1, true]
		]);
		expect(ratesSummary(p, ctx)).toBe(
			'10 trên 15 người được mời đã gửi phiếu (66,7\u00a0%). Thấp nhất: Sở Nội vụ (33,3\u00a0%); cao nhất: Cẩm Thành (100,0\u00a0%).'
		);
	});

	it('restricts units to the group filter, keeping every group in the group table', () => {
		const p = participationOf(input, groups, 2);
		expect(p.byUnit.map((r) => r.code)).toEqual(['51.SNV', '51']);
		expect(p.total).toMatchObject({ invited: 5, submitted: 3 });
		expect(p.allGroups).toMatchObject({ invited: 15, submitted: 10 });
		expect(p.byGroup).toHaveLength(2);
	});

	it('withholds who submitted wherever the results hide the unit or group (and its rate), keeps the invited', () => {
		const p = participationOf(input, groups, null);
		const shown = { shown: true as const, sheets: 5, score: scoreSurvey(DEFAULT_FRAMEWORK, []) };
		const row = (kind: 'unit' | 'own' | 'group', code: string, visible: boolean) => ({
			kind,
			id: 0,
			code,
			name: code,
			hasChildren: false,
			figures: visible ? shown : { shown: false as const }
		});
		const view = {
			total: { ...shown, distributions: [] },
			group: null,
			byGroup: [row('group', 'LDX', true), row('group', 'LDS', false)],
			// 21028 hidden; 51.SNV has people but no results row of its own (pooled into the province's cell).
			byUnit: [row('unit', '21025', true), row('unit', '21028', false), row('own', '51', true)]
		};
		const masked = maskParticipation(p, view);
		expect(masked.byUnit.map((r) => [r.code, r.invited, r.submitted, r.rate])).toEqual([
			['21025', 5, 5, 1],
			['21028', 5, null, null],
			['51.SNV', 3, null, null],
			['51', 2, 2, 1]
		]);
		expect(masked.byGroup.map((r) => [r.code, r.submitted])).toEqual([
			['LDX', 7],
			['LDS', null]
		]);
		expect(masked.total.submitted).toBe(10);
		const hiddenTotal = maskParticipation(p, { ...view, total: { shown: false } });
		expect([hiddenTotal.total.submitted, hiddenTotal.total.rate, hiddenTotal.total.invited]).toEqual([null, null, 15]);
		expect(ratesSummary(hiddenTotal, ctx)).toMatch(/^15 người đã được mời; số người đã gửi phiếu không được công bố/);
		// With a group filter the view says nothing about the other groups: no group table.
		expect(
			maskParticipation(participationOf(input, groups, 2), {
				...view,
				group: { id: 2, code: 'LDS', name: 'LDS' },
				byGroup: []
			}).byGroup
		).toEqual([]);
	});

	it('reads only inside the unit looked at', () => {
		const p = participationOf({ ...input, currentId: 3, subtree: new Set([3]) }, groups, null);
		expect(p.total).toMatchObject({ code: '21028', invited: 5, submitted: 2 });
		expect(p.byUnit).toEqual([]);
		expect(p.byGroup.map((r) => r.code)).toEqual(['LDX']);
	});
});
