// The points editor's form, read the same way in the browser (live sums while typing) and on the
// server (saving), so what the organiser sees is exactly what gets saved.
import { message, type FieldErrors, type MessageKey } from '$lib/domain/message';
import {
	hasAtMostTwoDecimals,
	setMaxPoints,
	setSurveyPoints,
	setSurveyScored,
	type Framework,
	type FrameworkNode
} from '$lib/domain/framework';

/** No node of a 100-point index can be worth more than the whole index. */
export const POINTS_MAX = 100;
const RAW_MAX = 20;

export const SURVEY_POINTS_NAME = 'surveyPoints';
export const pointsName = (code: string) => `points.${code}`;
export const scoredName = (code: string) => `scored.${code}`;

/** What the form holds: the text typed into each points input, and each checkbox. */
export type PointsValues = {
	points: Record<string, string>;
	scored: Record<string, boolean>;
	surveyPoints: string;
};
/** Input name → i18n key. */
export type PointsErrors = Record<string, MessageKey>;

export type ParsedNumber = { ok: true; value: number } | { ok: false; key: MessageKey };

/** Nodes whose points are typed in: sub-criteria, and any criterion or field without children. */
export function editableNodes(f: Framework): FrameworkNode[] {
	return f.fields.flatMap((field): FrameworkNode[] =>
		field.criteria.length === 0
			? [field]
			: field.criteria.flatMap((criterion): FrameworkNode[] =>
					criterion.subCriteria.length === 0 ? [criterion] : criterion.subCriteria
				)
	);
}

const subCriterionCodes = (f: Framework) =>
	f.fields.flatMap((field) => field.criteria.flatMap((criterion) => criterion.subCriteria.map((s) => s.code)));

/** "1,5" and "1.5" both mean one and a half: Vietnamese writes a decimal comma. */
export function parsePoints(raw: string): ParsedNumber {
	let text = raw.normalize('NFC').trim();
	if (text === '') return { ok: false, key: 'templates.error.pointsRequired' };
	if (!text.includes('.') && (text.match(/,/g) ?? []).length === 1) text = text.replace(',', '.');
	const negative = text.startsWith('-') || text.startsWith('−');
	if (!/^\d+(\.\d+)?$/.test(negative ? text.slice(1) : text))
		return { ok: false, key: 'templates.error.pointsNotNumber' };
	if (negative && Number(text.slice(1)) !== 0) return { ok: false, key: 'templates.error.pointsNegative' };
	const value = Math.abs(Number(negative ? text.slice(1) : text));
	if (!hasAtMostTwoDecimals(value)) return { ok: false, key: 'templates.error.pointsTooPrecise' };
	if (value > POINTS_MAX) return { ok: false, key: 'templates.error.pointsTooLarge' };
	return { ok: true, value };
}

export function formatPoints(value: number, locale: 'vi' | 'en'): string {
	return new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
		maximumFractionDigits: 9,
		useGrouping: false
	}).format(value);
}

export function valuesFromFramework(f: Framework, locale: 'vi' | 'en'): PointsValues {
	return {
		points: Object.fromEntries(editableNodes(f).map((n) => [n.code, formatPoints(n.maxPoints, locale)])),
		scored: Object.fromEntries(
			f.fields.flatMap((field) => field.criteria.flatMap((c) => c.subCriteria.map((s) => [s.code, s.surveyScored])))
		),
		surveyPoints: formatPoints(f.surveyPoints, locale)
	};
}

/** Reads the posted form; a missing input reads as empty, so it is reported rather than skipped. */
export function readPointsForm(f: Framework, form: Pick<FormData, 'get' | 'has'>): PointsValues {
	const text = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' ? value.slice(0, RAW_MAX) : '';
	};
	return {
		points: Object.fromEntries(editableNodes(f).map((n) => [n.code, text(pointsName(n.code))])),
		scored: Object.fromEntries(subCriterionCodes(f).map((code) => [code, form.has(scoredName(code))])),
		surveyPoints: text(SURVEY_POINTS_NAME)
	};
}

/**
 * Applies the typed values to the framework (parents recomputed as sums). Invalid inputs keep the
 * framework's own value and are reported per input, so the rest can still be checked live.
 */
export function applyPointsValues(f: Framework, values: PointsValues): { framework: Framework; errors: PointsErrors } {
	const errors: PointsErrors = {};
	let out = f;
	for (const node of editableNodes(f)) {
		const parsed = parsePoints(values.points[node.code] ?? '');
		if (parsed.ok) out = setMaxPoints(out, node.code, parsed.value);
		else errors[pointsName(node.code)] = parsed.key;
	}
	for (const code of subCriterionCodes(f)) out = setSurveyScored(out, code, values.scored[code] === true);
	const total = parsePoints(values.surveyPoints);
	if (total.ok) out = setSurveyPoints(out, total.value);
	else errors[SURVEY_POINTS_NAME] = total.key;
	return { framework: out, errors };
}

/** The same errors in the one failure shape the server sends back (each key as a message). */
export function pointsFieldErrors(errors: PointsErrors): FieldErrors {
	return Object.fromEntries(Object.entries(errors).map(([name, key]) => [name, message(key)]));
}
