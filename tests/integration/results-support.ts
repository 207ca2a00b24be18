// Helpers for the results tests: custom answer sheets through the real respondent protocol, and
// reading every figure out of a results view.
import type { SheetAnswers } from '$lib/domain/ballot';
import type { Question, Questionnaire } from '$lib/domain/questionnaire';
import type { NodeFigures, Published, ResultsView } from '$lib/domain/results';
import { finalizeCredential, toBase64url } from '$lib/respondent/blind-client';
import { castBallot } from '$lib/server/ballot/cast';
import type { Db } from '$lib/server/db/open';
import type { AppKey } from '$lib/server/keyring';
import { issueCredential } from '$lib/server/respondent/credential';
import { META } from './support';
import { SLUG, blindFor, verifiedRespondent } from './respondent-support';

/** The option to answer a question with (null: leave it blank); unitId is set in repeated sections. */
export type Chooser = (question: Question, index: number, unitId: string | null) => string | null;

/** An answer sheet built question by question, once per rated unit where the section repeats. */
export function sheetOf(q: Questionnaire, ratedUnitIds: string[], choose: Chooser): SheetAnswers {
	const answers: Record<string, string> = {};
	let index = 0;
	for (const section of q.sections)
		for (const question of section.questions) {
			for (const unitId of section.repeatPerRatedUnit ? ratedUnitIds : [null]) {
				const option = choose(question, index, unitId);
				if (option !== null) answers[unitId === null ? question.id : `${question.id}:${unitId}`] = option;
			}
			index++;
		}
	return { answers, comments: {} };
}

/** Option at position `pick` (wrapping), the way fullAnswers picks. */
export const byPosition = (pick: number): Chooser => (question) => question.options[pick % question.options.length].id;

/** Link → code → attest → credential → cookie-less cast, with a sheet of the caller's choosing. */
export async function submitSheet(db: Db, appKey: AppKey, linkToken: string, choose: Chooser) {
	const { ctx } = await verifiedRespondent(db, appKey, linkToken);
	const b = await blindFor(db, ctx.person.cellId!);
	const issued = await issueCredential(db, appKey, ctx, b.blinded, META);
	if (!issued.ok) throw new Error(issued.error.key);
	const signature = await finalizeCredential(b.form.publicKey, b.message, Buffer.from(issued.blindSignature, 'base64url'), b.inv);
	const ratedUnitIds = b.form.ratedUnits.map((u) => u.id);
	const sheet = sheetOf(b.form.questionnaire, ratedUnitIds, choose);
	const cast = await castBallot(db, SLUG, { cell: b.form.cellId, message: toBase64url(b.message), signature: toBase64url(signature), answers: sheet });
	if (!cast.ok) throw new Error(JSON.stringify(cast.error));
	/** Replaces the counted sheet, holding only the ballot message (as a respondent revising does). */
	const revise = async (next: Chooser) => {
		const again = await castBallot(db, SLUG, { message: toBase64url(b.message), answers: sheetOf(b.form.questionnaire, ratedUnitIds, next) });
		if (!again.ok || !again.revised) throw new Error(JSON.stringify(again));
	};
	return { cellId: b.form.cellId, receipt: cast.receipt, revise };
}

/** Every figure of a view with a label: the total, group rows, unit rows and rated units. */
export function figuresOf(view: ResultsView): [string, Published<NodeFigures>][] {
	return [
		['total', view.total],
		...[...view.byGroup, ...view.byUnit, ...view.ratedUnits].map((row): [string, Published<NodeFigures>] => [`${row.kind} ${row.code}`, row.figures])
	];
}
