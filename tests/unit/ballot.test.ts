import { describe, expect, it } from 'vitest';
import {
	BALLOT_LIMITS,
	formToSheet,
	sheetKey,
	sheetToForm,
	tallyDelta,
	tallyKeys,
	validateSheet,
	type SheetAnswers,
	type SheetResult
} from '$lib/domain/ballot';
import { DEFAULT_QUESTIONNAIRE, qualityScale, type Question, type Questionnaire } from '$lib/domain/questionnaire';
import type { Message } from '$lib/domain/message';
import { ballotMessages } from '$lib/i18n/ballot';

const ask = (id: string, over: Partial<Question> = {}): Question => ({
	id,
	text: `Câu ${id}`,
	subCriterion: '1.1.1',
	required: true,
	allowComment: false,
	options: qualityScale(),
	...over
});

// Question numbers: x1 = 1, x2 = 2, y1 = 3, y2 = 4, z1 = 5.
const Q: Questionnaire = {
	title: 'Phiếu thử',
	intro: '',
	attestation: 'Tôi tự trả lời.',
	sections: [
		{
			id: 'a',
			title: 'A',
			repeatPerRatedUnit: false,
			questions: [ask('x1', { allowComment: true }), ask('x2', { required: false })]
		},
		{
			id: 'u',
			title: 'U',
			repeatPerRatedUnit: true,
			questions: [ask('y1', { allowComment: true }), ask('y2', { required: false })]
		},
		{ id: 'b', title: 'B', repeatPerRatedUnit: false, questions: [ask('z1')] }
	]
};
const UNITS = ['12', '7'];
const COMPLETE = { x1: 'A', 'y1:12': 'B', 'y1:7': 'C', z1: 'E' };

function errorsOf(result: SheetResult): Message[] {
	if (result.ok) throw new Error('expected the sheet to be refused');
	return result.errors;
}
function sheetOf(result: SheetResult): SheetAnswers {
	if (!result.ok) throw new Error(`expected a valid sheet, got ${JSON.stringify(result.errors)}`);
	return result.sheet;
}
const check = (answers: Record<string, unknown>, comments?: Record<string, unknown>, units = UNITS) =>
	validateSheet(Q, units, comments === undefined ? { answers } : { answers, comments });

describe('validateSheet: accepted sheets', () => {
	it('accepts a complete sheet and rebuilds it in questionnaire order, units in the given order', () => {
		const sheet = sheetOf(check({ z1: 'E', 'y1:7': 'C', x2: 'B', 'y2:12': 'D', 'y1:12': 'B', x1: 'A' }));
		expect(Object.keys(sheet.answers)).toEqual(['x1', 'x2', 'y1:12', 'y2:12', 'y1:7', 'z1']);
		expect(sheet.answers).toEqual({ x1: 'A', x2: 'B', 'y1:12': 'B', 'y2:12': 'D', 'y1:7': 'C', z1: 'E' });
		expect(sheet.comments).toEqual({});
		const reordered = sheetOf(validateSheet(Q, ['7', '12'], { answers: { ...COMPLETE } }));
		expect(Object.keys(reordered.answers)).toEqual(['x1', 'y1:7', 'y1:12', 'z1']);
	});

	it('serialises identical answers identically, whatever order they arrived in', () => {
		const a = sheetOf(check({ ...COMPLETE }, { 'y1:7': 'b', x1: 'a' }));
		const b = sheetOf(check(Object.fromEntries(Object.entries(COMPLETE).reverse()), { x1: 'a', 'y1:7': 'b' }));
		expect(JSON.stringify(a)).toBe(JSON.stringify(b));
		expect(Object.keys(a.comments)).toEqual(['x1', 'y1:7']);
	});

	it('accepts the default questionnaire answered in full, four questions per rated unit', () => {
		const answers: Record<string, string> = {};
		for (const section of DEFAULT_QUESTIONNAIRE.sections)
			for (const unit of section.repeatPerRatedUnit ? ['3', '4'] : [null])
				for (const question of section.questions) answers[sheetKey(question.id, unit)] = question.options[0].id;
		const sheet = sheetOf(validateSheet(DEFAULT_QUESTIONNAIRE, ['3', '4'], { answers }));
		expect(Object.keys(sheet.answers)).toHaveLength(23 + 2 * 4);
		expect(Object.keys(sheet.answers).slice(-8)).toEqual([
			'u5.2.2:3',
			'u5.2.1:3',
			'u5.3.1:3',
			'u5.3.2:3',
			'u5.2.2:4',
			'u5.2.1:4',
			'u5.3.1:4',
			'u5.3.2:4'
		]);
	});

	it('skips repeated sections for a respondent who rates no unit', () => {
		const sheet = sheetOf(check({ x1: 'A', z1: 'B' }, undefined, []));
		expect(sheet.answers).toEqual({ x1: 'A', z1: 'B' });
	});

	it('treats a blank answer as unanswered: fine for an optional question, an error for a required one', () => {
		expect(sheetOf(check({ ...COMPLETE, x2: '' })).answers).not.toHaveProperty('x2');
		expect(errorsOf(check({ ...COMPLETE, x1: '' }))).toEqual([
			{ key: 'ballot.error.required', params: { number: 1, questionId: 'x1' } }
		]);
	});

	it('counts a repeated unit id once', () => {
		const sheet = sheetOf(validateSheet(Q, ['12', '12', '7'], { answers: { ...COMPLETE } }));
		expect(Object.keys(sheet.answers)).toEqual(['x1', 'y1:12', 'y1:7', 'z1']);
	});

	it('does not change the input', () => {
		const input = { answers: { ...COMPLETE }, comments: { x1: '  xin chào ' } };
		const before = JSON.stringify(input);
		sheetOf(validateSheet(Q, UNITS, input));
		expect(JSON.stringify(input)).toBe(before);
	});
});

describe('validateSheet: comments', () => {
	it('normalises comments to NFC, trims them and drops empty ones', () => {
		const sheet = sheetOf(
			check({ ...COMPLETE }, { x1: '  Nguy\u0065\u0302\u0303n tốt\t\n', 'y1:12': '   ', 'y1:7': '' })
		);
		expect(sheet.comments).toEqual({ x1: 'Nguyễn tốt' });
		expect(sheet.comments.x1).toBe(sheet.comments.x1.normalize('NFC'));
	});

	it('keeps line breaks as LF and removes control characters', () => {
		const sheet = sheetOf(check({ ...COMPLETE }, { x1: 'dòng 1\r\ndòng 2\rdòng 3\u0000\u0007' }));
		expect(sheet.comments.x1).toBe('dòng 1\ndòng 2\ndòng 3');
	});

	it('allows a comment without an answer to an optional question', () => {
		const q: Questionnaire = {
			...Q,
			sections: [{ ...Q.sections[0], questions: [ask('x1', { required: false, allowComment: true })] }]
		};
		expect(sheetOf(validateSheet(q, [], { answers: {}, comments: { x1: 'ý kiến' } }))).toEqual({
			answers: {},
			comments: { x1: 'ý kiến' }
		});
	});

	it('accepts exactly the maximum length, counting a CRLF as one character', () => {
		const max = BALLOT_LIMITS.commentChars;
		expect(sheetOf(check({ ...COMPLETE }, { x1: 'ê'.repeat(max) })).comments.x1).toHaveLength(max);
		expect(sheetOf(check({ ...COMPLETE }, { x1: `${'a'.repeat(max - 2)}\r\nb` })).comments.x1).toHaveLength(max);
	});

	it('refuses a comment that is too long', () => {
		expect(errorsOf(check({ ...COMPLETE }, { 'y1:7': 'a'.repeat(BALLOT_LIMITS.commentChars + 1) }))).toEqual([
			{ key: 'ballot.error.commentTooLong', params: { number: 3, questionId: 'y1', max: BALLOT_LIMITS.commentChars } }
		]);
	});

	it('refuses a comment on a question that takes none', () => {
		expect(errorsOf(check({ ...COMPLETE }, { z1: 'không được' }))).toEqual([
			{ key: 'ballot.error.commentNotAllowed', params: { number: 5, questionId: 'z1' } }
		]);
	});

	it('checks comment keys like answer keys', () => {
		expect(errorsOf(check({ ...COMPLETE }, { 'x1:12': 'a', 'y1:99': 'b', nope: 'c' })).map((e) => e.key)).toEqual([
			'ballot.error.unitNotExpected',
			'ballot.error.unitUnknown',
			'ballot.error.questionUnknown'
		]);
	});
});

describe('validateSheet: errors', () => {
	it('refuses anything but {answers, comments?} as malformed', () => {
		const inputs: unknown[] = [
			null,
			undefined,
			'x',
			42,
			[],
			{},
			{ answers: [] },
			{ answers: null },
			{ answers: {}, attest: true },
			{ answers: {}, comments: 'x' },
			{ answers: {}, comments: null },
			{ answers: {}, comments: [] },
			{ answers: new Date(0) },
			{ comments: {} }
		];
		for (const input of inputs)
			expect(validateSheet(Q, UNITS, input), JSON.stringify(input)).toEqual({
				ok: false,
				errors: [{ key: 'ballot.error.malformed' }]
			});
	});

	it('refuses values that are not text', () => {
		expect(errorsOf(check({ ...COMPLETE, x2: 1 })).map((e) => e.key)).toEqual(['ballot.error.notText']);
		expect(errorsOf(check({ ...COMPLETE, x2: ['A'] }))[0]).toEqual({
			key: 'ballot.error.notText',
			params: { name: 'x2' }
		});
		expect(errorsOf(check({ ...COMPLETE }, { x1: null }))).toEqual([
			{ key: 'ballot.error.notText', params: { name: 'x1' } }
		]);
	});

	it('refuses unknown questions, including "__proto__" from JSON', () => {
		expect(errorsOf(check({ ...COMPLETE, q9: 'A' }))).toEqual([
			{ key: 'ballot.error.questionUnknown', params: { name: 'q9' } }
		]);
		const input = JSON.parse(`{"answers": ${JSON.stringify(COMPLETE).replace('{', '{"__proto__": "A",')}}`);
		expect(errorsOf(validateSheet(Q, UNITS, input))).toEqual([
			{ key: 'ballot.error.questionUnknown', params: { name: '__proto__' } }
		]);
		expect(errorsOf(check({ ...COMPLETE, constructor: 'A' }))[0].key).toBe('ballot.error.questionUnknown');
	});

	it('cuts long unknown names in errors', () => {
		const name = (errorsOf(check({ ...COMPLETE, ['q'.repeat(500)]: 'A' }))[0].params as { name: string }).name;
		expect(name.length).toBeLessThan(70);
		expect(name.endsWith('…')).toBe(true);
	});

	it('refuses a unit suffix on a question outside repeated sections', () => {
		expect(errorsOf(check({ ...COMPLETE, 'x2:12': 'A' }))).toEqual([
			{ key: 'ballot.error.unitNotExpected', params: { number: 2, questionId: 'x2' } }
		]);
	});

	it('refuses a repeated question without a unit', () => {
		expect(errorsOf(check({ ...COMPLETE, y2: 'A' }))).toEqual([
			{ key: 'ballot.error.unitMissing', params: { number: 4, questionId: 'y2' } }
		]);
	});

	it('refuses units the respondent does not rate, and unit ids in another spelling', () => {
		expect(errorsOf(check({ ...COMPLETE, 'y2:99': 'A' }))).toEqual([
			{ key: 'ballot.error.unitUnknown', params: { number: 4, questionId: 'y2', unitId: '99' } }
		]);
		expect(errorsOf(check({ ...COMPLETE, 'y2:07': 'A' }))[0].params).toMatchObject({ unitId: '07' });
		expect(errorsOf(check({ ...COMPLETE, 'y2:': 'A' }))[0]).toMatchObject({
			key: 'ballot.error.unitUnknown',
			params: { unitId: '' }
		});
		expect(errorsOf(check({ ...COMPLETE, 'y2:12': 'A' }, undefined, ['7']))[0].key).toBe('ballot.error.unitUnknown');
	});

	it('refuses options the question does not have, case-sensitively', () => {
		expect(errorsOf(check({ ...COMPLETE, x2: 'Z' }))).toEqual([
			{ key: 'ballot.error.optionUnknown', params: { number: 2, questionId: 'x2' } }
		]);
		expect(errorsOf(check({ ...COMPLETE, x1: 'a' })).map((e) => e.key)).toEqual(['ballot.error.optionUnknown']);
		expect(errorsOf(check({ ...COMPLETE, x1: ' A' }))[0].key).toBe('ballot.error.optionUnknown');
	});

	it('requires every required question, once per rated unit', () => {
		expect(errorsOf(check({ x1: 'A', 'y1:7': 'B' }))).toEqual([
			{ key: 'ballot.error.requiredForUnit', params: { number: 3, questionId: 'y1', unitId: '12' } },
			{ key: 'ballot.error.required', params: { number: 5, questionId: 'z1' } }
		]);
		expect(errorsOf(check({})).map((e) => e.key)).toEqual([
			'ballot.error.required',
			'ballot.error.requiredForUnit',
			'ballot.error.requiredForUnit',
			'ballot.error.required'
		]);
	});

	it('numbers questions through the default questionnaire, repeated ones keeping their numbers per unit', () => {
		const errors = errorsOf(validateSheet(DEFAULT_QUESTIONNAIRE, ['5', '6'], { answers: {} }));
		expect(errors.filter((e) => e.key === 'ballot.error.required')).toHaveLength(BALLOT_LIMITS.errors);
		const perUnit = validateSheet(
			{ ...DEFAULT_QUESTIONNAIRE, sections: DEFAULT_QUESTIONNAIRE.sections.slice(-1) },
			['5', '6'],
			{ answers: {} }
		);
		expect(errorsOf(perUnit).map((e) => `${e.params?.number}:${e.params?.unitId}`)).toEqual([
			'1:5',
			'2:5',
			'3:5',
			'4:5',
			'1:6',
			'2:6',
			'3:6',
			'4:6'
		]);
		const withAll = Object.fromEntries(
			DEFAULT_QUESTIONNAIRE.sections.slice(0, -1).flatMap((s) => s.questions.map((q) => [q.id, 'A']))
		);
		const last = errorsOf(validateSheet(DEFAULT_QUESTIONNAIRE, ['5'], { answers: withAll }));
		expect(last.map((e) => e.params?.number)).toEqual([24, 25, 26, 27]);
	});

	it('refuses too many answers or comments before looking at them', () => {
		const answers = Object.fromEntries(Array.from({ length: BALLOT_LIMITS.answers + 1 }, (_, i) => [`k${i}`, 'A']));
		expect(errorsOf(check(answers))).toEqual([
			{ key: 'ballot.error.tooManyAnswers', params: { max: BALLOT_LIMITS.answers } }
		]);
		const comments = Object.fromEntries(Array.from({ length: BALLOT_LIMITS.comments + 1 }, (_, i) => [`k${i}`, 'x']));
		expect(errorsOf(check({ ...COMPLETE }, comments))).toEqual([
			{ key: 'ballot.error.tooManyComments', params: { max: BALLOT_LIMITS.comments } }
		]);
	});

	it('reports the first errors and counts the rest', () => {
		const answers = { ...COMPLETE, ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`bad${i}`, 'A'])) };
		const errors = errorsOf(check(answers));
		expect(errors).toHaveLength(BALLOT_LIMITS.errors + 1);
		expect(errors[0]).toEqual({ key: 'ballot.error.questionUnknown', params: { name: 'bad0' } });
		expect(errors.at(-1)).toEqual({ key: 'ballot.error.more', params: { count: 30 - BALLOT_LIMITS.errors } });
	});
});

describe('tallies', () => {
	const sheet = (answers: Record<string, string>) => sheetOf(check(answers));

	it('lists one tally key per answer, unit "" outside repeated sections', () => {
		expect(tallyKeys(sheet({ ...COMPLETE }))).toEqual([
			{ questionId: 'x1', unitId: '', optionId: 'A' },
			{ questionId: 'y1', unitId: '12', optionId: 'B' },
			{ questionId: 'y1', unitId: '7', optionId: 'C' },
			{ questionId: 'z1', unitId: '', optionId: 'E' }
		]);
	});

	it('gives only net changes when a respondent revises', () => {
		const before = tallyKeys(sheet({ ...COMPLETE, x2: 'A' }));
		const after = tallyKeys(sheet({ ...COMPLETE, 'y1:12': 'D', z1: 'A' }));
		const delta = tallyDelta(before, after);
		expect(delta).toEqual([
			{ key: { questionId: 'x2', unitId: '', optionId: 'A' }, delta: -1 },
			{ key: { questionId: 'y1', unitId: '12', optionId: 'B' }, delta: -1 },
			{ key: { questionId: 'z1', unitId: '', optionId: 'E' }, delta: -1 },
			{ key: { questionId: 'y1', unitId: '12', optionId: 'D' }, delta: 1 },
			{ key: { questionId: 'z1', unitId: '', optionId: 'A' }, delta: 1 }
		]);
		expect(delta.reduce((sum, d) => sum + d.delta, 0)).toBe(after.length - before.length);
	});

	it('gives nothing for an unchanged revision and +1 for each answer of a first submission', () => {
		const keys = tallyKeys(sheet({ ...COMPLETE }));
		expect(tallyDelta(keys, tallyKeys(sheet({ ...COMPLETE })))).toEqual([]);
		expect(tallyDelta([], keys)).toEqual(keys.map((key) => ({ key, delta: 1 })));
	});

	it('keeps keys apart even when their parts could run together', () => {
		const delta = tallyDelta(
			[{ questionId: 'a', unitId: 'b', optionId: 'c' }],
			[{ questionId: 'a', unitId: '', optionId: 'bc' }]
		);
		expect(delta).toHaveLength(2);
	});
});

describe('form fields', () => {
	const sheet: SheetAnswers = { answers: { x1: 'A', 'y1:12': 'B' }, comments: { 'y1:12': 'ý kiến' } };

	it('names fields answer:<key> and comment:<key> and reads them back', () => {
		const entries = sheetToForm(sheet);
		expect(entries).toEqual([
			['answer:x1', 'A'],
			['answer:y1:12', 'B'],
			['comment:y1:12', 'ý kiến']
		]);
		expect(formToSheet(entries)).toEqual(sheet);
	});

	it('reads FormData, ignoring other fields, files and blanks', () => {
		const form = new FormData();
		form.append('attest', 'on');
		form.append('answer:x1', 'A');
		form.append('answer:x2', '');
		form.append('comment:x1', '   ');
		form.append('comment:y1:7', ' giữ nguyên ');
		form.append('answer:z1', new Blob(['A']));
		form.append('answer:', 'A');
		expect(formToSheet(form)).toEqual({ answers: { x1: 'A' }, comments: { 'y1:7': ' giữ nguyên ' } });
	});

	it('keeps the first value of a repeated name, like FormData.get', () => {
		expect(
			formToSheet([
				['answer:x1', 'A'],
				['answer:x1', 'B']
			]).answers
		).toEqual({ x1: 'A' });
	});

	it('turns "__proto__" into an ordinary key that validation then refuses', () => {
		const collected = formToSheet([
			['answer:__proto__', 'A'],
			...sheetToForm({ answers: { ...COMPLETE }, comments: {} })
		]);
		expect(Object.getPrototypeOf(collected.answers)).toBe(Object.prototype);
		expect(Object.keys(collected.answers)).toContain('__proto__');
		expect(errorsOf(validateSheet(Q, UNITS, collected))).toEqual([
			{ key: 'ballot.error.questionUnknown', params: { name: '__proto__' } }
		]);
	});

	it('survives the trip form → validation → form', () => {
		const form = sheetToForm(sheetOf(check({ ...COMPLETE }, { x1: 'tốt' })));
		expect(sheetOf(validateSheet(Q, UNITS, formToSheet(form)))).toEqual({ answers: COMPLETE, comments: { x1: 'tốt' } });
	});
});

describe('ballot messages', () => {
	const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

	it('has both locales with the same keys and placeholders', () => {
		expect(Object.keys(ballotMessages.en).sort()).toEqual(Object.keys(ballotMessages.vi).sort());
		for (const [key, text] of Object.entries(ballotMessages.vi)) {
			expect(placeholders(ballotMessages.en[key as keyof typeof ballotMessages.en]), key).toEqual(placeholders(text));
			expect(text, key).toBe(text.normalize('NFC'));
		}
	});

	it('has a text for every error the validator can give, with the params it passes', () => {
		const results = [
			validateSheet(Q, UNITS, null),
			check({ ...Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`bad${i}`, 'A'])) }),
			check({ x1: 1, 'x2:1': 'A', y1: 'A', 'y2:99': 'A', z1: 'Z' }, { z1: 'x', x1: 'a'.repeat(2000) }),
			check({ ...COMPLETE, 'y1:12': '' }),
			check(Object.fromEntries(Array.from({ length: BALLOT_LIMITS.answers + 1 }, (_, i) => [`k${i}`, 'A']))),
			check({}, Object.fromEntries(Array.from({ length: BALLOT_LIMITS.comments + 1 }, (_, i) => [`k${i}`, 'x'])))
		];
		const errors = results.flatMap(errorsOf);
		const seen = new Set(errors.map((e) => e.key));
		expect([...seen].sort()).toEqual(Object.keys(ballotMessages.vi).sort());
		for (const error of errors) {
			const text = (ballotMessages.vi as Record<string, string>)[error.key];
			expect(
				placeholders(text).every((p) => error.params && p in error.params),
				error.key
			).toBe(true);
		}
	});
});
