// Which answers a page still lacks, by the very rules the final submit and the ballot use
// (`validateSheet`), so "Trang sau" and "Gửi phiếu" can never disagree about a question.
import { sheetKey, validateSheet, type SheetAnswers } from '$lib/domain/ballot';
import type { Message } from '$lib/domain/message';
import type { Questionnaire } from '$lib/domain/questionnaire';
import { answerName, buildPages, questionNumbers, type RatedUnit, type ViewPage } from './pages';

/** A question of a page that cannot be sent yet: its answer field and the message shown next to it. */
export type QuestionProblem = { field: string; questionId: string; number: number; message: Message };
/** A page with problems, for the final summary: its index in `buildPages` order and its problems. */
export type PageGap = { index: number; page: ViewPage & { kind: 'section' }; problems: QuestionProblem[] };

// Not Object.hasOwn: older phones' browsers lack it.
const has = (record: object, key: string) => Object.prototype.hasOwnProperty.call(record, key);

/**
 * The problems of one page's questions in the sheet. Each question is checked alone (so the ballot's cap
 * on listed errors never hides one), numbered as the respondent sees it and naming the rated unit.
 */
export function checkPage(q: Questionnaire, page: ViewPage, sheet: SheetAnswers): QuestionProblem[] {
	if (page.kind !== 'section') return [];
	const unitId = page.unit ? String(page.unit.id) : null;
	const numbers = questionNumbers(q);
	return page.section.questions.flatMap((question) => {
		const key = sheetKey(question.id, unitId);
		const slice: SheetAnswers = { answers: {}, comments: {} };
		if (has(sheet.answers, key)) slice.answers[key] = sheet.answers[key];
		if (has(sheet.comments, key)) slice.comments[key] = sheet.comments[key];
		const alone = { ...q, sections: [{ ...page.section, questions: [question] }] };
		const result = validateSheet(alone, unitId === null ? [] : [unitId], slice);
		if (result.ok) return [];
		const number = numbers.get(question.id) ?? 0;
		return result.errors.map((error) => ({
			field: answerName(question.id, page.unit),
			questionId: question.id,
			number,
			message: {
				key: error.key,
				params: { ...error.params, number, ...(page.unit ? { unitId: page.unit.name } : {}) }
			}
		}));
	});
}

/** Every page that still has a problem, in page order: what the final summary lists. */
export function findGaps(q: Questionnaire, units: RatedUnit[], sheet: SheetAnswers): PageGap[] {
	return buildPages(q, units).flatMap((page, index) => {
		if (page.kind !== 'section') return [];
		const problems = checkPage(q, page, sheet);
		return problems.length ? [{ index, page, problems }] : [];
	});
}

/** The question numbers of a gap, each once ("3, 5, 7"). */
export function gapNumbers(gap: PageGap): string {
	return [...new Set(gap.problems.map((p) => p.number))].join(', ');
}
