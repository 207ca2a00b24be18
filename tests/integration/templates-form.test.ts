// The pure parts of the templates area: the points form (shared by browser and server), the
// questionnaire editor's helpers, paging and the server-rendered respondent view, and JSON files.
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAMEWORK, checkFramework, type Framework } from '$lib/domain/framework';
import {
	DEFAULT_QUESTIONNAIRE,
	checkQuestionnaire,
	scaleOptions,
	updateOption,
	type Questionnaire
} from '$lib/domain/questionnaire';
import { translator } from '$lib/i18n';
import { templatesMessages } from '$lib/i18n/templates';
import {
	applyPointsValues,
	editableNodes,
	formatPoints,
	parsePoints,
	readPointsForm,
	valuesFromFramework
} from '$lib/components/questionnaire/points-form';
import { answerName, buildPages, pageOfSection, questionNumbers, withKeys } from '$lib/components/questionnaire/pages';
import QuestionnaireView from '$lib/components/questionnaire/QuestionnaireView.svelte';
import {
	forEditor,
	formatPercent,
	parsePercent,
	presetOf,
	problemTarget
} from '../../src/routes/(staff)/templates/questionnaire/[id=id]/editor';
import {
	chooseDocumentName,
	downloadName,
	parseDocumentId,
	readDocumentName,
	readJsonUpload,
	readUploadForm,
	UPLOAD_MAX_BYTES
} from '$lib/server/templates/json-files';
import { problemText } from '$lib/components/questionnaire/problem-text';

const fresh = (): Framework => structuredClone(DEFAULT_FRAMEWORK);

function postedForm(f: Framework, changes: Record<string, string | null>): FormData {
	const form = new FormData();
	const values = valuesFromFramework(f, 'vi');
	for (const [code, text] of Object.entries(values.points)) form.set(`points.${code}`, text);
	for (const [code, on] of Object.entries(values.scored)) if (on) form.set(`scored.${code}`, 'on');
	form.set('surveyPoints', values.surveyPoints);
	for (const [name, value] of Object.entries(changes)) {
		if (value === null) form.delete(name);
		else form.set(name, value);
	}
	return form;
}

describe('points form', () => {
	it('reads Vietnamese and English decimals and refuses everything else with a precise key', () => {
		expect(parsePoints('1,5')).toEqual({ ok: true, value: 1.5 });
		expect(parsePoints(' 1.25 ')).toEqual({ ok: true, value: 1.25 });
		expect(parsePoints('2')).toEqual({ ok: true, value: 2 });
		expect(parsePoints('1.500')).toEqual({ ok: true, value: 1.5 });
		expect(parsePoints('-0')).toEqual({ ok: true, value: 0 });
		expect(parsePoints('')).toEqual({ ok: false, key: 'templates.error.pointsRequired' });
		for (const bad of ['abc', '1,2,3', '1.2.3', '1e3', 'Infinity', '0x10', '1 5', '１'])
			expect(parsePoints(bad), bad).toEqual({ ok: false, key: 'templates.error.pointsNotNumber' });
		expect(parsePoints('-1')).toEqual({ ok: false, key: 'templates.error.pointsNegative' });
		expect(parsePoints('−0,5')).toEqual({ ok: false, key: 'templates.error.pointsNegative' });
		expect(parsePoints('0,125')).toEqual({ ok: false, key: 'templates.error.pointsTooPrecise' });
		expect(parsePoints('100.01')).toEqual({ ok: false, key: 'templates.error.pointsTooLarge' });
		expect(parsePoints('100')).toEqual({ ok: true, value: 100 });
	});

	it('shows points the local way', () => {
		expect(formatPoints(1.5, 'vi')).toBe('1,5');
		expect(formatPoints(1.5, 'en')).toBe('1.5');
		expect(formatPoints(1000, 'vi')).toBe('1000');
	});

	it('round-trips the default framework unchanged', () => {
		const f = fresh();
		const values = readPointsForm(f, postedForm(f, {}));
		const { framework, errors } = applyPointsValues(f, values);
		expect(errors).toEqual({});
		expect(framework).toEqual(f);
		expect(checkFramework(framework)).toEqual([]);
	});

	it('a changed sub-criterion recomputes its criterion and field; the survey total then no longer matches', () => {
		const f = fresh();
		const { framework, errors } = applyPointsValues(f, readPointsForm(f, postedForm(f, { 'points.5.2.1': '1,5' })));
		expect(errors).toEqual({});
		const field5 = framework.fields[4];
		expect(field5.criteria[1].maxPoints).toBe(2.5);
		expect(field5.maxPoints).toBe(8.5);
		expect(checkFramework(framework)).toEqual([
			{ key: 'framework.problem.surveyTotalMismatch', params: { surveyPoints: 32, sum: 32.5 } }
		]);
	});

	it('an unticked box takes the sub-criterion out of the survey; the declared total is editable', () => {
		const f = fresh();
		const { framework } = applyPointsValues(
			f,
			readPointsForm(f, postedForm(f, { 'scored.8.2.1': null, surveyPoints: '30' }))
		);
		expect(framework.fields[7].criteria[1].subCriteria[0].surveyScored).toBe(false);
		expect(framework.surveyPoints).toBe(30);
		expect(checkFramework(framework)).toEqual([]);
	});

	it('reports every bad input by name, keeps the framework’s own value for it, and reads a missing input as empty', () => {
		const f = fresh();
		const values = readPointsForm(
			f,
			postedForm(f, { 'points.1.1.1': 'x', 'points.1.2.1': '-3', 'points.2.1.1': null, surveyPoints: '32,001' })
		);
		expect(values.points['2.1.1']).toBe('');
		const { framework, errors } = applyPointsValues(f, values);
		expect(errors).toEqual({
			'points.1.1.1': 'templates.error.pointsNotNumber',
			'points.1.2.1': 'templates.error.pointsNegative',
			'points.2.1.1': 'templates.error.pointsRequired',
			surveyPoints: 'templates.error.pointsTooPrecise'
		});
		expect(framework).toEqual(f);
	});

	it('a posted value is cut to a sane length before it is echoed back', () => {
		const f = fresh();
		expect(readPointsForm(f, postedForm(f, { 'points.1.1.1': '9'.repeat(5000) })).points['1.1.1']).toHaveLength(20);
	});

	it('criteria or fields without children get their own input, so an unfinished import stays editable', () => {
		const f = fresh();
		f.fields[0].criteria[0].subCriteria = [];
		f.fields[1].criteria = [];
		const codes = editableNodes(f).map((n) => n.code);
		expect(codes.slice(0, 3)).toEqual(['1.1', '1.2.1', '2']);
		const { framework, errors } = applyPointsValues(
			f,
			readPointsForm(f, postedForm(f, { 'points.1.1': '4', 'points.2': '0,5' }))
		);
		expect(errors).toEqual({});
		expect(framework.fields[0].maxPoints).toBe(5.5);
		expect(framework.fields[1].maxPoints).toBe(0.5);
	});
});

describe('questionnaire editor helpers', () => {
	it('weights are typed as percentages, with either decimal mark', () => {
		expect(parsePercent('60')).toEqual({ ok: true, weight: 0.6 });
		expect(parsePercent('12,5')).toEqual({ ok: true, weight: 0.125 });
		expect(parsePercent('33.33')).toEqual({ ok: true, weight: 0.3333 });
		expect(parsePercent('')).toEqual({ ok: true, weight: null });
		expect(parsePercent('150')).toEqual({ ok: true, weight: 1.5 });
		for (const bad of ['-5', 'abc', '60%', '6,0,0']) expect(parsePercent(bad), bad).toEqual({ ok: false });
		expect(formatPercent(0.6, 'vi')).toBe('60');
		expect(formatPercent(0.125, 'vi')).toBe('12,5');
		expect(formatPercent(0.125, 'en')).toBe('12.5');
		expect(formatPercent(null, 'vi')).toBe('');
	});

	it('recognises an untouched preset scale, and nothing once an option is edited', () => {
		expect(presetOf(scaleOptions('Q'))).toBe('Q');
		expect(presetOf(scaleOptions('S'))).toBe('S');
		const q = updateOption(structuredClone(DEFAULT_QUESTIONNAIRE), 'q1.1.1', 'B', { weight: 0.5 });
		expect(presetOf(q.sections[0].questions[0].options)).toBe('');
	});

	it('restates an out-of-range weight in percent and points each problem at the field to fix', () => {
		const q: Questionnaire = updateOption(structuredClone(DEFAULT_QUESTIONNAIRE), 'q2.1.1', 'A', { weight: 1.5 });
		const problems = checkQuestionnaire(q, DEFAULT_FRAMEWORK).map(forEditor);
		expect(problems).toEqual([
			{
				key: 'templates.problem.weightPercent',
				params: { questionId: 'q2.1.1', optionId: 'A', path: '$.sections[1].questions[0].options[0]', weight: 150 }
			}
		]);
		expect(problemText(translator('vi'), problems[0], 'vi')).toContain('Trọng số 150 %');
		expect(problemTarget(problems[0], q)).toBe('#qe-q-q2.1.1');
		expect(problemTarget({ key: 'jsonImport.invalid', params: { path: '$.sections[8]' } }, q)).toBe(
			'#qe-s-don-vi-duoc-danh-gia'
		);
		expect(problemTarget({ key: 'jsonImport.invalid', params: { path: '$.attestation' } }, q)).toBe('#qe-attestation');
		expect(problemTarget({ key: 'jsonImport.invalid', params: { path: '$.sections[99].questions[0]' } }, q)).toBeNull();
		expect(problemTarget({ key: 'jsonImport.invalid', params: { code: '1.1.1' } }, q)).toBeNull();
	});

	it('problem numbers are written the local way', () => {
		const p = { key: 'framework.problem.surveyTotalMismatch' as const, params: { surveyPoints: 32, sum: 32.5 } };
		expect(problemText(translator('vi'), p, 'vi')).toContain('là 32,5');
		expect(problemText(translator('en'), p, 'en')).toContain('up to 32.5');
	});
});

describe('respondent paging', () => {
	const q = DEFAULT_QUESTIONNAIRE;
	const units = [
		{ id: 7, name: 'Sở Tư pháp' },
		{ id: 9, name: 'Sở Y tế' }
	];

	it('an introduction, one page per section, one per rated unit for a repeated section, then the attestation', () => {
		const pages = buildPages(q, units);
		expect(pages.map((p) => p.kind)).toEqual(['intro', ...Array(10).fill('section'), 'end']);
		expect(pageOfSection(pages, 'linh-vuc-1')).toBe(1);
		expect(pageOfSection(pages, 'don-vi-duoc-danh-gia')).toBe(9);
		expect(pageOfSection(pages, 'nope')).toBe(-1);
		// Nobody to rate: the repeated section is skipped.
		expect(buildPages(q, []).length).toBe(10);
		expect(new Set(pages.map((p) => p.key)).size).toBe(pages.length);
	});

	it('numbers questions through the questionnaire and names answers per rated unit', () => {
		const numbers = questionNumbers(q);
		expect(numbers.get('q1.1.1')).toBe(1);
		expect(numbers.get('q8.2.1')).toBe(23);
		expect(numbers.get('u5.3.2')).toBe(27);
		expect(answerName('q1.1.1', null)).toBe('answer:q1.1.1');
		expect(answerName('u5.2.2', units[1])).toBe('answer:u5.2.2:9');
	});

	it('keys stay unique when a draft repeats an id', () => {
		expect(withKeys([{ id: 'a' }, { id: 'b' }, { id: 'a' }, { id: 'a' }]).map((k) => k.key)).toEqual([
			'a',
			'b',
			'a#2',
			'a#3'
		]);
	});
});

describe('QuestionnaireView, rendered on the server', () => {
	const t = translator('vi');
	const vi = templatesMessages.vi;

	it('shows the first page only, with real radio groups, the required mark and a separated “Không biết”', () => {
		const { body } = render(QuestionnaireView, {
			props: { questionnaire: DEFAULT_QUESTIONNAIRE, t, ratedUnits: [{ id: 3, name: 'Sở Tư pháp' }] }
		});
		expect(body).toContain(vi['qview.page'].replace('{current}', '1').replace('{total}', '11'));
		expect(body.match(/<section class="qv-page[^"]*"[^>]*>/g)?.filter((s) => !s.includes('hidden'))).toHaveLength(1);
		expect(body.match(/<fieldset/g)).toHaveLength(27);
		expect(body.match(/<legend/g)).toHaveLength(27);
		// Four options and "Không biết" each; the satisfaction question (7.2.1) has five.
		expect(body.match(/type="radio"/g)).toHaveLength(27 * 5 + 1);
		// Every question is required, and the introduction explains the mark.
		expect(body.match(/class="qv-req/g)).toHaveLength(27 + 1);
		expect(body.match(/class="qv-options qv-dontknow/g)).toHaveLength(27);
		expect(body).toContain('name="answer:u5.2.2:3"');
		expect(body).toContain('cán bộ, công chức Sở Tư pháp khi giải quyết');
		expect(body).not.toContain('{unit}');
		expect(body).toContain('name="attest"');
		expect(body).not.toMatch(/\sdisabled/);
		expect(body).not.toMatch(/style="/);
	});

	it('in preview every input is disabled and a sample unit stands in for the rated ones', () => {
		const { body } = render(QuestionnaireView, {
			props: { questionnaire: DEFAULT_QUESTIONNAIRE, t, preview: true, page: 9 }
		});
		expect(body).toContain(vi['qview.sampleUnit']);
		const inputs = body.match(/<(input|textarea)[^>]*>/g) ?? [];
		expect(inputs.length).toBeGreaterThan(100);
		for (const input of inputs) expect(input).toMatch(/\sdisabled/);
		expect(body).toContain(vi['qview.page'].replace('{current}', '10').replace('{total}', '11'));
	});
});

describe('JSON files', () => {
	const file = (content: BlobPart, name = 'x.json') => new File([content], name, { type: 'application/json' });

	it('reads a UTF-8 file, dropping a byte-order mark', async () => {
		expect(await readJsonUpload(file('\uFEFF{"a":"Quảng Ngãi"}'))).toEqual({
			ok: true,
			text: '{"a":"Quảng Ngãi"}',
			fileName: 'x.json'
		});
	});

	it('refuses a missing, empty, oversized or non-UTF-8 file with its own message', async () => {
		const one = (key: string, status = 400, params = {}) => ({ ok: false, status, errors: [{ key, params }] });
		expect(await readJsonUpload(null)).toEqual(one('templates.error.fileMissing'));
		expect(await readJsonUpload('text')).toEqual(one('templates.error.fileMissing'));
		expect(await readJsonUpload(file(''))).toEqual(one('templates.error.fileMissing'));
		expect(await readJsonUpload(file(new Uint8Array(UPLOAD_MAX_BYTES + 1)))).toEqual(
			one('templates.error.fileTooLarge', 413, { max: '2 MB' })
		);
		expect(await readJsonUpload(file(new Uint8Array([0x7b, 0xe1, 0x7d])))).toEqual(one('templates.error.fileEncoding'));
	});

	it('a body the server refused as too large becomes the same Vietnamese message', async () => {
		const tooLarge = Object.assign(new Error('too big'), { status: 413 });
		const body = new ReadableStream({ start: (c) => c.error(tooLarge) });
		const request = new Request('http://x/', {
			method: 'POST',
			body,
			duplex: 'half',
			headers: { 'content-type': 'multipart/form-data; boundary=b' }
		} as RequestInit);
		expect(await readUploadForm(request)).toEqual({
			ok: false,
			status: 413,
			errors: [{ key: 'templates.error.fileTooLarge', params: { max: '2 MB' } }]
		});
		const garbled = new Request('http://x/', {
			method: 'POST',
			body: 'nonsense',
			headers: { 'content-type': 'multipart/form-data; boundary=b' }
		});
		expect(await readUploadForm(garbled)).toEqual({
			ok: false,
			status: 400,
			errors: [{ key: 'templates.error.uploadFailed', params: {} }]
		});
	});

	it('names documents and downloads sensibly', () => {
		expect(readDocumentName('  Bộ tiêu chí   2026 ')).toEqual({ ok: true, name: 'Bộ tiêu chí 2026' });
		expect(readDocumentName('')).toEqual({ ok: true, name: null });
		expect(readDocumentName('x'.repeat(201))).toMatchObject({
			ok: false,
			errors: [{ key: 'templates.error.nameTooLong' }]
		});
		expect(chooseDocumentName(null, 'Phiếu A', 'b.json')).toBe('Phiếu A');
		expect(chooseDocumentName(null, ' ', 'phieu-b.JSON')).toBe('phieu-b');
		expect(chooseDocumentName('Tên mới', 'Phiếu A', 'b.json')).toBe('Tên mới');
		expect(downloadName('Bộ tiêu chí mặc định (theo 876/QĐ-BNV)', 3)).toBe(
			'bo-tieu-chi-mac-dinh-theo-876-qd-bnv-v3.json'
		);
		expect(downloadName('***', 1)).toBe('tai-lieu-v1.json');
		expect(parseDocumentId('12')).toBe(12);
		for (const bad of ['0', '012', '-1', '1e3', 'abc', '1234567890']) expect(parseDocumentId(bad), bad).toBeNull();
	});
});
