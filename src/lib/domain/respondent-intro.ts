// What the respondent's first page says before any code is sent: how long the questionnaire takes and
// until when it can be answered. Pure, so the estimate and the date format are unit-tested.
import type { Questionnaire } from './questionnaire-model';

/** Roughly how long one answer takes on a phone (reading the question and picking an option). */
export const SECONDS_PER_ANSWER = 20;

/** The answers a respondent gives: each question once, or once per rated unit in a repeated section. */
export function countAnswers(questionnaire: Questionnaire, ratedUnits: number): number {
	return questionnaire.sections.reduce(
		(sum, s) => sum + s.questions.length * (s.repeatPerRatedUnit ? Math.max(1, ratedUnits) : 1),
		0
	);
}

/** An honest round figure: whole minutes, at least 2, rounded up to 5 past 10 minutes. */
export function estimateMinutes(answers: number): number {
	const minutes = Math.ceil((answers * SECONDS_PER_ANSWER) / 60);
	if (minutes <= 2) return 2;
	return minutes <= 10 ? minutes : Math.ceil(minutes / 5) * 5;
}
