import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAMEWORK, listSurveySubCriteria, setSurveyScored } from '$lib/domain/framework';
import {
	DEFAULT_QUESTIONNAIRE,
	qualityScale,
	satisfactionScale,
	type Question,
	type Questionnaire
} from '$lib/domain/questionnaire';
import { buildResultTree, type ResultsData, type TallyRow } from '$lib/domain/results';
import { resultsView, type NodeFigures, type Published } from '$lib/domain/results-view';
import {
	answerWeight,
	roundPoints,
	scoreSurvey,
	scoredAnswers,
	subCriterionPoints,
	type ScoredAnswer,
	type SurveyScore
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
		const answers = listSurveySubCriteria(DEFAULT_FRAMEWORK).flatMap((s) =>
			repeat(3, { subCriterion: s.code, weight: 1 })
		);
		const score = scoreSurvey(DEFAULT_FRAMEWORK, answers);
		expect(score.points).toBe(32);
		expect(score.missing).toEqual([]);
		expect(score.fields.map((f) => f.points)).toEqual([3, 3, 4, 3, 8, 3, 4, 4]);
	});

	it('sums rounded sub-criterion points so the published table adds up', () => {
		const answers = ['8.1.1', '8.2.1'].flatMap((code) =>
			[1, 0.6, 0.6].map((weight) => ({ subCriterion: code, weight }))
		);
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
		const choices = [...repeat(4, 'A'), ...repeat(4, 'B'), ...repeat(2, 'C'), 'E'].map((optionId) => ({
			questionId: 'u5.3.2',
			optionId
		}));
		const score = scoreSurvey(DEFAULT_FRAMEWORK, scoredAnswers(DEFAULT_QUESTIONNAIRE, choices));
		expect(score.fields[4].subCriteria.find((s) => s.code === '5.3.2')!.points).toBe(0.68);
		expect(score.points).toBe(0.68);
	});
});

// ---------------------------------------------------------------------------------------------
// Hand-worked cases. Each comment holds the arithmetic the assertion checks.

const at = (score: SurveyScore, code: string) =>
	score.fields.flatMap((f) => f.subCriteria).find((s) => s.code === code)!;
const field = (score: SurveyScore, code: string) => score.fields.find((f) => f.code === code)!;
const criterion = (score: SurveyScore, code: string) =>
	score.fields.flatMap((f) => f.criteria).find((c) => c.code === code)!;
const answersFor = (subCriterion: string, weights: (number | null)[]): ScoredAnswer[] =>
	weights.map((weight) => ({ subCriterion, weight }));

describe('hand cases', () => {
	it('leaves "Không biết", blanks and unknown options out of N_valid and counts them in nExcluded', () => {
		// q5.1.1 (5.1.1, 1 point, scale A 1 · B 0.6 · C 0.2 · D 0 · E Không biết):
		// 3 A + 1 B valid; 2 E, 1 blank, 1 option Z that the question lacks are excluded.
		// N_valid = 4, Σ = 3×1 + 0.6 = 3.6, points = 1 × 3.6 / 4 = 0.9; nExcluded = 4.
		const choices = ['A', 'A', 'A', 'B', 'E', 'E', null, 'Z'].map((optionId) => ({ questionId: 'q5.1.1', optionId }));
		const score = scoreSurvey(DEFAULT_FRAMEWORK, scoredAnswers(DEFAULT_QUESTIONNAIRE, choices));
		expect(at(score, '5.1.1')).toEqual({
			code: '5.1.1',
			criterionCode: '5.1',
			maxPoints: 1,
			points: 0.9,
			nValid: 4,
			nExcluded: 4,
			weightSum: 3.6
		});
		// Without the excluded answers the score is the same: they never count as zero.
		const valid = scoreSurvey(DEFAULT_FRAMEWORK, scoredAnswers(DEFAULT_QUESTIONNAIRE, choices.slice(0, 4)));
		expect(at(valid, '5.1.1')).toMatchObject({ points: 0.9, nValid: 4, nExcluded: 0 });
		// Only excluded answers: unknown (null), still counted as excluded.
		expect(at(scoreSurvey(DEFAULT_FRAMEWORK, answersFor('5.1.2', [null, null])), '5.1.2')).toMatchObject({
			points: null,
			nValid: 0,
			nExcluded: 2
		});
	});

	it('rounds half up at 2 decimals, and to 0, 3 or no decimals when configured', () => {
		// 5.1.1 (1 point): 5 A + 3 D → Σ = 5, N = 8, 5/8 = 0.625 exactly → 0.63 (half up; half-even would give 0.62).
		const fiveEighths = answersFor('5.1.1', [1, 1, 1, 1, 1, 0, 0, 0]);
		expect(at(scoreSurvey(DEFAULT_FRAMEWORK, fiveEighths), '5.1.1').points).toBe(0.63);
		// 1.1.1 (1.5 points): 3 A + 3 B + 2 C → Σ = 3 + 1.8 + 0.4 = 5.2, N = 8, 1.5 × 5.2 / 8 = 0.975.
		const answers = answersFor('1.1.1', [1, 1, 1, 0.6, 0.6, 0.6, 0.2, 0.2]);
		expect(at(scoreSurvey(DEFAULT_FRAMEWORK, answers), '1.1.1').points).toBe(0.98);
		expect(at(scoreSurvey(DEFAULT_FRAMEWORK, answers, { decimals: 3 }), '1.1.1').points).toBe(0.975);
		expect(at(scoreSurvey(DEFAULT_FRAMEWORK, answers, { decimals: 1 }), '1.1.1').points).toBe(1);
		expect(at(scoreSurvey(DEFAULT_FRAMEWORK, answers, { decimals: 0 }), '1.1.1').points).toBe(1);
		expect(at(scoreSurvey(DEFAULT_FRAMEWORK, answers, { decimals: null }), '1.1.1').points).toBeCloseTo(0.975, 12);
		// 1 point, 3 answers A B B: 2.2 / 3 = 0.7333… → 0.73, 0.733, 1 (0 decimals), 0.7333… (none).
		const third = answersFor('5.1.2', [1, 0.6, 0.6]);
		expect(
			[2, 3, 0, null].map((decimals) => at(scoreSurvey(DEFAULT_FRAMEWORK, third, { decimals }), '5.1.2').points)
		).toEqual([0.73, 0.733, 1, 2.2 / 3]);
	});

	it('adds ROUNDED sub-criterion points into criteria and fields, so the published table adds up', () => {
		// 5.1.1: A B B → 2.2/3 = 0.7333 → 0.73;  5.1.2: A B B → 0.73;  5.2.1: B C C → 1.0/3 = 0.3333 → 0.33.
		// Criterion 5.1 = 0.73 + 0.73 = 1.46 (rounding the raw 1.4667 would say 1.47).
		// Field 5 = 1.46 + 0.33 = 1.79 (raw 1.4667 + 0.3333 = 1.80). Total = 1.79.
		const answers = [
			...answersFor('5.1.1', [1, 0.6, 0.6]),
			...answersFor('5.1.2', [1, 0.6, 0.6]),
			...answersFor('5.2.1', [0.6, 0.2, 0.2])
		];
		const score = scoreSurvey(DEFAULT_FRAMEWORK, answers);
		expect(criterion(score, '5.1').points).toBe(1.46);
		expect(criterion(score, '5.2')).toMatchObject({ points: 0.33, maxPoints: 2, missing: ['5.2.2'] });
		expect(field(score, '5').points).toBe(1.79);
		expect(score.points).toBe(1.79);
		// 3 decimals: 0.733 + 0.733 = 1.466; + 0.333 = 1.799. 0 decimals: 1 + 1 = 2; + 0 = 2.
		const three = scoreSurvey(DEFAULT_FRAMEWORK, answers, { decimals: 3 });
		expect([criterion(three, '5.1').points, field(three, '5').points]).toEqual([1.466, 1.799]);
		const none = scoreSurvey(DEFAULT_FRAMEWORK, answers, { decimals: 0 });
		expect([criterion(none, '5.1').points, field(none, '5').points, none.points]).toEqual([2, 2, 2]);
		// No rounding: the raw sums, 4.4/3 and 1.8 (sums drop float noise at 9 decimals, see cleanSum).
		const raw = scoreSurvey(DEFAULT_FRAMEWORK, answers, { decimals: null });
		expect(criterion(raw, '5.1').points).toBeCloseTo(4.4 / 3, 8);
		expect(field(raw, '5').points).toBeCloseTo(1.8, 8);
	});

	it('sums sub-criteria → criteria → fields → total, leaving missing sub-criteria out and listing them', () => {
		// Field 3: 3.1.1 (1.5) A B → 1.5 × 1.6/2 = 1.2;  3.2.1 (1.5) only Không biết → null, missing;
		//          3.2.2 (1) C C → 0.2.  Criterion 3.1 = 1.2 (max 1.5); 3.2 = 0.2 (max 2.5, missing 3.2.1).
		//          Field 3 = 1.4 (max 4).
		// Field 1: 1.1.1 (1.5) B → 0.9;  1.2.1 no answer → criterion 1.2 is null (not 0). Field 1 = 0.9 (max 3).
		// Total = 1.4 + 0.9 = 2.3 of 32; every other sub-criterion is missing.
		const answers = [
			...answersFor('3.1.1', [1, 0.6]),
			...answersFor('3.2.1', [null]),
			...answersFor('3.2.2', [0.2, 0.2]),
			...answersFor('1.1.1', [0.6])
		];
		const score = scoreSurvey(DEFAULT_FRAMEWORK, answers);
		expect(criterion(score, '3.1')).toMatchObject({ points: 1.2, maxPoints: 1.5, missing: [] });
		expect(criterion(score, '3.2')).toMatchObject({ points: 0.2, maxPoints: 2.5, missing: ['3.2.1'] });
		expect(field(score, '3')).toMatchObject({ points: 1.4, maxPoints: 4, missing: ['3.2.1'] });
		expect(criterion(score, '1.2')).toMatchObject({ points: null, maxPoints: 1.5, missing: ['1.2.1'] });
		expect(field(score, '1')).toMatchObject({ points: 0.9, maxPoints: 3, missing: ['1.2.1'] });
		expect(field(score, '2')).toMatchObject({ points: null, missing: ['2.1.1', '2.2.1'] });
		expect(score.points).toBe(2.3);
		expect(score.maxPoints).toBe(32);
		const scored = new Set(['3.1.1', '3.2.2', '1.1.1']);
		expect(score.missing).toEqual(
			listSurveySubCriteria(DEFAULT_FRAMEWORK)
				.map((s) => s.code)
				.filter((c) => !scored.has(c))
		);
	});

	it('scores the five-level satisfaction scale 1 / 0.75 / 0.5 / 0.25 / 0', () => {
		// q7.2.1 (7.2.1, 2 points, scale A 1 · B 0.75 · C 0.5 · D 0.25 · E 0 · F Không biết):
		// 2 A + 3 B + 1 C + 1 D + 1 E valid, 1 F excluded. Σ = 2 + 2.25 + 0.5 + 0.25 + 0 = 5, N = 8,
		// points = 2 × 5 / 8 = 1.25.
		const choices = ['A', 'A', 'B', 'B', 'B', 'C', 'D', 'E', 'F'].map((optionId) => ({
			questionId: 'q7.2.1',
			optionId
		}));
		const score = scoreSurvey(DEFAULT_FRAMEWORK, scoredAnswers(DEFAULT_QUESTIONNAIRE, choices));
		expect(at(score, '7.2.1')).toMatchObject({ points: 1.25, nValid: 8, nExcluded: 1, weightSum: 5 });
		expect(field(score, '7').points).toBe(1.25);
	});
});

// ---------------------------------------------------------------------------------------------
// The same arithmetic from the per-cell tallies, through the results tree and view.

const ask = (id: string, subCriterion: string, options: Question['options']): Question => ({
	id,
	text: `Câu ${id}`,
	subCriterion,
	required: true,
	allowComment: false,
	options
});
const oneQuestion = (question: Question): Questionnaire => ({
	...DEFAULT_QUESTIONNAIRE,
	sections: [{ id: 's', title: 'Phần', repeatPerRatedUnit: false, questions: [question] }]
});
const tallies = (cellId: number, questionId: string, counts: Record<string, number>, unitKey = ''): TallyRow[] =>
	Object.entries(counts).map(([optionId, count]) => ({ cellId, questionId, unitKey, optionId, count }));
const pointsOf = (figures: Published<NodeFigures>, code: string) =>
	figures.shown ? at(figures.score, code).points : 'hidden';

describe('scores from tallies', () => {
	it('pools two groups answering different questionnaires on one sub-criterion (who rates whom)', () => {
		// Commune leaders (G1) answer a5.2.2 on the quality scale (A 1 · B 0.6 · C 0.2 · D 0 · E Không biết):
		//   2 A + 1 C → Σ = 2.2, N = 3 → 0.7333 → 0.73.
		// Citizens (G2) answer b5.2.2 on the satisfaction scale (A 1 · B 0.75 · C 0.5 · D 0.25 · E 0 · F Không biết):
		//   1 B + 1 D + 1 F → Σ = 0.75 + 0.25 = 1.0, N = 2 → 0.5.
		// Together the answers are pooled, not the group scores averaged: Σ = 3.2, N = 5 → 0.64 (the mean would be 0.62).
		const groups = [
			{ id: 101, code: 'G1', name: 'Lãnh đạo xã' },
			{ id: 102, code: 'G2', name: 'Người dân' }
		];
		const data: ResultsData = {
			k: 3,
			framework: DEFAULT_FRAMEWORK,
			questionnaires: new Map([
				[101, oneQuestion(ask('a5.2.2', '5.2.2', qualityScale()))],
				[102, oneQuestion(ask('b5.2.2', '5.2.2', satisfactionScale()))]
			]),
			groups,
			units: [
				{ id: 1, parentId: null, code: 'P', name: 'Tỉnh' },
				{ id: 11, parentId: 1, code: 'X1', name: 'Xã 1' },
				{ id: 12, parentId: 1, code: 'X2', name: 'Xã 2' }
			],
			rootUnitId: null,
			cells: [
				{ id: 1, groupId: 101, unitId: 11, sheets: 3 },
				{ id: 2, groupId: 102, unitId: 12, sheets: 3 }
			],
			ratedBy: new Map(),
			tallies: [...tallies(1, 'a5.2.2', { A: 2, C: 1 }), ...tallies(2, 'b5.2.2', { B: 1, D: 1, F: 1 })]
		};
		const result = resultsView(buildResultTree(data), { unitId: null, groupId: null }, null);
		if (!result.ok) throw new Error(result.error);
		const { view } = result;
		expect(view.total.shown && at(view.total.score, '5.2.2')).toMatchObject({
			points: 0.64,
			nValid: 5,
			nExcluded: 1,
			weightSum: 3.2
		});
		expect(view.byGroup.map((row) => [row.code, pointsOf(row.figures, '5.2.2')])).toEqual([
			['G1', 0.73],
			['G2', 0.5]
		]);
		expect(view.byUnit.map((row) => [row.code, pointsOf(row.figures, '5.2.2')])).toEqual([
			['X1', 0.73],
			['X2', 0.5]
		]);
		// The tally path equals scoring the single answers.
		const single = scoreSurvey(DEFAULT_FRAMEWORK, [
			...answersFor('5.2.2', [1, 1, 0.2]),
			...answersFor('5.2.2', [0.75, 0.25, null])
		]);
		expect(view.total.shown && view.total.score).toEqual(single);
	});

	it('scores each rated unit from the answers about it, and ranks them', () => {
		// Six department leaders (one cell, k = 5) rate two communes in the repeated section, u5.2.2 (5.2.2, 1 point):
		//   X: 3 A + 2 B + 1 Không biết → (3×1 + 2×0.6) / 5 = 4.2 / 5 = 0.84.
		//   Y: 1 A + 1 B + 2 C + 1 D + 1 Không biết → (1 + 0.6 + 0.4 + 0) / 5 = 0.4.
		// The group's own 5.2.2 pools both: Σ = 6.2, N = 10 → 0.62.
		const data: ResultsData = {
			k: 5,
			framework: DEFAULT_FRAMEWORK,
			questionnaires: new Map([[7, DEFAULT_QUESTIONNAIRE]]),
			groups: [{ id: 7, code: 'LDS', name: 'Lãnh đạo sở' }],
			units: [
				{ id: 1, parentId: null, code: 'P', name: 'Tỉnh' },
				{ id: 31, parentId: 1, code: 'X', name: 'Xã X' },
				{ id: 32, parentId: 1, code: 'Y', name: 'Xã Y' }
			],
			rootUnitId: null,
			cells: [{ id: 1, groupId: 7, unitId: 1, sheets: 6 }],
			ratedBy: new Map([
				[32, [7]],
				[31, [7]]
			]),
			tallies: [
				...tallies(1, 'u5.2.2', { A: 3, B: 2, E: 1 }, '31'),
				...tallies(1, 'u5.2.2', { A: 1, B: 1, C: 2, D: 1, E: 1 }, '32')
			]
		};
		const result = resultsView(buildResultTree(data), { unitId: null, groupId: null }, null);
		if (!result.ok) throw new Error(result.error);
		const { view } = result;
		expect(
			view.ratedUnits.map((row) => [row.code, row.figures.shown && row.figures.sheets, pointsOf(row.figures, '5.2.2')])
		).toEqual([
			['X', 6, 0.84],
			['Y', 6, 0.4]
		]);
		expect(view.ratedUnits[0].figures.shown && view.ratedUnits[0].figures.score.points).toBe(0.84);
		expect(view.ratedUnits[0].figures.shown && at(view.ratedUnits[0].figures.score, '5.2.2')).toMatchObject({
			nValid: 5,
			nExcluded: 1
		});
		expect(pointsOf(view.total, '5.2.2')).toBe(0.62);
	});
});
