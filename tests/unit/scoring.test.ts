import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAMEWORK, listSurveySubCriteria, setSurveyScored } from '$lib/domain/framework';
import { DEFAULT_QUESTIONNAIRE } from '$lib/domain/questionnaire';
import {
	answerWeight,
	roundPoints,
	scoreSurvey,
	scoredAnswers,
	subCriterionPoints,
	type ScoredAnswer
} from '$lib/domain/scoring';

const repeat = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);
const example = [...repeat(4, 1), ...repeat(4, 0.6), ...repeat(2, 0.2)];

describe('subCriterionPoints', () => {
	it('reproduces the worked example: 1.0 point, 4 A + 4 B + 2 C → 0.68', () => {
		expect(subCriterionPoints(1, example)).toBe(0.68);
		expect(subCriterionPoints(1, example, { decimals: null })).toBeCloseTo(0.68, 12);
	});

	it('leaves "don\'t know" and blanks out of the denominator', () => {
		expect(subCriterionPoints(1, [...example, null, null, undefined])).toBe(0.68);
		expect(subCriterionPoints(2, [1, null, 0])).toBe(1);
	});

	it('returns null, not 0, without a valid answer; 0 when every valid answer weighs 0', () => {
		expect(subCriterionPoints(1, [])).toBeNull();
		expect(subCriterionPoints(1, [null, undefined, null])).toBeNull();
		expect(subCriterionPoints(1, [0, 0])).toBe(0);
	});

	it('rounds to the configured decimals, half up', () => {
		expect(subCriterionPoints(1, [1, 0.6, 0.6])).toBe(0.73);
		expect(subCriterionPoints(1, [1, 0.6, 0.6], { decimals: 3 })).toBe(0.733);
		expect(subCriterionPoints(1, [1, 0.6, 0.6], { decimals: 0 })).toBe(1);
		expect(roundPoints(1.005, 2)).toBe(1.01);
		expect(roundPoints(0.125, 2)).toBe(0.13);
		expect(roundPoints(2.675, 2)).toBe(2.68);
		expect(roundPoints(1 / 3, null)).toBe(1 / 3);
		expect(() => subCriterionPoints(1, [1], { decimals: 1.5 })).toThrow(RangeError);
		expect(() => subCriterionPoints(1, [1], { decimals: -1 })).toThrow(RangeError);
	});
});

describe('answers to weights', () => {
	const q5 = DEFAULT_QUESTIONNAIRE.sections[4].questions[0];

	it('reads the chosen option weight; "Không biết", blanks and unknown options give null', () => {
		expect(answerWeight(q5, 'A')).toBe(1);
		expect(answerWeight(q5, 'B')).toBe(0.6);
		expect(answerWeight(q5, 'D')).toBe(0);
		expect(answerWeight(q5, 'E')).toBeNull();
		expect(answerWeight(q5, null)).toBeNull();
		expect(answerWeight(q5, 'Z')).toBeNull();
	});

	it('maps choices to sub-criteria, the rated-unit section included, ignoring unknown questions', () => {
		expect(
			scoredAnswers(DEFAULT_QUESTIONNAIRE, [
				{ questionId: 'q5.2.2', optionId: 'A' },
				{ questionId: 'u5.2.2', optionId: 'C' },
				{ questionId: 'q7.2.1', optionId: 'B' },
				{ questionId: 'q7.2.1', optionId: 'F' },
				{ questionId: 'nope', optionId: 'A' }
			])
		).toEqual([
			{ subCriterion: '5.2.2', weight: 1 },
			{ subCriterion: '5.2.2', weight: 0.2 },
			{ subCriterion: '7.2.1', weight: 0.75 },
			{ subCriterion: '7.2.1', weight: null }
		]);
	});
});

describe('scoreSurvey', () => {
	it('scores the worked example inside a field and rolls fields up to a total', () => {
		const answers: ScoredAnswer[] = [
			...example.map((weight) => ({ subCriterion: '5.1.1', weight })),
			{ subCriterion: '5.1.1', weight: null },
			{ subCriterion: '5.1.2', weight: 1 },
			{ subCriterion: '1.1.1', weight: 0.6 }
		];
		const score = scoreSurvey(DEFAULT_FRAMEWORK, answers);
		const field5 = score.fields.find((f) => f.code === '5')!;
		expect(field5.subCriteria[0]).toEqual({
			code: '5.1.1',
			criterionCode: '5.1',
			maxPoints: 1,
			points: 0.68,
			nValid: 10,
			nExcluded: 1,
			weightSum: 6.8
		});
		expect(field5.points).toBe(1.68);
		expect(field5.maxPoints).toBe(8);
		expect(field5.missing).toEqual(['5.2.1', '5.2.2', '5.3.1', '5.3.2', '5.4.1', '5.4.2']);
		expect(score.fields.find((f) => f.code === '1')!.points).toBe(0.9);
		expect(score.points).toBe(2.58);
		expect(score.maxPoints).toBe(32);
		expect(score.missing).toHaveLength(23 - 3);
	});

	it('gives null (not 0) for a field and a total without valid answers', () => {
		const score = scoreSurvey(DEFAULT_FRAMEWORK, [{ subCriterion: '2.1.1', weight: null }]);
		expect(score.points).toBeNull();
		expect(score.fields.every((f) => f.points === null)).toBe(true);
		expect(score.fields[1].subCriteria[0]).toMatchObject({ points: null, nValid: 0, nExcluded: 1 });
		expect(score.missing).toEqual(listSurveySubCriteria(DEFAULT_FRAMEWORK).map((s) => s.code));
	});

	it('awards the full 32 points when everyone answers the best option', () => {
		const answers = listSurveySubCriteria(DEFAULT_FRAMEWORK).flatMap((s) => repeat(3, { subCriterion: s.code, weight: 1 }));
		const score = scoreSurvey(DEFAULT_FRAMEWORK, answers);
		expect(score.points).toBe(32);
		expect(score.missing).toEqual([]);
		expect(score.fields.map((f) => f.points)).toEqual([3, 3, 4, 3, 8, 3, 4, 4]);
	});

	it('sums rounded sub-criterion points so the published table adds up', () => {
		const answers = ['8.1.1', '8.2.1'].flatMap((code) => [1, 0.6, 0.6].map((weight) => ({ subCriterion: code, weight })));
		const two = scoreSurvey(DEFAULT_FRAMEWORK, answers);
		expect(two.fields[7].subCriteria.map((s) => s.points)).toEqual([1.47, 1.47]);
		expect(two.fields[7].points).toBe(2.94);
		const raw = scoreSurvey(DEFAULT_FRAMEWORK, answers, { decimals: null });
		expect(raw.fields[7].points).toBeCloseTo(2.9333333333, 8);
	});

	it('ignores answers for codes that are not survey-scored sub-criteria', () => {
		const f = setSurveyScored(DEFAULT_FRAMEWORK, '7.2.1', false);
		const score = scoreSurvey(f, [
			{ subCriterion: '7.2.1', weight: 1 },
			{ subCriterion: '7', weight: 1 },
			{ subCriterion: '7.1.1', weight: 0.2 }
		]);
		const field7 = score.fields.find((x) => x.code === '7')!;
		expect(field7.subCriteria.map((s) => s.code)).toEqual(['7.1.1']);
		expect(field7.maxPoints).toBe(2);
		expect(score.points).toBe(0.4);
	});

	it('leaves out a field with no survey-scored sub-criterion', () => {
		let f = DEFAULT_FRAMEWORK;
		for (const code of ['6.1.1', '6.2.1']) f = setSurveyScored(f, code, false);
		expect(scoreSurvey(f, []).fields.map((x) => x.code)).toEqual(['1', '2', '3', '4', '5', '7', '8']);
	});

	it('scores end to end from the default questionnaire', () => {
		const choices = [
			...repeat(4, 'A'),
			...repeat(4, 'B'),
			...repeat(2, 'C'),
			'E'
		].map((optionId) => ({ questionId: 'u5.3.2', optionId }));
		const score = scoreSurvey(DEFAULT_FRAMEWORK, scoredAnswers(DEFAULT_QUESTIONNAIRE, choices));
		expect(score.fields[4].subCriteria.find((s) => s.code === '5.3.2')!.points).toBe(0.68);
		expect(score.points).toBe(0.68);
	});
});
