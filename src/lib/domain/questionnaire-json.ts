// A questionnaire as a JSON file: its schema, import and byte-stable export.
import { z } from 'zod';
import { nfc, type ImportResult } from './framework-model';
import { importJson, issuesToProblems } from './json-import';
import {
	ID_PATTERN,
	OPTION_ID_PATTERN,
	QUESTIONNAIRE_LIST_MAX,
	QUESTIONNAIRE_TEXT_MAX,
	type Questionnaire
} from './questionnaire-model';

// JSON schema: shape only (types, known keys, id formats, sizes). An unfinished draft imports;
// checkQuestionnaire decides whether it can be used in a campaign.

const text = (max: number) => z.string().normalize('NFC').trim().max(max);
const id = z.string().trim().regex(ID_PATTERN, 'jsonImport.idFormat');

export const answerOptionSchema = z.strictObject({
	id: z.string().trim().regex(OPTION_ID_PATTERN, 'jsonImport.idFormat'),
	label: text(QUESTIONNAIRE_TEXT_MAX.label),
	weight: z.number().nullable(),
	dontKnow: z.boolean()
});
export const questionSchema = z.strictObject({
	id,
	text: text(QUESTIONNAIRE_TEXT_MAX.question),
	subCriterion: z.string().trim().max(QUESTIONNAIRE_TEXT_MAX.code),
	required: z.boolean(),
	allowComment: z.boolean(),
	options: z.array(answerOptionSchema).max(QUESTIONNAIRE_LIST_MAX.options)
});
export const sectionSchema = z.strictObject({
	id,
	title: text(QUESTIONNAIRE_TEXT_MAX.title),
	description: text(QUESTIONNAIRE_TEXT_MAX.description).optional(),
	repeatPerRatedUnit: z.boolean(),
	questions: z.array(questionSchema).max(QUESTIONNAIRE_LIST_MAX.questions)
});
export const questionnaireSchema = z.strictObject({
	title: text(QUESTIONNAIRE_TEXT_MAX.title),
	intro: text(QUESTIONNAIRE_TEXT_MAX.intro),
	attestation: text(QUESTIONNAIRE_TEXT_MAX.attestation),
	sections: z.array(sectionSchema).max(QUESTIONNAIRE_LIST_MAX.sections)
});

// Fixed key order at every level so exports are byte-stable.
function orderedQuestionnaire(q: Questionnaire): Questionnaire {
	return {
		title: nfc(q.title),
		intro: nfc(q.intro),
		attestation: nfc(q.attestation),
		sections: q.sections.map((s) => ({
			id: s.id,
			title: nfc(s.title),
			...(s.description ? { description: nfc(s.description) } : {}),
			repeatPerRatedUnit: s.repeatPerRatedUnit,
			questions: s.questions.map((question) => ({
				id: question.id,
				text: nfc(question.text),
				subCriterion: question.subCriterion,
				required: question.required,
				allowComment: question.allowComment,
				options: question.options.map((o) => ({
					id: o.id,
					label: nfc(o.label),
					weight: o.weight,
					dontKnow: o.dontKnow
				}))
			}))
		}))
	};
}

export function parseQuestionnaire(data: unknown): ImportResult<Questionnaire> {
	const result = questionnaireSchema.safeParse(data);
	if (!result.success) return { ok: false, errors: issuesToProblems(result.error.issues, data) };
	return { ok: true, value: orderedQuestionnaire(result.data) };
}

export function importQuestionnaire(json: string): ImportResult<Questionnaire> {
	return importJson(json, parseQuestionnaire);
}

export function exportQuestionnaire(q: Questionnaire): string {
	return `${JSON.stringify(orderedQuestionnaire(q), null, '\t')}\n`;
}
