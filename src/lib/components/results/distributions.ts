// Answer distributions: questions that share an answer scale (the same option labels in the same
// order) go into one stacked bar chart, one bar per question, one colour per option, each segment
// the share of the answers given to that question.
import type { Distribution } from '$lib/domain/results-distributions';
import { COLORS, HORIZONTAL, type BarConfig } from './charts';
import { wrapLabel } from './format';

export interface ScaleOption {
	label: string;
	weight: number | null;
	dontKnow: boolean;
}
export interface ScaleGroup {
	key: string;
	options: ScaleOption[];
	questions: Distribution[];
}

/** Groups questions by their answer scale, in the order the scales first appear. */
export function groupByScale(distributions: Distribution[]): ScaleGroup[] {
	const groups = new Map<string, ScaleGroup>();
	for (const d of distributions) {
		const key = JSON.stringify(d.options.map((o) => [o.label, o.weight, o.dontKnow]));
		let group = groups.get(key);
		if (!group)
			groups.set(
				key,
				(group = {
					key,
					options: d.options.map((o) => ({ label: o.label, weight: o.weight, dontKnow: o.dontKnow })),
					questions: []
				})
			);
		group.questions.push(d);
	}
	return [...groups.values()];
}

/** Share of the question's answers given to option i (0 when nobody answered). */
export function optionShare(d: Distribution, i: number): number {
	return d.answered > 0 ? d.options[i].count / d.answered : 0;
}

/** Colours from the best-weighted option to the worst; "don't know" grey. */
export function scaleColors(options: ScaleOption[]): string[] {
	const ranked = options
		.map((o, i) => ({ i, w: o.dontKnow || o.weight === null ? null : o.weight }))
		.filter((o) => o.w !== null)
		.sort((a, b) => (b.w as number) - (a.w as number) || a.i - b.i);
	const colors = options.map(() => COLORS.dontKnow as string);
	const steps = COLORS.scale.length - 1;
	ranked.forEach((o, rank) => {
		colors[o.i] = COLORS.scale[ranked.length === 1 ? 1 : Math.round((rank * steps) / (ranked.length - 1))];
	});
	return colors;
}

export interface DistributionTexts {
	/** Short name of a question for the axis, e.g. its sub-criterion code and title. */
	questionLabel: (d: Distribution) => string;
	/** The question's full wording for the tooltip. */
	questionText: (d: Distribution) => string;
	formatShare: (share: number | null) => string;
	answers: string;
}

/** One 100 % stacked horizontal bar per question of the scale group. */
export function distributionConfig(group: ScaleGroup, texts: DistributionTexts): BarConfig {
	const colors = scaleColors(group.options);
	return {
		type: 'bar',
		data: {
			labels: group.questions.map((d) => wrapLabel(texts.questionLabel(d), 30, 2)),
			datasets: group.options.map((o, i) => ({
				label: o.label,
				data: group.questions.map((d) => Math.round(optionShare(d, i) * 1000) / 10),
				backgroundColor: colors[i],
				borderColor: '#ffffff',
				borderWidth: 1
			}))
		},
		options: {
			...HORIZONTAL,
			scales: {
				x: { stacked: true, min: 0, max: 100, ticks: { callback: (v) => texts.formatShare(Number(v) / 100) } },
				y: { stacked: true, ticks: { autoSkip: false } }
			},
			plugins: {
				legend: { position: 'bottom' },
				tooltip: {
					callbacks: {
						title: (items) => (items.length ? texts.questionText(group.questions[items[0].dataIndex]) : ''),
						label: (item) => {
							const d = group.questions[item.dataIndex];
							const option = d.options[item.datasetIndex];
							return `${option.label}: ${texts.formatShare(optionShare(d, item.datasetIndex))} (${option.count} ${texts.answers})`;
						}
					}
				}
			}
		}
	};
}
