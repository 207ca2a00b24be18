// One or two sentences per chart, saying in words what the drawing shows (for screen readers, for
// print, and for a reader in a hurry). Built from the same published figures as the charts.
import type { Translate } from '$lib/i18n/translate';
import type { FieldComparison } from '$lib/domain/results-compare';
import type { ResultRow } from '$lib/domain/results-view';
import type { FieldScore, SubCriterionScore, SurveyScore } from '$lib/domain/scoring';
import type { ScaleGroup } from './distributions';
import { optionShare } from './distributions';
import { scoredMaxPoints } from '$lib/domain/scoring';
import { formatChange, formatInteger, formatPoints, formatShare, shareOfMax, type Locale } from './format';
import type { Participation } from '$lib/domain/results-participation';

interface Ctx {
	t: Translate;
	locale: Locale;
}

/** The highest and lowest item by a key, ignoring items without one; null when none has it. `equal`: all the same. */
function extremes<T>(items: T[], key: (item: T) => number | null): { high: T; low: T; equal: boolean } | null {
	const known = items.filter((i) => key(i) !== null);
	if (known.length === 0) return null;
	let high = known[0];
	let low = known[0];
	for (const item of known) {
		if ((key(item) as number) > (key(high) as number)) high = item;
		if ((key(item) as number) < (key(low) as number)) low = item;
	}
	return { high, low, equal: key(high) === key(low) };
}

export function fieldsSummary(
	score: SurveyScore,
	sheets: number,
	titles: Record<string, string>,
	{ t, locale }: Ctx
): string {
	const share = (f: FieldScore) => shareOfMax(f.points, f.maxPoints);
	const ends = extremes(score.fields, share);
	if (!ends || score.points === null) return t('results.fields.summaryNone', { sheets: formatInteger(sheets, locale) });
	const name = (f: FieldScore) => `${f.code}. ${titles[f.code] ?? ''}`.trim();
	const total = {
		points: formatPoints(score.points, locale),
		max: formatPoints(score.maxPoints, locale),
		share: formatShare(shareOfMax(score.points, score.maxPoints), locale),
		sheets: formatInteger(sheets, locale)
	};
	if (ends.equal)
		return t('results.fields.summaryEqual', { ...total, fieldShare: formatShare(share(ends.high), locale) });
	return t('results.fields.summary', {
		...total,
		best: name(ends.high),
		bestShare: formatShare(share(ends.high), locale),
		worst: name(ends.low),
		worstShare: formatShare(share(ends.low), locale)
	});
}

/** The best and worst sub-criteria's codes and points, for a summary sentence. */
function bestAndWorst(ends: { high: SubCriterionScore; low: SubCriterionScore }, locale: Locale) {
	return {
		best: ends.high.code,
		bestPoints: formatPoints(ends.high.points, locale),
		bestMax: formatPoints(ends.high.maxPoints, locale),
		worst: ends.low.code,
		worstPoints: formatPoints(ends.low.points, locale),
		worstMax: formatPoints(ends.low.maxPoints, locale)
	};
}

export function subCriteriaSummary(field: FieldScore, titles: Record<string, string>, { t, locale }: Ctx): string {
	const base = {
		field: `${field.code}. ${titles[field.code] ?? ''}`.trim(),
		points: formatPoints(field.points, locale),
		max: formatPoints(field.maxPoints, locale)
	};
	const ends = extremes(field.subCriteria, (s) => shareOfMax(s.points, s.maxPoints));
	if (!ends || field.subCriteria.length < 2)
		return t('results.sub.summaryOne', { ...base, count: field.subCriteria.length });
	if (ends.equal) return t('results.sub.summaryEqual', { ...base, count: field.subCriteria.length });
	return t('results.sub.summary', {
		...base,
		...bestAndWorst(ends, locale)
	});
}

/** Every field's sub-criteria at once (tables and the report): the highest and lowest share reached. */
export function allSubCriteriaSummary(fields: FieldScore[], { t, locale }: Ctx): string {
	const subs = fields.flatMap((f) => f.subCriteria);
	const ends = extremes(subs, (s) => shareOfMax(s.points, s.maxPoints));
	const base = { count: subs.length, fields: fields.length };
	if (!ends || ends.equal) return t('results.sub.summaryAllEqual', base);
	return t('results.sub.summaryAll', {
		...base,
		...bestAndWorst(ends, locale)
	});
}

/** Names the questions where the best-weighted answer is chosen most and least often. */
export function distributionSummary(
	group: ScaleGroup,
	questionLabel: (code: string, rated: boolean) => string,
	{ t, locale }: Ctx
): string {
	const options = group.options.map((o) => o.label).join(', ');
	const bestIndex = group.options.reduce(
		(best, o, i) =>
			o.weight !== null && !o.dontKnow && (best < 0 || o.weight > (group.options[best].weight as number)) ? i : best,
		-1
	);
	const answered = group.questions.filter((q) => q.answered > 0);
	const ends = bestIndex < 0 ? null : extremes(answered, (q) => optionShare(q, bestIndex));
	if (!ends) return t('results.dist.summaryNone', { count: group.questions.length, options });
	if (ends.equal)
		return t('results.dist.summaryEqual', {
			count: group.questions.length,
			options,
			best: group.options[bestIndex].label,
			share: formatShare(optionShare(ends.high, bestIndex), locale)
		});
	return t('results.dist.summary', {
		count: group.questions.length,
		options,
		best: group.options[bestIndex].label,
		high: questionLabel(ends.high.subCriterion, ends.high.rated),
		highShare: formatShare(optionShare(ends.high, bestIndex), locale),
		low: questionLabel(ends.low.subCriterion, ends.low.rated),
		lowShare: formatShare(optionShare(ends.low, bestIndex), locale)
	});
}

export function ratedSummary(rows: ResultRow[], k: number, { t, locale }: Ctx): string {
	const shown = rows.filter((r) => r.figures.shown && r.figures.score.points !== null);
	const hidden = rows.filter((r) => !r.figures.shown).length;
	const parts: string[] = [];
	if (shown.length > 0) {
		// Rows come ranked; the ends are the first and last shown ones.
		const [best, worst] = [shown[0], shown[shown.length - 1]];
		const pts = (r: ResultRow) => (r.figures.shown ? r.figures.score : null)!;
		const same = pts(best).points === pts(worst).points && scoredMaxPoints(pts(best)) === scoredMaxPoints(pts(worst));
		parts.push(
			t(same ? 'results.rated.summaryEqual' : 'results.rated.summary', {
				count: shown.length,
				best: best.name,
				bestPoints: formatPoints(pts(best).points, locale),
				bestMax: formatPoints(scoredMaxPoints(pts(best)), locale),
				worst: worst.name,
				worstPoints: formatPoints(pts(worst).points, locale),
				worstMax: formatPoints(scoredMaxPoints(pts(worst)), locale)
			})
		);
	}
	if (hidden > 0) parts.push(t('results.rated.summaryHidden', { count: hidden, k }));
	return parts.join(' ') || t('results.rated.summaryNone');
}

export function comparisonSummary(c: FieldComparison, { t, locale }: Ctx): string {
	const both = c.fields.filter((f) => f.change !== null);
	const count = (test: (n: number) => boolean) => both.filter((f) => test(f.change as number)).length;
	const change = c.total.current !== null && c.total.other !== null ? c.total.current - c.total.other : null;
	const text = t('results.compare.summary', {
		other: c.campaign.title,
		year: c.campaign.year,
		current: formatPoints(c.total.current, locale),
		previous: formatPoints(c.total.other, locale),
		change: formatChange(change === null ? null : Math.round(change * 100) / 100, locale),
		up: count((n) => n > 0),
		down: count((n) => n < 0),
		same: count((n) => n === 0)
	});
	const oneSided = c.fields.length - both.length;
	return oneSided > 0 ? `${text} ${t('results.compare.summaryOneSided', { count: oneSided })}` : text;
}

export function ratesSummary(p: Participation, { t, locale }: Ctx): string {
	const text =
		p.total.submitted === null
			? t('results.rates.summaryWithheld', { invited: formatInteger(p.total.invited, locale) })
			: t('results.rates.summary', {
					submitted: formatInteger(p.total.submitted, locale),
					invited: formatInteger(p.total.invited, locale),
					rate: formatShare(p.total.rate, locale)
				});
	const ends = extremes([...p.byGroup, ...p.byUnit], (r) => r.rate);
	if (!ends || p.byGroup.length + p.byUnit.length < 2) return text;
	return `${text} ${t('results.rates.summaryLowest', { lowest: ends.low.name, lowRate: formatShare(ends.low.rate, locale), highest: ends.high.name, highRate: formatShare(ends.high.rate, locale) })}`;
}
