// Survey points from answers, as docs/domain.md describes the observed practice:
//   points(sub) = maxPoints × Σ weight(answer) / N_valid, N_valid excluding "don't know" and blanks;
//   criterion = sum of its sub-criteria; field = sum of its criteria; total = sum of fields.
// The official formula is not published, so rounding is an option rather than a constant.
// Answers are first reduced to additive counts per (sub-criterion, weight): the same counts come from
// single answers and from the tallies kept at cast time, so both give bit-identical points.
import { cleanSum, listSurveySubCriteria, type Framework } from './framework';
import type { Question, Questionnaire } from './questionnaire';

export type ScoringOptions = {
	/** Decimals kept for each sub-criterion (criteria, fields and total add the rounded values); null: no rounding. */
	decimals?: number | null;
};
export const DEFAULT_DECIMALS = 2;

/** One answer reduced to what scoring needs; weight null means "don't know" or blank. */
export type ScoredAnswer = { subCriterion: string; weight: number | null };
export type AnswerChoice = { questionId: string; optionId: string | null };

/** Additive counts for one sub-criterion: valid answers per weight, and the excluded ones. */
export type SubTotals = { byWeight: Map<number, number>; nExcluded: number };
/** Sub-criterion code → its counts. Two of these add up by adding their counts (see addTotals). */
export type ScoreTotals = Map<string, SubTotals>;

export type SubCriterionScore = {
	code: string;
	criterionCode: string;
	maxPoints: number;
	/** null when no valid answer exists: unknown, which is not the same as zero. */
	points: number | null;
	nValid: number;
	/** Don't-know and blank answers, left out of the denominator. */
	nExcluded: number;
	weightSum: number;
	/**
	 * Set by the results when the answers behind this sub-criterion come from a group hidden at that
	 * node (see results-view.ts, withholdByGroup): points null, counts 0, shown as "< k".
	 */
	withheld?: boolean;
};
export type PartScore = {
	code: string;
	/** The survey part: the sum of the survey-scored sub-criteria's max points below. */
	maxPoints: number;
	/** Sum of the parts that have a score; null when none has. */
	points: number | null;
	/** Codes of sub-criteria without a valid answer; the points above leave them out. */
	missing: string[];
};
export type CriterionScore = PartScore & { subCriteria: SubCriterionScore[] };
export type FieldScore = PartScore & { criteria: CriterionScore[]; subCriteria: SubCriterionScore[] };
export type SurveyScore = { maxPoints: number; points: number | null; missing: string[]; fields: FieldScore[] };

function decimalsOf(options: ScoringOptions): number | null {
	const decimals = options.decimals === undefined ? DEFAULT_DECIMALS : options.decimals;
	if (decimals !== null && !(Number.isInteger(decimals) && decimals >= 0 && decimals <= 10))
		throw new RangeError(`decimals must be an integer from 0 to 10, got ${decimals}`);
	return decimals;
}

/** Half-up rounding that treats 1.005 as the person typing it meant it (→ 1.01). */
export function roundPoints(value: number, decimals: number | null): number {
	if (decimals === null) return value;
	const factor = 10 ** decimals;
	return Math.round(Number((value * factor).toPrecision(15))) / factor;
}

const isValidWeight = (w: number | null | undefined): w is number => typeof w === 'number' && Number.isFinite(w);

/** Adds `count` answers of one weight (null: don't know / blank) to a sub-criterion's counts. */
export function addAnswer(
	totals: ScoreTotals,
	subCriterion: string,
	weight: number | null | undefined,
	count = 1
): void {
	let sub = totals.get(subCriterion);
	if (!sub) totals.set(subCriterion, (sub = { byWeight: new Map(), nExcluded: 0 }));
	if (isValidWeight(weight)) sub.byWeight.set(weight, (sub.byWeight.get(weight) ?? 0) + count);
	else sub.nExcluded += count;
}

/** Adds `from` into `into` (in place) and returns `into`. */
export function addTotals(into: ScoreTotals, from: ScoreTotals): ScoreTotals {
	for (const [code, sub] of from) {
		for (const [weight, count] of sub.byWeight) addAnswer(into, code, weight, count);
		if (sub.nExcluded) addAnswer(into, code, null, sub.nExcluded);
	}
	return into;
}

/** Σ weight and N_valid in a fixed order (by weight), so the result does not depend on how counts were gathered. */
function sumOfWeights(sub: SubTotals | undefined): { sum: number; nValid: number } {
	if (!sub) return { sum: 0, nValid: 0 };
	let sum = 0;
	let nValid = 0;
	for (const weight of [...sub.byWeight.keys()].sort((a, b) => a - b)) {
		const count = sub.byWeight.get(weight)!;
		if (count === 0) continue;
		sum += weight * count;
		nValid += count;
	}
	return { sum, nValid };
}

/** Points of one sub-criterion; null (not 0) when there is no valid answer. */
export function subCriterionPoints(
	maxPoints: number,
	weights: Iterable<number | null | undefined>,
	options: ScoringOptions = {}
): number | null {
	const decimals = decimalsOf(options);
	const totals: ScoreTotals = new Map();
	for (const w of weights) addAnswer(totals, '', w);
	const { sum, nValid } = sumOfWeights(totals.get(''));
	return nValid === 0 ? null : roundPoints((maxPoints * sum) / nValid, decimals);
}

/** The weight an answer carries: null for "don't know", a blank or an option the question lacks. */
export function answerWeight(question: Question, optionId: string | null | undefined): number | null {
	const option = optionId == null ? undefined : question.options.find((o) => o.id === optionId);
	return !option || option.dontKnow ? null : option.weight;
}

export function questionIndex(questionnaire: Questionnaire): Map<string, Question> {
	return new Map(questionnaire.sections.flatMap((s) => s.questions.map((q) => [q.id, q] as const)));
}

/** Maps raw choices to scored answers; choices for questions not in the questionnaire are ignored. */
export function scoredAnswers(questionnaire: Questionnaire, choices: Iterable<AnswerChoice>): ScoredAnswer[] {
	const questions = questionIndex(questionnaire);
	const out: ScoredAnswer[] = [];
	for (const choice of choices) {
		const question = questions.get(choice.questionId);
		if (question) out.push({ subCriterion: question.subCriterion, weight: answerWeight(question, choice.optionId) });
	}
	return out;
}

export function totalsOf(answers: Iterable<ScoredAnswer>): ScoreTotals {
	const totals: ScoreTotals = new Map();
	for (const a of answers) addAnswer(totals, a.subCriterion, a.weight);
	return totals;
}

/** Scores single answers: see scoreTotals. */
export function scoreSurvey(
	framework: Framework,
	answers: Iterable<ScoredAnswer>,
	options: ScoringOptions = {}
): SurveyScore {
	return scoreTotals(framework, totalsOf(answers), options);
}

/**
 * Scores every survey-scored sub-criterion of the framework, then criteria, fields and the total.
 * Counts for codes that are not survey-scored sub-criteria of this framework are ignored.
 */
export function scoreTotals(framework: Framework, totals: ScoreTotals, options: ScoringOptions = {}): SurveyScore {
	const decimals = decimalsOf(options);
	const subs = listSurveySubCriteria(framework);
	const fields: FieldScore[] = [];
	for (const field of framework.fields) {
		const criteria: CriterionScore[] = [];
		for (const criterion of field.criteria) {
			const scores: SubCriterionScore[] = subs
				.filter((sub) => sub.fieldCode === field.code && sub.criterionCode === criterion.code)
				.map((sub) => {
					const t = totals.get(sub.code);
					const { sum, nValid } = sumOfWeights(t);
					return {
						code: sub.code,
						criterionCode: sub.criterionCode,
						maxPoints: sub.maxPoints,
						points: nValid === 0 ? null : roundPoints((sub.maxPoints * sum) / nValid, decimals),
						nValid,
						nExcluded: t?.nExcluded ?? 0,
						weightSum: cleanSum([sum])
					};
				});
			if (scores.length > 0) criteria.push({ code: criterion.code, ...sumOf(scores, decimals), subCriteria: scores });
		}
		if (criteria.length === 0) continue;
		fields.push({
			code: field.code,
			...sumOf(criteria, decimals),
			criteria,
			subCriteria: criteria.flatMap((c) => c.subCriteria)
		});
	}
	return { ...sumOf(fields, decimals), fields };
}

function sumOf(
	parts: { code: string; maxPoints: number; points: number | null; missing?: string[] }[],
	decimals: number | null
) {
	const known = parts.filter((p) => p.points !== null);
	const missing = parts.flatMap((p) => (p.missing ? p.missing : p.points === null ? [p.code] : []));
	return {
		maxPoints: cleanSum(parts.map((p) => p.maxPoints)),
		points: known.length === 0 ? null : roundPoints(cleanSum(known.map((p) => p.points as number)), decimals),
		missing
	};
}

/**
 * The maximum of what was actually scored: a rated unit is judged on a few sub-criteria only, so its
 * points are measured against those sub-criteria's maxima, not the whole framework's.
 */
export function scoredMaxPoints(score: SurveyScore): number {
	let sum = 0;
	for (const field of score.fields) for (const sub of field.subCriteria) if (sub.points !== null) sum += sub.maxPoints;
	return Math.round(sum * 1e9) / 1e9;
}
