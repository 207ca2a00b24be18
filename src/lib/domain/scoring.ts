// Survey points from answers, as domain.md describes the observed practice:
//   points(sub) = maxPoints × Σ weight(answer) / N_valid, N_valid excluding "don't know" and blanks;
//   field = sum of its sub-criteria; total = sum of fields.
// The official formula is not published, so rounding is an option rather than a constant.
import { cleanSum, listSurveySubCriteria, type Framework } from './framework';
import type { Question, Questionnaire } from './questionnaire';

export type ScoringOptions = {
	/** Decimals kept for each sub-criterion (fields and total add the rounded values); null: no rounding. */
	decimals?: number | null;
};
export const DEFAULT_DECIMALS = 2;

/** One answer reduced to what scoring needs; weight null means "don't know" or blank. */
export type ScoredAnswer = { subCriterion: string; weight: number | null };
export type AnswerChoice = { questionId: string; optionId: string | null };

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
};
export type FieldScore = {
	code: string;
	/** The survey part of the field: the sum of its survey-scored sub-criteria's max points. */
	maxPoints: number;
	/** Sum of the sub-criteria that have a score; null when none has. */
	points: number | null;
	/** Codes of sub-criteria without a valid answer; the points above leave them out. */
	missing: string[];
	subCriteria: SubCriterionScore[];
};
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

/** Points of one sub-criterion; null (not 0) when there is no valid answer. */
export function subCriterionPoints(
	maxPoints: number,
	weights: Iterable<number | null | undefined>,
	options: ScoringOptions = {}
): number | null {
	const decimals = decimalsOf(options);
	let sum = 0;
	let n = 0;
	for (const w of weights) {
		if (!isValidWeight(w)) continue;
		sum += w;
		n++;
	}
	return n === 0 ? null : roundPoints((maxPoints * sum) / n, decimals);
}

/** The weight an answer carries: null for "don't know", a blank or an option the question lacks. */
export function answerWeight(question: Question, optionId: string | null | undefined): number | null {
	const option = optionId == null ? undefined : question.options.find((o) => o.id === optionId);
	return !option || option.dontKnow ? null : option.weight;
}

/** Maps raw choices to scored answers; choices for questions not in the questionnaire are ignored. */
export function scoredAnswers(questionnaire: Questionnaire, choices: Iterable<AnswerChoice>): ScoredAnswer[] {
	const questions = new Map(questionnaire.sections.flatMap((s) => s.questions.map((q) => [q.id, q] as const)));
	const out: ScoredAnswer[] = [];
	for (const choice of choices) {
		const question = questions.get(choice.questionId);
		if (question) out.push({ subCriterion: question.subCriterion, weight: answerWeight(question, choice.optionId) });
	}
	return out;
}

/**
 * Scores every survey-scored sub-criterion of the framework, then fields and the total. Answers for
 * codes that are not survey-scored sub-criteria of this framework are ignored.
 */
export function scoreSurvey(framework: Framework, answers: Iterable<ScoredAnswer>, options: ScoringOptions = {}): SurveyScore {
	const decimals = decimalsOf(options);
	const tallies = new Map<string, { sum: number; nValid: number; nExcluded: number }>();
	const subs = listSurveySubCriteria(framework);
	for (const sub of subs) tallies.set(sub.code, { sum: 0, nValid: 0, nExcluded: 0 });
	for (const answer of answers) {
		const tally = tallies.get(answer.subCriterion);
		if (!tally) continue;
		if (isValidWeight(answer.weight)) {
			tally.sum += answer.weight;
			tally.nValid++;
		} else tally.nExcluded++;
	}

	const fields: FieldScore[] = [];
	for (const field of framework.fields) {
		const scores: SubCriterionScore[] = subs
			.filter((sub) => sub.fieldCode === field.code)
			.map((sub) => {
				const t = tallies.get(sub.code)!;
				return {
					code: sub.code,
					criterionCode: sub.criterionCode,
					maxPoints: sub.maxPoints,
					points: t.nValid === 0 ? null : roundPoints((sub.maxPoints * t.sum) / t.nValid, decimals),
					nValid: t.nValid,
					nExcluded: t.nExcluded,
					weightSum: cleanSum([t.sum])
				};
			});
		if (scores.length === 0) continue;
		fields.push({ code: field.code, ...sumOf(scores, decimals), subCriteria: scores });
	}
	return { ...sumOf(fields, decimals), fields };
}

function sumOf(parts: { code: string; maxPoints: number; points: number | null; missing?: string[] }[], decimals: number | null) {
	const known = parts.filter((p) => p.points !== null);
	const missing = parts.flatMap((p) => (p.missing ? p.missing : p.points === null ? [p.code] : []));
	return {
		maxPoints: cleanSum(parts.map((p) => p.maxPoints)),
		points: known.length === 0 ? null : roundPoints(cleanSum(known.map((p) => p.points as number)), decimals),
		missing
	};
}
