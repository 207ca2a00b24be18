// The results charts as Chart.js configurations, built fresh on every call (Chart.js mutates what it
// is given). Pure functions of the published view: a hidden figure has no number, so it never
// reaches a chart; the data tables beside each chart say "< k" for it instead.
import type { ChartConfiguration } from 'chart.js';
import type { FieldComparison } from '$lib/domain/results-compare';
import type { FieldScore, SubCriterionScore } from '$lib/domain/scoring';
import type { MessageKey } from '$lib/domain/message';
import type { Translate } from '$lib/i18n/translate';
import { formatPoints, formatShare, shareOfMax, wrapLabel, type Locale } from './format';

export const COLORS = {
	points: '#0b57d0',
	max: 'rgba(140, 149, 159, 0.28)',
	maxBorder: '#6e7781',
	others: ['#b45309', '#6e7781', '#1a7f37', '#8250df', '#bf3989'],
	/** From the best answer to the worst; "don't know" is grey. */
	scale: ['#0a3d91', '#0b57d0', '#6f9ee8', '#f2b36b', '#d97706', '#b42318', '#7a1610'],
	dontKnow: '#9aa0a6'
} as const;

/** Every chart fills the box its block sizes (see ChartBlock) and is drawn at once (print has no time to animate). */
export const SIZED = { responsive: true, maintainAspectRatio: false, animation: false } as const;
/** Bars laid along the x axis, one row per item: labels stay readable on a phone. */
export const HORIZONTAL = { ...SIZED, indexAxis: 'y' } as const;

export type BarConfig = ChartConfiguration<'bar', (number | null)[], string | string[]>;
export type RadarConfig = ChartConfiguration<'radar', (number | null)[], string | string[]>;

export interface ChartTexts {
	points: string;
	max: string;
	formatPoints: (n: number | null) => string;
	formatShare: (share: number | null) => string;
}

/** The words and number formats of a score chart, in the reader's language. */
export function chartTexts(t: Translate, locale: Locale, max: MessageKey = 'results.chart.max'): ChartTexts {
	return {
		points: t('results.chart.points'),
		max: t(max),
		formatPoints: (n) => formatPoints(n, locale),
		formatShare: (s) => formatShare(s, locale)
	};
}

/** Rows drawn as bars: the score, with the maximum drawn behind it (a bar against its maximum). */
export interface ScoreBar {
	label: string;
	/** Full text for the tooltip. */
	title: string;
	points: number | null;
	maxPoints: number;
}

/** Height in rem for a horizontal bar chart of n rows (room for wrapped labels on a phone). */
export function barChartHeight(rows: number, perRow = 3): number {
	return Math.max(12, Math.round((4 + rows * perRow) * 10) / 10);
}

function scoreBars(rows: ScoreBar[], texts: ChartTexts): BarConfig {
	return {
		type: 'bar',
		data: {
			labels: rows.map((r) => wrapLabel(r.label)),
			datasets: [
				// The first dataset is drawn on top; grouped: false puts both bars at the same place.
				{
					label: texts.points,
					data: rows.map((r) => r.points),
					backgroundColor: COLORS.points,
					grouped: false,
					barPercentage: 0.55,
					categoryPercentage: 0.9
				},
				{
					label: texts.max,
					data: rows.map((r) => r.maxPoints),
					backgroundColor: COLORS.max,
					borderColor: COLORS.maxBorder,
					borderWidth: 1,
					grouped: false,
					barPercentage: 0.9,
					categoryPercentage: 0.9
				}
			]
		},
		options: {
			...HORIZONTAL,
			scales: {
				x: { min: 0, ticks: { callback: (value) => texts.formatPoints(Number(value)) } },
				y: { ticks: { autoSkip: false } }
			},
			plugins: {
				legend: { position: 'bottom' },
				tooltip: {
					callbacks: {
						title: (items) => (items.length ? rows[items[0].dataIndex].title : ''),
						label: (item) => `${item.dataset.label}: ${texts.formatPoints(item.parsed.x)}`
					}
				}
			}
		}
	};
}

/** The fields as bars against their maximum. */
export function fieldsBarConfig(fields: FieldScore[], titles: Record<string, string>, texts: ChartTexts): BarConfig {
	return scoreBars(
		fields.map((f) => ({
			label: `${f.code}. ${titles[f.code] ?? ''}`.trim(),
			title: `${f.code}. ${titles[f.code] ?? ''}`,
			points: f.points,
			maxPoints: f.maxPoints
		})),
		texts
	);
}

/** The fields as a radar of the share of their maximum reached (fields have different maxima). */
export function fieldsRadarConfig(
	fields: FieldScore[],
	titles: Record<string, string>,
	texts: ChartTexts & { share: string }
): RadarConfig {
	const shares = fields.map((f) => {
		const share = shareOfMax(f.points, f.maxPoints);
		return share === null ? null : Math.round(share * 1000) / 10;
	});
	return {
		type: 'radar',
		data: {
			labels: fields.map((f) => f.code),
			datasets: [
				{
					label: texts.share,
					data: shares,
					borderColor: COLORS.points,
					backgroundColor: 'rgba(11, 87, 208, 0.18)',
					pointBackgroundColor: COLORS.points,
					fill: true,
					spanGaps: true
				}
			]
		},
		options: {
			...SIZED,
			scales: {
				r: {
					min: 0,
					max: 100,
					ticks: {
						stepSize: 25,
						callback: (value) => texts.formatShare(Number(value) / 100),
						backdropColor: 'transparent'
					}
				}
			},
			plugins: {
				legend: { position: 'bottom' },
				tooltip: {
					callbacks: {
						title: (items) =>
							items.length
								? `${fields[items[0].dataIndex].code}. ${titles[fields[items[0].dataIndex].code] ?? ''}`
								: '',
						label: (item) => {
							const f = fields[item.dataIndex];
							return `${texts.formatPoints(f.points)} / ${texts.formatPoints(f.maxPoints)} (${texts.formatShare(shareOfMax(f.points, f.maxPoints))})`;
						}
					}
				}
			}
		}
	};
}

/** The sub-criteria of one field, each against its maximum. */
export function subCriteriaConfig(
	subCriteria: SubCriterionScore[],
	titles: Record<string, string>,
	texts: ChartTexts
): BarConfig {
	return scoreBars(
		subCriteria.map((s) => ({
			label: `${s.code} ${titles[s.code] ?? ''}`.trim(),
			title: `${s.code} ${titles[s.code] ?? ''}`,
			points: s.points,
			maxPoints: s.maxPoints
		})),
		texts
	);
}

/** Shown rated units, in the ranked order given, each against the maximum of what it was scored on. */
export function ratedUnitsConfig(rows: ScoreBar[], texts: ChartTexts): BarConfig {
	return scoreBars(rows, texts);
}

/** A row's name on a chart axis: its code and title, wrapped, cut with "…" past `lines` lines (the tooltip has it all). */
export function axisTitle(code: string, title: string | undefined, width = 26, lines = 2): string[] {
	return wrapLabel(`${code} ${title ?? ''}`.trim(), width, lines);
}

/** Height in rem per field of the year-over-year chart: one bar per round plus room for a two-line label. */
export const comparisonRowHeight = (rounds: number, print: boolean) =>
	(print ? 1.2 : 1.6) + rounds * (print ? 0.7 : 0.9);

/** Field points this round and in earlier rounds of the same framework (fields matched by code), one row per field. */
export function comparisonConfig(
	current: { label: string },
	comparisons: FieldComparison[],
	titles: Record<string, string>,
	texts: ChartTexts
): BarConfig {
	const codes = [...new Set(comparisons.flatMap((c) => c.fields.map((f) => f.code)))];
	const value = (c: FieldComparison, code: string, side: 'current' | 'other') =>
		c.fields.find((f) => f.code === code)?.[side]?.points ?? null;
	return {
		type: 'bar',
		data: {
			labels: codes.map((code) => axisTitle(`${code}.`, titles[code])),
			datasets: [
				{
					label: current.label,
					data: codes.map((code) => (comparisons[0] ? value(comparisons[0], code, 'current') : null)),
					backgroundColor: COLORS.points
				},
				...comparisons.map((c, i) => ({
					label: `${c.campaign.title} (${c.campaign.year})`,
					data: codes.map((code) => value(c, code, 'other')),
					backgroundColor: COLORS.others[i % COLORS.others.length]
				}))
			]
		},
		options: {
			...HORIZONTAL,
			scales: {
				x: { min: 0, ticks: { callback: (v) => texts.formatPoints(Number(v)) } },
				y: { ticks: { autoSkip: false } }
			},
			plugins: {
				legend: { position: 'bottom' },
				tooltip: {
					callbacks: {
						title: (items) =>
							items.length ? `${codes[items[0].dataIndex]}. ${titles[codes[items[0].dataIndex]] ?? ''}` : '',
						label: (item) => `${item.dataset.label}: ${texts.formatPoints(item.parsed.x)}`
					}
				}
			}
		}
	};
}

export interface RateBar {
	label: string;
	rate: number | null;
}

/** Response rates (submitted ÷ invited) as horizontal bars in percent. */
export function responseRatesConfig(
	rows: RateBar[],
	texts: { rate: string; formatShare: (share: number | null) => string }
): BarConfig {
	return {
		type: 'bar',
		data: {
			labels: rows.map((r) => wrapLabel(r.label)),
			datasets: [
				{
					label: texts.rate,
					data: rows.map((r) => (r.rate === null ? null : Math.round(r.rate * 1000) / 10)),
					backgroundColor: COLORS.points,
					barPercentage: 0.7
				}
			]
		},
		options: {
			...HORIZONTAL,
			scales: {
				x: { min: 0, max: 100, ticks: { callback: (v) => texts.formatShare(Number(v) / 100) } },
				y: { ticks: { autoSkip: false } }
			},
			plugins: {
				legend: { display: false },
				tooltip: { callbacks: { label: (item) => `${texts.rate}: ${texts.formatShare(rows[item.dataIndex].rate)}` } }
			}
		}
	};
}
