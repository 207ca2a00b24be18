// A framework as a JSON file: its schema, import and byte-stable export.
import { z } from 'zod';
import {
	CODE_PATTERN,
	FRAMEWORK_LIST_MAX,
	nfc,
	FRAMEWORK_TEXT_MAX,
	type Framework,
	type FrameworkNode,
	type ImportResult
} from './framework-model';
import { importJson, issuesToProblems } from './json-import';

// JSON schema. It checks shape only (types, known keys, formats, sizes) so a draft that does not yet
// add up can still be imported and fixed in the editor; checkFramework decides whether it is usable.

const text = (max: number) => z.string().normalize('NFC').trim().max(max);
const points = z.number();
const code = z.string().trim().regex(CODE_PATTERN, 'jsonImport.codeFormat');
const node = {
	code,
	title: text(FRAMEWORK_TEXT_MAX.title),
	titleEn: text(FRAMEWORK_TEXT_MAX.title).optional(),
	maxPoints: points
};

export const subCriterionSchema = z.strictObject({ ...node, surveyScored: z.boolean() });
export const criterionSchema = z.strictObject({
	...node,
	subCriteria: z.array(subCriterionSchema).max(FRAMEWORK_LIST_MAX.subCriteria)
});
export const fieldSchema = z.strictObject({
	...node,
	criteria: z.array(criterionSchema).max(FRAMEWORK_LIST_MAX.criteria)
});
export const frameworkSchema = z.strictObject({
	name: text(FRAMEWORK_TEXT_MAX.name),
	basis: text(FRAMEWORK_TEXT_MAX.basis),
	note: text(FRAMEWORK_TEXT_MAX.note),
	surveyPoints: points,
	fields: z.array(fieldSchema).max(FRAMEWORK_LIST_MAX.fields)
});

// Builds every object with a fixed key order, so an export is byte-stable and diffs stay readable.
function orderedNode<T extends FrameworkNode>(n: T) {
	return {
		code: nfc(n.code),
		title: nfc(n.title),
		...(n.titleEn ? { titleEn: nfc(n.titleEn) } : {}),
		maxPoints: n.maxPoints
	};
}

function orderedFramework(f: Framework): Framework {
	return {
		name: nfc(f.name),
		basis: nfc(f.basis),
		note: nfc(f.note),
		surveyPoints: f.surveyPoints,
		fields: f.fields.map((field) => ({
			...orderedNode(field),
			criteria: field.criteria.map((criterion) => ({
				...orderedNode(criterion),
				subCriteria: criterion.subCriteria.map((sub) => ({
					...orderedNode(sub),
					surveyScored: sub.surveyScored
				}))
			}))
		}))
	};
}

export function parseFramework(data: unknown): ImportResult<Framework> {
	const result = frameworkSchema.safeParse(data);
	if (!result.success) return { ok: false, errors: issuesToProblems(result.error.issues, data) };
	return { ok: true, value: orderedFramework(result.data) };
}

export function importFramework(json: string): ImportResult<Framework> {
	return importJson(json, parseFramework);
}

export function exportFramework(f: Framework): string {
	return `${JSON.stringify(orderedFramework(f), null, '\t')}\n`;
}
