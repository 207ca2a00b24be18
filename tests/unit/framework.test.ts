import { describe, expect, it } from 'vitest';
import {
	DEFAULT_FRAMEWORK,
	EditError,
	checkFramework,
	exportFramework,
	findNode,
	importFramework,
	listSurveySubCriteria,
	parseFramework,
	setMaxPoints,
	setSurveyPoints,
	setSurveyScored,
	surveyPointsTotal,
	type Framework
} from '$lib/domain/framework';
import { frameworkMessages } from '$lib/i18n/framework';

const copy = (): Framework => structuredClone(DEFAULT_FRAMEWORK) as Framework;
const keys = (f: Framework) => checkFramework(f).map((p) => p.key);

describe('default framework', () => {
	it('passes its own check', () => {
		expect(checkFramework(DEFAULT_FRAMEWORK)).toEqual([]);
	});

	it('has the 8 provincial fields with the official titles, 32 survey points and field 5 = 8', () => {
		expect(DEFAULT_FRAMEWORK.fields.map((f) => f.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
		expect(DEFAULT_FRAMEWORK.fields.map((f) => f.title)).toEqual([
			'Công tác chỉ đạo, điều hành CCHC',
			'Cải cách thể chế',
			'Cải cách thủ tục hành chính',
			'Cải cách tổ chức bộ máy hành chính nhà nước',
			'Cải cách chế độ công vụ',
			'Cải cách tài chính công',
			'Xây dựng và phát triển Chính phủ điện tử, Chính phủ số',
			'Tác động của CCHC đến người dân, tổ chức và phát triển kinh tế - xã hội'
		]);
		expect(DEFAULT_FRAMEWORK.surveyPoints).toBe(32);
		expect(surveyPointsTotal(DEFAULT_FRAMEWORK)).toBe(32);
		expect(DEFAULT_FRAMEWORK.fields.map((f) => f.maxPoints)).toEqual([3, 3, 4, 3, 8, 3, 4, 4]);
		const heaviest = [...DEFAULT_FRAMEWORK.fields].sort((a, b) => b.maxPoints - a.maxPoints)[0];
		expect(heaviest.code).toBe('5');
	});

	it('has 23 survey-scored sub-criteria with three-level codes', () => {
		const subs = listSurveySubCriteria(DEFAULT_FRAMEWORK);
		expect(subs).toHaveLength(23);
		for (const s of subs) expect(s.code).toMatch(new RegExp(`^${s.criterionCode.replace('.', '\\.')}\\.\\d$`));
		expect(subs.filter((s) => s.fieldCode === '5')).toHaveLength(8);
		expect(findNode(DEFAULT_FRAMEWORK, '5.3.2')?.title).toContain('nhũng nhiễu');
	});

	it('states that the points are editable illustrations and is NFC text', () => {
		expect(DEFAULT_FRAMEWORK.basis).toContain('876/QĐ-BNV');
		expect(DEFAULT_FRAMEWORK.note).toMatch(/minh họa/);
		expect(DEFAULT_FRAMEWORK.note).toMatch(/chỉnh sửa/);
		expect(DEFAULT_FRAMEWORK.note).toMatch(/máy đọc/);
		const json = exportFramework(DEFAULT_FRAMEWORK);
		expect(json).toBe(json.normalize('NFC'));
	});

	it('is frozen so no caller can change the shared default', () => {
		expect(() => {
			(DEFAULT_FRAMEWORK.fields[0] as { maxPoints: number }).maxPoints = 99;
		}).toThrow(TypeError);
		expect(DEFAULT_FRAMEWORK.fields[0].maxPoints).toBe(3);
	});
});

describe('checkFramework catches each error', () => {
	it('a parent whose points are not the sum of its children', () => {
		const f = copy();
		f.fields[4].criteria[0].maxPoints = 2.5;
		expect(checkFramework(f)).toContainEqual({
			key: 'framework.problem.sumMismatch',
			params: { code: '5.1', path: '$.fields[4].criteria[0]', points: 2.5, sum: 2 }
		});
	});

	it('a field whose points do not match its criteria', () => {
		const f = copy();
		f.fields[0].maxPoints = 4;
		expect(keys(f)).toEqual(['framework.problem.sumMismatch']);
	});

	it('survey sub-criteria not adding up to the declared survey total', () => {
		const f = copy();
		f.fields[4].criteria[0].subCriteria[0].maxPoints = 1.5;
		f.fields[4].criteria[0].maxPoints = 2.5;
		f.fields[4].maxPoints = 8.5;
		expect(checkFramework(f)).toEqual([
			{ key: 'framework.problem.surveyTotalMismatch', params: { surveyPoints: 32, sum: 32.5 } }
		]);
	});

	it('tolerates float noise but not a real difference', () => {
		const f = copy();
		f.fields[0].criteria[0].subCriteria[0].maxPoints = 1.4;
		f.fields[0].criteria[0].maxPoints = 1.4;
		f.fields[0].criteria[1].subCriteria[0].maxPoints = 1.6;
		f.fields[0].criteria[1].maxPoints = 1.6;
		expect(checkFramework(f)).toEqual([]);
		f.fields[0].maxPoints = 3.01;
		expect(keys(f)).toEqual(['framework.problem.sumMismatch']);
	});

	it('a survey sub-criterion switched off changes the survey total', () => {
		const f = copy();
		f.fields[6].criteria[1].subCriteria[0].surveyScored = false;
		expect(checkFramework(f)).toEqual([
			{ key: 'framework.problem.surveyTotalMismatch', params: { surveyPoints: 32, sum: 30 } }
		]);
	});

	it('duplicate codes', () => {
		const f = copy();
		f.fields[1].criteria[1].subCriteria[0].code = '2.2.1';
		f.fields[1].criteria[1].subCriteria.push({ ...f.fields[1].criteria[1].subCriteria[0], maxPoints: 0 });
		expect(checkFramework(f)).toContainEqual({
			key: 'framework.problem.codeDuplicate',
			params: { code: '2.2.1', path: '$.fields[1].criteria[1].subCriteria[1]' }
		});
	});

	it('codes that break the hierarchy', () => {
		const f = copy();
		f.fields[2].criteria[0].subCriteria[0].code = '4.1.9';
		f.fields[2].criteria[1].code = '3.2.1.1';
		f.fields[3].code = '4.0';
		const problems = checkFramework(f);
		expect(problems).toContainEqual({
			key: 'framework.problem.codeNotUnderParent',
			params: { code: '4.1.9', parent: '3.1', path: '$.fields[2].criteria[0].subCriteria[0]' }
		});
		expect(problems).toContainEqual({
			key: 'framework.problem.codeFormat',
			params: { code: '3.2.1.1', path: '$.fields[2].criteria[1]' }
		});
		expect(problems).toContainEqual({
			key: 'framework.problem.codeNotTopLevel',
			params: { code: '4.0', path: '$.fields[3]' }
		});
	});

	it('a child code that only shares a prefix of characters', () => {
		const f = copy();
		f.fields[0].criteria[0].code = '11';
		expect(keys(f)).toContain('framework.problem.codeNotUnderParent');
	});

	it('empty titles and names', () => {
		const f = copy();
		f.name = '  ';
		f.fields[5].criteria[0].subCriteria[0].title = ' ';
		expect(keys(f)).toEqual(['framework.problem.nameEmpty', 'framework.problem.titleEmpty']);
		expect(checkFramework(f)[1].params).toEqual({ code: '6.1.1', path: '$.fields[5].criteria[0].subCriteria[0]' });
	});

	it('negative, non-finite and over-precise points', () => {
		const f = copy();
		f.fields[7].criteria[0].subCriteria[0].maxPoints = -2;
		f.fields[7].criteria[1].subCriteria[0].maxPoints = 2.125;
		f.fields[6].criteria[0].subCriteria[0].maxPoints = Number.NaN;
		const k = keys(f);
		expect(k).toContain('framework.problem.pointsNegative');
		expect(k).toContain('framework.problem.pointsTooPrecise');
		expect(k).toContain('framework.problem.pointsInvalid');
	});

	it('no fields, no survey sub-criteria, invalid survey total', () => {
		expect(keys({ ...copy(), fields: [] })).toEqual([
			'framework.problem.noFields',
			'framework.problem.surveyTotalMismatch'
		]);
		const f = copy();
		for (const s of f.fields.flatMap((x) => x.criteria.flatMap((c) => c.subCriteria))) s.surveyScored = false;
		expect(keys(f)).toEqual(['framework.problem.noSurveySubCriteria', 'framework.problem.surveyTotalMismatch']);
		expect(keys({ ...copy(), surveyPoints: -32 })).toContain('framework.problem.surveyPointsInvalid');
	});
});

describe('points editor', () => {
	it('sets a sub-criterion and recomputes its criterion and field, leaving the input untouched', () => {
		const before = exportFramework(DEFAULT_FRAMEWORK);
		const f = setMaxPoints(DEFAULT_FRAMEWORK, '5.2.2', 1.5);
		expect(findNode(f, '5.2.2')?.maxPoints).toBe(1.5);
		expect(findNode(f, '5.2')?.maxPoints).toBe(2.5);
		expect(findNode(f, '5')?.maxPoints).toBe(8.5);
		expect(exportFramework(DEFAULT_FRAMEWORK)).toBe(before);
		expect(f.fields[0]).toBe(DEFAULT_FRAMEWORK.fields[0]);
		expect(checkFramework(f).map((p) => p.key)).toEqual(['framework.problem.surveyTotalMismatch']);
		const balanced = setMaxPoints(f, '5.4.2', 0.5);
		expect(checkFramework(balanced)).toEqual([]);
		expect(findNode(balanced, '5')?.maxPoints).toBe(8);
	});

	it('keeps sums free of float noise', () => {
		let f = setMaxPoints(DEFAULT_FRAMEWORK, '1.1.1', 0.1);
		f = setMaxPoints(f, '1.2.1', 0.2);
		expect(findNode(f, '1')?.maxPoints).toBe(0.3);
	});

	it('sets a criterion and recomputes only the field', () => {
		const f = setMaxPoints(DEFAULT_FRAMEWORK, '4.2', 2);
		expect(findNode(f, '4')?.maxPoints).toBe(3.5);
		expect(keys(f)).toContain('framework.problem.sumMismatch');
	});

	it('refuses unknown codes and non-numbers with keyed errors', () => {
		expect(() => setMaxPoints(DEFAULT_FRAMEWORK, '9.9.9', 1)).toThrow(EditError);
		try {
			setMaxPoints(DEFAULT_FRAMEWORK, '9.9.9', 1);
		} catch (e) {
			expect((e as EditError).key).toBe('framework.edit.codeUnknown');
			expect((e as EditError).params).toEqual({ code: '9.9.9' });
		}
		expect(() => setMaxPoints(DEFAULT_FRAMEWORK, '1.1.1', Number.NaN)).toThrow('framework.edit.pointsInvalid');
	});

	it('toggles survey scoring and sets the declared total', () => {
		const f = setSurveyScored(setSurveyPoints(DEFAULT_FRAMEWORK, 30), '7.2.1', false);
		expect(listSurveySubCriteria(f)).toHaveLength(22);
		expect(checkFramework(f)).toEqual([]);
		expect(() => setSurveyScored(DEFAULT_FRAMEWORK, '7.2', false)).toThrow('framework.edit.codeUnknown');
	});
});

describe('framework JSON', () => {
	it('round-trips the default exactly, byte for byte', () => {
		const json = exportFramework(DEFAULT_FRAMEWORK);
		const back = importFramework(json);
		expect(back.ok).toBe(true);
		if (!back.ok) return;
		expect(back.value).toEqual(DEFAULT_FRAMEWORK);
		expect(exportFramework(back.value)).toBe(json);
	});

	it('writes keys in a stable order whatever the input order', () => {
		const json = exportFramework({ fields: [], surveyPoints: 0, note: '', basis: 'b', name: 'n' } as Framework);
		expect(Object.keys(JSON.parse(json))).toEqual(['name', 'basis', 'note', 'surveyPoints', 'fields']);
		const sub = JSON.parse(exportFramework(DEFAULT_FRAMEWORK)).fields[0].criteria[0].subCriteria[0];
		expect(Object.keys(sub)).toEqual(['code', 'title', 'titleEn', 'maxPoints', 'surveyScored']);
	});

	it('normalises imported text to NFC and trims it', () => {
		const data = JSON.parse(exportFramework(DEFAULT_FRAMEWORK));
		data.fields[4].title = ' Cải cách chế độ công vụ '.normalize('NFD');
		const r = parseFramework(data);
		expect(r.ok && r.value.fields[4].title).toBe('Cải cách chế độ công vụ');
		expect(r.ok && exportFramework(r.value)).toBe(exportFramework(DEFAULT_FRAMEWORK));
	});

	it('accepts a draft that does not add up, for the editor to fix', () => {
		const data = JSON.parse(exportFramework(DEFAULT_FRAMEWORK));
		data.fields[0].maxPoints = 10;
		const r = parseFramework(data);
		expect(r.ok).toBe(true);
		if (r.ok) expect(keys(r.value)).toEqual(['framework.problem.sumMismatch']);
	});

	it('refuses text that is not JSON', () => {
		expect(importFramework('{"name": ')).toEqual({
			ok: false,
			errors: [{ key: 'jsonImport.invalidJson', params: {} }]
		});
		expect(importFramework('x'.repeat(2_000_001))).toMatchObject({
			ok: false,
			errors: [{ key: 'jsonImport.tooLarge' }]
		});
	});

	it('gives keyed errors with JSON paths for malformed documents', () => {
		const data = JSON.parse(exportFramework(DEFAULT_FRAMEWORK));
		data.version = 2;
		delete data.fields[1].criteria[0].subCriteria[0].surveyScored;
		data.fields[4].criteria[1].maxPoints = '2';
		data.fields[4].criteria[1].code = '5..2';
		data.fields[2].criteria[0].subCriteria[0].weight = 1;
		data.fields[0].title = 'x'.repeat(501);
		const r = parseFramework(data);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual(
			expect.arrayContaining([
				{ key: 'jsonImport.unknownKey', params: { path: '$.version' } },
				{ key: 'jsonImport.missing', params: { path: '$.fields[1].criteria[0].subCriteria[0].surveyScored' } },
				{ key: 'jsonImport.expectedNumber', params: { path: '$.fields[4].criteria[1].maxPoints' } },
				{ key: 'jsonImport.codeFormat', params: { path: '$.fields[4].criteria[1].code' } },
				{ key: 'jsonImport.unknownKey', params: { path: '$.fields[2].criteria[0].subCriteria[0].weight' } },
				{ key: 'jsonImport.textTooLong', params: { path: '$.fields[0].title', max: 500 } }
			])
		);
		expect(r.errors).toHaveLength(6);
	});

	it('refuses a questionnaire or a bare list in place of a framework', () => {
		const list = parseFramework([]);
		expect(list).toEqual({ ok: false, errors: [{ key: 'jsonImport.expectedObject', params: { path: '$' } }] });
		const wrong = parseFramework({ title: 'Phiếu', intro: '', attestation: '', sections: [] });
		expect(wrong.ok).toBe(false);
		if (!wrong.ok) expect(wrong.errors.map((e) => e.key)).toContain('jsonImport.unknownKey');
	});

	it('wrong types inside lists get a keyed error too', () => {
		const r = parseFramework({ ...JSON.parse(exportFramework(DEFAULT_FRAMEWORK)), fields: 'none', surveyPoints: true });
		expect(r).toEqual({
			ok: false,
			errors: [
				{ key: 'jsonImport.expectedNumber', params: { path: '$.surveyPoints' } },
				{ key: 'jsonImport.expectedList', params: { path: '$.fields' } }
			]
		});
	});
});

describe('framework messages', () => {
	const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
	const { vi, en } = frameworkMessages;

	it('has the same keys and placeholders in both locales, NFC Vietnamese', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
		for (const [key, text] of Object.entries(vi)) {
			expect(text, key).toBe(text.normalize('NFC'));
			expect(placeholders(en[key as keyof typeof vi]), key).toEqual(placeholders(text));
		}
	});

	it('has a text for every key the domain modules can produce', async () => {
		const { readFileSync } = await import('node:fs');
		const parts = ['model', 'json', 'check', 'edit', 'default'];
		const sources = [
			...parts.flatMap((part) => [`framework-${part}`, `questionnaire-${part}`]),
			'json-import',
			'scoring'
		]
			.map((name) => readFileSync(`src/lib/domain/${name}.ts`, 'utf8'))
			.join('\n');
		const used = new Set(
			[...sources.matchAll(/'((?:jsonImport|framework|questionnaire)\.[A-Za-z.]+)'/g)].map((m) => m[1])
		);
		expect(used.size).toBeGreaterThan(40);
		expect([...used].filter((k) => !(k in vi))).toEqual([]);
	});

	it('problem params fill every placeholder of their message', () => {
		const f = copy();
		f.fields[4].criteria[0].maxPoints = 2.5;
		f.fields[0].criteria[0].code = '11';
		f.name = '';
		for (const p of checkFramework(f)) {
			const text = vi[p.key as keyof typeof vi];
			expect(text, p.key).toBeDefined();
			for (const name of placeholders(text)) expect(p.params, `${p.key} {${name}}`).toHaveProperty(name);
		}
	});
});
