import { describe, expect, it } from 'vitest';
import { countAnswers, estimateMinutes } from '$lib/domain/respondent-intro';
import type { Questionnaire, Section } from '$lib/domain/questionnaire-model';

const section = (n: number, repeat: boolean): Section => ({
	id: `s${n}${repeat}`,
	title: 'S',
	repeatPerRatedUnit: repeat,
	questions: Array.from({ length: n }, (_, i) => ({
		id: `q${i}`,
		text: 'Q',
		subCriterion: '1.1.1',
		required: true,
		allowComment: false,
		options: []
	}))
});
const questionnaire = (...sections: Section[]): Questionnaire => ({ title: 'T', intro: '', attestation: '', sections });

describe('respondent intro', () => {
	it('counts repeated sections once per rated unit', () => {
		expect(countAnswers(questionnaire(section(10, false), section(3, true)), 4)).toBe(22);
		expect(countAnswers(questionnaire(section(3, true)), 0)).toBe(3);
	});
	it('estimates whole minutes, at least 2, in fives past 10', () => {
		expect(estimateMinutes(0)).toBe(2);
		expect(estimateMinutes(20)).toBe(7);
		expect(estimateMinutes(40)).toBe(15);
		expect(estimateMinutes(31)).toBe(15);
	});
});
