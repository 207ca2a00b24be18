import { describe, expect, it } from 'vitest';
import { checkPage, findGaps, gapNumbers } from '$lib/components/questionnaire/page-check';
import { buildPages } from '$lib/components/questionnaire/pages';
import { validateSheet } from '$lib/domain/ballot';
import type { Question, Questionnaire } from '$lib/domain/questionnaire';

const question = (id: string, required = true): Question => ({
	id,
	text: `Câu hỏi ${id} về {unit}`,
	subCriterion: '1.1',
	required,
	allowComment: true,
	options: [
		{ id: 'A', label: 'Tốt', weight: 1, dontKnow: false },
		{ id: 'B', label: 'Không biết', weight: null, dontKnow: true }
	]
});

// Pages: 0 intro, 1 "a" (Q1–Q3), 2 "b" for unit 7, 3 "b" for unit 9 (Q4–Q5), 4 the end.
const Q: Questionnaire = {
	title: 'Phiếu',
	intro: '',
	attestation: 'Cam đoan',
	sections: [
		{
			id: 'a',
			title: 'Phần A',
			repeatPerRatedUnit: false,
			questions: [question('x1'), question('x2', false), question('x3')]
		},
		{ id: 'b', title: 'Phần B: {unit}', repeatPerRatedUnit: true, questions: [question('y1'), question('y2')] }
	]
};
const UNITS = [
	{ id: 7, name: 'Sở Nội vụ' },
	{ id: 9, name: 'Sở Tư pháp' }
];
const pages = buildPages(Q, UNITS);
const sheet = (answers: Record<string, string>, comments: Record<string, string> = {}) => ({ answers, comments });

describe('checkPage: what one page still lacks', () => {
	it('names each unanswered required question of the page, numbered through the questionnaire', () => {
		expect(checkPage(Q, pages[1], sheet({ x2: 'A' }))).toEqual([
			{
				field: 'answer:x1',
				questionId: 'x1',
				number: 1,
				message: { key: 'ballot.error.required', params: { number: 1, questionId: 'x1' } }
			},
			{
				field: 'answer:x3',
				questionId: 'x3',
				number: 3,
				message: { key: 'ballot.error.required', params: { number: 3, questionId: 'x3' } }
			}
		]);
	});

	it('passes a page whose required questions are answered, whatever the other pages lack', () => {
		expect(checkPage(Q, pages[1], sheet({ x1: 'A', x3: 'B' }))).toEqual([]);
		expect(checkPage(Q, pages[0], sheet({}))).toEqual([]);
		expect(checkPage(Q, pages[4], sheet({}))).toEqual([]);
	});

	it('checks a repeated page for its own unit only, naming the unit rather than its id', () => {
		const problems = checkPage(Q, pages[3], sheet({ 'y1:7': 'A', 'y2:7': 'A', 'y1:9': 'A' }));
		expect(problems).toEqual([
			{
				field: 'answer:y2:9',
				questionId: 'y2',
				number: 5,
				message: { key: 'ballot.error.requiredForUnit', params: { number: 5, questionId: 'y2', unitId: 'Sở Tư pháp' } }
			}
		]);
		expect(checkPage(Q, pages[2], sheet({ 'y1:7': 'A', 'y2:7': 'A' }))).toEqual([]);
	});

	it('reports the ballot’s other refusals too (an option that does not exist, an overlong comment)', () => {
		const keys = checkPage(Q, pages[1], sheet({ x1: 'Z', x3: 'A' }, { x3: 'x'.repeat(1001) })).map((p) => [
			p.field,
			p.message.key
		]);
		expect(keys).toEqual([
			['answer:x1', 'ballot.error.optionUnknown'],
			['answer:x3', 'ballot.error.commentTooLong']
		]);
	});

	it('lists every unanswered question of a long page, beyond the ballot’s cap on listed errors', () => {
		const many = Array.from({ length: 30 }, (_, i) => question(`m${i}`));
		const long: Questionnaire = {
			...Q,
			sections: [{ id: 'm', title: 'Dài', repeatPerRatedUnit: false, questions: many }]
		};
		expect(validateSheet(long, [], sheet({})).ok).toBe(false);
		expect(checkPage(long, buildPages(long, [])[1], sheet({}))).toHaveLength(30);
	});
});

describe('findGaps: the final summary, by page', () => {
	it('lists the pages with problems in page order, with their question numbers', () => {
		const gaps = findGaps(Q, UNITS, sheet({ x1: 'A', 'y1:7': 'A', 'y2:7': 'A' }));
		expect(gaps.map((g) => [g.index, g.page.section.id, g.page.unit?.name ?? null, gapNumbers(g)])).toEqual([
			[1, 'a', null, '3'],
			[3, 'b', 'Sở Tư pháp', '4, 5']
		]);
	});

	it('is empty exactly when the whole sheet passes the ballot’s validation', () => {
		const full = sheet({ x1: 'A', x3: 'A', 'y1:7': 'A', 'y2:7': 'B', 'y1:9': 'A', 'y2:9': 'A' });
		expect(findGaps(Q, UNITS, full)).toEqual([]);
		expect(validateSheet(Q, ['7', '9'], full).ok).toBe(true);
		const partial = sheet({ ...full.answers, 'y2:9': '' });
		expect(findGaps(Q, UNITS, partial)).toHaveLength(1);
		expect(validateSheet(Q, ['7', '9'], partial).ok).toBe(false);
	});
});
