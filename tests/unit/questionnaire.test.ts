import { describe, expect, it } from 'vitest';
import {
	DEFAULT_FRAMEWORK,
	EditError,
	listSurveySubCriteria,
	setSurveyScored,
	type Framework
} from '$lib/domain/framework';
import {
	ATTESTATION_TEXT,
	DEFAULT_QUESTIONNAIRE,
	SCALE_LABEL_KEYS,
	SCALE_PRESETS,
	addQuestion,
	addSection,
	checkQuestionnaire,
	exportQuestionnaire,
	fillUnit,
	frequencyScale,
	importQuestionnaire,
	moveQuestion,
	moveSection,
	parseQuestionnaire,
	qualityScale,
	removeQuestion,
	removeSection,
	satisfactionScale,
	scaleOptions,
	setQuestionScale,
	updateOption,
	updateQuestion,
	updateSection,
	type Questionnaire
} from '$lib/domain/questionnaire';
import { frameworkMessages } from '$lib/i18n/framework';

const copy = (): Questionnaire => structuredClone(DEFAULT_QUESTIONNAIRE) as Questionnaire;
const check = (q: Questionnaire, f: Framework = DEFAULT_FRAMEWORK) => checkQuestionnaire(q, f);
const keys = (q: Questionnaire, f?: Framework) => check(q, f).map((p) => p.key);
const questions = (q: Questionnaire) => q.sections.flatMap((s) => s.questions);
const sectionIds = (q: Questionnaire) => q.sections.map((s) => s.id);

describe('scale presets', () => {
	it('Q, F and S carry the reference weights and one "Không biết" without weight', () => {
		expect(qualityScale().map((o) => [o.id, o.label, o.weight, o.dontKnow])).toEqual([
			['A', 'Rất tốt', 1, false],
			['B', 'Tốt', 0.6, false],
			['C', 'Chưa tốt', 0.2, false],
			['D', 'Kém', 0, false],
			['E', 'Không biết', null, true]
		]);
		expect(frequencyScale().map((o) => o.label)).toEqual([
			'Không có',
			'Hiếm khi',
			'Thỉnh thoảng',
			'Thường xuyên',
			'Không biết'
		]);
		expect(frequencyScale().map((o) => o.weight)).toEqual([1, 0.6, 0.2, 0, null]);
		expect(satisfactionScale().map((o) => o.weight)).toEqual([1, 0.75, 0.5, 0.25, 0, null]);
		expect(satisfactionScale()[4].label).toBe('Rất không hài lòng');
	});

	it('returns fresh arrays each time', () => {
		const a = scaleOptions('Q');
		a[0].weight = 0.5;
		expect(scaleOptions('Q')[0].weight).toBe(1);
		expect(SCALE_PRESETS.map((p) => SCALE_LABEL_KEYS[p]).every((k) => k in frameworkMessages.vi)).toBe(true);
	});

	it('fills the rated unit into a question', () => {
		expect(fillUnit('cán bộ, công chức {unit} khi giải quyết', 'Sở Tài chính')).toBe(
			'cán bộ, công chức Sở Tài chính khi giải quyết'
		);
	});
});

describe('default questionnaire', () => {
	it('passes its check against the default framework', () => {
		expect(check(DEFAULT_QUESTIONNAIRE)).toEqual([]);
	});

	it('has one section per field plus a section repeated per rated unit on field-5 items', () => {
		const plain = DEFAULT_QUESTIONNAIRE.sections.filter((s) => !s.repeatPerRatedUnit);
		expect(plain).toHaveLength(8);
		plain.forEach((s, i) =>
			expect(
				s.questions.every((x) => x.subCriterion.startsWith(`${i + 1}.`)),
				s.id
			).toBe(true)
		);
		const repeated = DEFAULT_QUESTIONNAIRE.sections.filter((s) => s.repeatPerRatedUnit);
		expect(repeated).toHaveLength(1);
		expect(repeated[0].questions.length).toBeGreaterThanOrEqual(3);
		for (const x of repeated[0].questions) {
			expect(x.subCriterion.startsWith('5.')).toBe(true);
			expect(x.text).toContain('{unit}');
		}
		expect(
			repeated[0].questions.some((x) =>
				x.text.includes('thái độ, tinh thần trách nhiệm của cán bộ, công chức {unit} khi giải quyết công việc')
			)
		).toBe(true);
	});

	it('covers every survey sub-criterion and weighs field 5 most', () => {
		const covered = new Set(questions(DEFAULT_QUESTIONNAIRE).map((x) => x.subCriterion));
		expect([...covered].sort()).toEqual(
			listSurveySubCriteria(DEFAULT_FRAMEWORK)
				.map((s) => s.code)
				.sort()
		);
		const perField = new Map<string, number>();
		for (const x of questions(DEFAULT_QUESTIONNAIRE))
			perField.set(x.subCriterion[0], (perField.get(x.subCriterion[0]) ?? 0) + 1);
		const most = [...perField].sort((a, b) => b[1] - a[1])[0];
		expect(most[0]).toBe('5');
	});

	it('speaks politely, uses the attestation verbatim and is NFC text', () => {
		expect(DEFAULT_QUESTIONNAIRE.attestation).toBe(
			'Tôi xác nhận tự mình nghiên cứu kỹ lưỡng, thận trọng và đánh giá có trách nhiệm, công tâm, khách quan, sát đúng với thực tế; không giao phiếu cho người khác trả lời thay.'
		);
		expect(ATTESTATION_TEXT).toBe(DEFAULT_QUESTIONNAIRE.attestation);
		for (const x of questions(DEFAULT_QUESTIONNAIRE)) {
			expect(x.text, x.id).toContain('Ông/Bà');
			expect(x.text.trim().endsWith('?'), x.id).toBe(true);
		}
		const json = exportQuestionnaire(DEFAULT_QUESTIONNAIRE);
		expect(json).toBe(json.normalize('NFC'));
	});

	it('uses the F scale for the bad-thing items and S for online services', () => {
		const byId = new Map(questions(DEFAULT_QUESTIONNAIRE).map((x) => [x.id, x]));
		expect(byId.get('q5.3.2')?.options[3].label).toBe('Thường xuyên');
		expect(byId.get('q3.2.1')?.options[0].label).toBe('Không có');
		expect(byId.get('q7.2.1')?.options[0].label).toBe('Rất hài lòng');
	});
});

describe('checkQuestionnaire catches each error', () => {
	it('duplicate section, question and option ids', () => {
		const q = copy();
		q.sections[1].id = q.sections[0].id;
		q.sections[2].questions[1].id = q.sections[2].questions[0].id;
		q.sections[3].questions[0].options[1].id = 'A';
		expect(keys(q)).toEqual([
			'questionnaire.problem.sectionIdDuplicate',
			'questionnaire.problem.questionIdDuplicate',
			'questionnaire.problem.optionIdDuplicate'
		]);
	});

	it('a question mapped to a missing or non-survey sub-criterion', () => {
		const q = copy();
		q.sections[0].questions[0].subCriterion = '9.9.9';
		q.sections[0].questions.push({ ...structuredClone(q.sections[0].questions[1]), id: 'extra', subCriterion: '' });
		expect(check(q)).toEqual([
			{
				key: 'questionnaire.problem.subCriterionUnknown',
				params: { questionId: 'q1.1.1', path: '$.sections[0].questions[0]', code: '9.9.9' }
			},
			{
				key: 'questionnaire.problem.subCriterionMissing',
				params: { questionId: 'extra', path: '$.sections[0].questions[2]' }
			},
			{
				key: 'questionnaire.problem.subCriterionUncovered',
				params: { code: '1.1.1', title: DEFAULT_FRAMEWORK.fields[0].criteria[0].subCriteria[0].title }
			}
		]);
		const f = setSurveyScored(DEFAULT_FRAMEWORK, '8.2.1', false);
		expect(keys(DEFAULT_QUESTIONNAIRE, f)).toEqual(['questionnaire.problem.subCriterionNotSurveyScored']);
	});

	it('a survey sub-criterion no question covers', () => {
		const q = removeQuestion(DEFAULT_QUESTIONNAIRE, 'q7.2.1');
		expect(check(q)).toEqual([
			{
				key: 'questionnaire.problem.subCriterionUncovered',
				params: { code: '7.2.1', title: expect.stringContaining('dịch vụ công trực tuyến') }
			}
		]);
		// The rated-unit section alone keeps 5.2.2 covered.
		expect(check(removeQuestion(DEFAULT_QUESTIONNAIRE, 'q5.2.2'))).toEqual([]);
	});

	it('too few options, several "don\'t know", weights out of range or missing', () => {
		const q = copy();
		const [a, b] = q.sections[4].questions;
		a.options = [a.options[0], a.options[4]];
		b.options[4] = { ...b.options[4], weight: 0 };
		b.options.push({ id: 'F', label: 'Không rõ', weight: null, dontKnow: true });
		q.sections[5].questions[0].options[1].weight = 60;
		q.sections[5].questions[1].options[2].weight = null;
		expect(keys(q)).toEqual([
			'questionnaire.problem.tooFewOptions',
			'questionnaire.problem.dontKnowMultiple',
			'questionnaire.problem.dontKnowWeighted',
			'questionnaire.problem.weightOutOfRange',
			'questionnaire.problem.weightMissing'
		]);
		expect(check(q)[3].params).toEqual({
			questionId: 'q6.1.1',
			optionId: 'B',
			path: '$.sections[5].questions[0].options[1]',
			weight: '60'
		});
	});

	it('negative weights and NaN are out of range', () => {
		const q = copy();
		q.sections[0].questions[0].options[3].weight = -0.1;
		q.sections[0].questions[1].options[3].weight = Number.NaN;
		expect(keys(q)).toEqual(['questionnaire.problem.weightOutOfRange', 'questionnaire.problem.weightOutOfRange']);
	});

	it('empty texts', () => {
		const q = copy();
		q.title = '';
		q.attestation = ' ';
		q.sections[0].title = '';
		q.sections[0].questions[0].text = '  ';
		q.sections[0].questions[0].options[0].label = '';
		expect(keys(q)).toEqual([
			'questionnaire.problem.titleEmpty',
			'questionnaire.problem.attestationEmpty',
			'questionnaire.problem.sectionTitleEmpty',
			'questionnaire.problem.questionTextEmpty',
			'questionnaire.problem.optionLabelEmpty'
		]);
	});

	it('no sections, an empty section, a malformed id, {unit} outside a repeated section', () => {
		expect(keys({ ...copy(), sections: [] })).toContain('questionnaire.problem.noSections');
		const q = addSection(DEFAULT_QUESTIONNAIRE, { title: 'Phần trống' });
		expect(keys(q)).toEqual(['questionnaire.problem.sectionEmpty']);
		const r = copy();
		r.sections[0].questions[0].id = 'câu 1';
		r.sections[0].questions[1].text = 'Ông/Bà đánh giá thế nào về {unit}?';
		expect(keys(r)).toEqual(['questionnaire.problem.idFormat', 'questionnaire.problem.unitPlaceholderOutsideRepeat']);
	});
});

describe('editing helpers', () => {
	it('add, update, move and remove sections without touching the input', () => {
		const before = exportQuestionnaire(DEFAULT_QUESTIONNAIRE);
		let q = addSection(DEFAULT_QUESTIONNAIRE, { title: 'Phần mới', repeatPerRatedUnit: true }, 0);
		expect(q.sections[0]).toEqual({ id: 's10', title: 'Phần mới', repeatPerRatedUnit: true, questions: [] });
		q = updateSection(q, 's10', { title: 'Đánh giá các xã', description: 'Mô tả' });
		expect(q.sections[0].title).toBe('Đánh giá các xã');
		expect(q.sections[0].description).toBe('Mô tả');
		q = moveSection(q, 's10', 99);
		expect(sectionIds(q).at(-1)).toBe('s10');
		q = moveSection(q, 'linh-vuc-5', 0);
		expect(sectionIds(q).slice(0, 2)).toEqual(['linh-vuc-5', 'linh-vuc-1']);
		q = removeSection(q, 's10');
		expect(sectionIds(q)).not.toContain('s10');
		expect(q.sections).toHaveLength(9);
		expect(exportQuestionnaire(DEFAULT_QUESTIONNAIRE)).toBe(before);
		expect(() => addSection(q, { id: 'linh-vuc-1' })).toThrow('questionnaire.edit.idTaken');
	});

	it('add, update, move and remove questions', () => {
		let q = addQuestion(
			DEFAULT_QUESTIONNAIRE,
			'linh-vuc-1',
			{ text: 'Ông/Bà đánh giá thế nào?', subCriterion: '1.1.1' },
			1
		);
		const added = q.sections[0].questions[1];
		expect(added).toMatchObject({ id: 'q28', required: true, allowComment: false, subCriterion: '1.1.1' });
		expect(added.options.map((o) => o.id)).toEqual(['A', 'B', 'C', 'D', 'E']);
		expect(check(q)).toEqual([]);
		q = updateQuestion(q, 'q28', { text: 'Nội dung mới', allowComment: true });
		expect(q.sections[0].questions[1]).toMatchObject({ text: 'Nội dung mới', allowComment: true });
		q = moveQuestion(q, 'q28', 'linh-vuc-1', 0);
		expect(q.sections[0].questions.map((x) => x.id)).toEqual(['q28', 'q1.1.1', 'q1.2.1']);
		q = moveQuestion(q, 'q28', 'linh-vuc-2', 5);
		expect(q.sections[0].questions.map((x) => x.id)).toEqual(['q1.1.1', 'q1.2.1']);
		expect(q.sections[1].questions.map((x) => x.id)).toEqual(['q2.1.1', 'q2.2.1', 'q28']);
		q = removeQuestion(q, 'q28');
		expect(exportQuestionnaire(q)).toBe(exportQuestionnaire(DEFAULT_QUESTIONNAIRE));
	});

	it('sets options from a preset and edits one option', () => {
		let q = setQuestionScale(DEFAULT_QUESTIONNAIRE, 'q1.1.1', 'S');
		expect(q.sections[0].questions[0].options.map((o) => o.weight)).toEqual([1, 0.75, 0.5, 0.25, 0, null]);
		q = updateOption(q, 'q1.1.1', 'B', { label: 'Khá hài lòng', weight: 0.8 });
		expect(q.sections[0].questions[0].options[1]).toEqual({
			id: 'B',
			label: 'Khá hài lòng',
			weight: 0.8,
			dontKnow: false
		});
		expect(DEFAULT_QUESTIONNAIRE.sections[0].questions[0].options).toHaveLength(5);
		expect(check(q)).toEqual([]);
	});

	it('refuses unknown ids with keyed errors', () => {
		const expectKey = (fn: () => unknown, key: string) => {
			let error: unknown;
			try {
				fn();
			} catch (e) {
				error = e;
			}
			expect(error).toBeInstanceOf(EditError);
			expect((error as EditError).key).toBe(key);
		};
		expectKey(() => removeSection(DEFAULT_QUESTIONNAIRE, 'none'), 'questionnaire.edit.sectionUnknown');
		expectKey(() => addQuestion(DEFAULT_QUESTIONNAIRE, 'none'), 'questionnaire.edit.sectionUnknown');
		expectKey(() => moveQuestion(DEFAULT_QUESTIONNAIRE, 'q1.1.1', 'none', 0), 'questionnaire.edit.sectionUnknown');
		expectKey(() => updateQuestion(DEFAULT_QUESTIONNAIRE, 'none', {}), 'questionnaire.edit.questionUnknown');
		expectKey(() => updateOption(DEFAULT_QUESTIONNAIRE, 'q1.1.1', 'Z', {}), 'questionnaire.edit.optionUnknown');
		expectKey(() => addQuestion(DEFAULT_QUESTIONNAIRE, 'linh-vuc-1', { id: 'q5.1.1' }), 'questionnaire.edit.idTaken');
	});
});

describe('questionnaire JSON', () => {
	it('round-trips the default exactly', () => {
		const json = exportQuestionnaire(DEFAULT_QUESTIONNAIRE);
		const back = importQuestionnaire(json);
		expect(back.ok).toBe(true);
		if (!back.ok) return;
		expect(back.value).toEqual(DEFAULT_QUESTIONNAIRE);
		expect(exportQuestionnaire(back.value)).toBe(json);
		expect(Object.keys(JSON.parse(json).sections[0].questions[0])).toEqual([
			'id',
			'text',
			'subCriterion',
			'required',
			'allowComment',
			'options'
		]);
	});

	it('round-trips an unfinished draft from the editor', () => {
		const draft = addQuestion(addSection(DEFAULT_QUESTIONNAIRE, {}), 's10');
		const back = importQuestionnaire(exportQuestionnaire(draft));
		expect(back.ok && back.value).toEqual(draft);
	});

	it('normalises imported text to NFC', () => {
		const data = JSON.parse(exportQuestionnaire(DEFAULT_QUESTIONNAIRE));
		data.attestation = data.attestation.normalize('NFD');
		const r = parseQuestionnaire(data);
		expect(r.ok && r.value.attestation).toBe(ATTESTATION_TEXT);
	});

	it('gives keyed errors with JSON paths for malformed documents', () => {
		const data = JSON.parse(exportQuestionnaire(DEFAULT_QUESTIONNAIRE));
		data.sections[4].questions[2].options[0].weight = '100%';
		data.sections[4].questions[2].options[1].score = 1;
		delete data.sections[8].repeatPerRatedUnit;
		data.sections[0].questions[0].required = 'yes';
		data.sections[1].id = 'phần 2';
		data.intro = 5;
		const r = parseQuestionnaire(data);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual(
			expect.arrayContaining([
				{ key: 'jsonImport.expectedNumber', params: { path: '$.sections[4].questions[2].options[0].weight' } },
				{ key: 'jsonImport.unknownKey', params: { path: '$.sections[4].questions[2].options[1].score' } },
				{ key: 'jsonImport.missing', params: { path: '$.sections[8].repeatPerRatedUnit' } },
				{ key: 'jsonImport.expectedBoolean', params: { path: '$.sections[0].questions[0].required' } },
				{ key: 'jsonImport.idFormat', params: { path: '$.sections[1].id' } },
				{ key: 'jsonImport.expectedText', params: { path: '$.intro' } }
			])
		);
		expect(r.errors).toHaveLength(6);
		expect(importQuestionnaire('[1,')).toEqual({ ok: false, errors: [{ key: 'jsonImport.invalidJson', params: {} }] });
	});

	it('refuses oversized lists', () => {
		const data = JSON.parse(exportQuestionnaire(DEFAULT_QUESTIONNAIRE));
		data.sections[0].questions[0].options = Array.from({ length: 13 }, (_, i) => ({
			id: `O${i}`,
			label: 'x',
			weight: 0,
			dontKnow: false
		}));
		expect(parseQuestionnaire(data)).toEqual({
			ok: false,
			errors: [{ key: 'jsonImport.tooMany', params: { path: '$.sections[0].questions[0].options', max: 12 } }]
		});
	});
});

describe('questionnaire messages', () => {
	it('every problem the check produces has a text whose placeholders it fills', () => {
		const q = copy();
		q.title = '';
		q.sections[1].id = q.sections[0].id;
		q.sections[0].questions[0].subCriterion = '9.9';
		q.sections[2].questions[0].options[1].weight = 2;
		q.sections[3].questions[0].text = '{unit}';
		const problems = check(q);
		expect(problems.length).toBeGreaterThanOrEqual(5);
		for (const p of problems) {
			const text = frameworkMessages.vi[p.key as keyof typeof frameworkMessages.vi];
			expect(text, p.key).toBeDefined();
			const names = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((n) => n !== 'unit');
			for (const name of names) expect(p.params, `${p.key} {${name}}`).toHaveProperty(name);
		}
	});
});
