// Helpers for the results tests: custom answer sheets through the real respondent protocol, and
// reading every figure out of a results view.
import type { SheetAnswers } from '$lib/domain/ballot';
import type { Question, Questionnaire } from '$lib/domain/questionnaire';
import type { NodeFigures, Published, ResultsView } from '$lib/domain/results-view';
import { finalizeCredential, toBase64url } from '$lib/respondent/blind-client';
import { sealSheet } from '$lib/respondent/seal-client';
import { castBallot } from '$lib/server/ballot/cast';
import { advanceCampaign, type Staff } from '$lib/server/campaigns/campaigns';
import type { Db } from '$lib/server/db/open';
import type { AppKey } from '$lib/server/crypto/keyring';
import { issueCredential } from '$lib/server/respondent/credential';
import type { RespondentContext } from '$lib/server/respondent/sessions';
import { openingStatus } from '$lib/server/sealing/opening';
import { DEMO_COMMITTEE, openWithDemoShares, type DemoShare } from '$lib/server/seed/demo-committee';
import { META, type TestDb } from './support';
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
export const byPosition =
	(pick: number): Chooser =>
	(question) =>
		question.options[pick % question.options.length].id;

/** Link → code → attest → credential → cookie-less cast, with a sheet of the caller's choosing. */
export async function submitSheet(db: Db, appKey: AppKey, linkToken: string, choose: Chooser) {
	const { ctx } = await verifiedRespondent(db, appKey, linkToken);
	return castChosen(db, appKey, ctx, choose);
}

/** Credential → sealed cookie-less cast for a verified respondent, with a sheet of the caller's choosing. */
export async function castChosen(db: Db, appKey: AppKey, ctx: RespondentContext, choose: Chooser) {
	const b = await blindFor(db, ctx.person.cellId!);
	const issued = await issueCredential(db, appKey, ctx, b.blinded, META);
	if (!issued.ok) throw new Error(issued.error.key);
	const signature = await finalizeCredential(
		b.form.publicKey,
		b.message,
		Buffer.from(issued.blindSignature, 'base64url'),
		b.inv
	);
	const ratedUnitIds = b.form.ratedUnits.map((u) => u.id);
	const sheet = sheetOf(b.form.questionnaire, ratedUnitIds, choose);
	const seal = (s: SheetAnswers) => sealSheet(b.form.sealingKey!, b.form.campaignId, b.form.cellId, s);
	const cast = await castBallot(db, SLUG, {
		cell: b.form.cellId,
		message: toBase64url(b.message),
		signature: toBase64url(signature),
		sealed: await seal(sheet)
	});
	if (!cast.ok) throw new Error(JSON.stringify(cast.error));
	/** Replaces the cast sheet, holding only the ballot message (as a respondent revising does). */
	const revise = async (next: Chooser): Promise<SheetAnswers> => {
		const revised = sheetOf(b.form.questionnaire, ratedUnitIds, next);
		const again = await castBallot(db, SLUG, { message: toBase64url(b.message), sealed: await seal(revised) });
		if (!again.ok || !again.revised) throw new Error(JSON.stringify(again));
		return revised;
	};
	return { cellId: b.form.cellId, sheet, receipt: cast.receipt, message: b.message, secret: b.secret, revise };
}

/** A staff account as the services take it, looked up by username. */
export async function staffNamed(db: Db, username: string): Promise<Staff> {
	const u = await db
		.selectFrom('staff_user')
		.select(['id', 'username', 'role', 'unit_id'])
		.where('username', '=', username)
		.executeTakeFirstOrThrow();
	return { id: u.id, username: u.username, role: u.role, unitId: u.unit_id };
}

/** The demo committee's Staff rows (kiemphieu1..3), as openWithDemoShares needs them. */
export async function demoCommittee(db: Db): Promise<Map<string, Staff>> {
	const members = new Map<string, Staff>();
	for (const m of DEMO_COMMITTEE) members.set(m.username, await staffNamed(db, m.username));
	return members;
}

/** Opens (kiểm phiếu) a closed round with 2 of the 3 demo shares; returns what the opening job recorded. */
export async function openRound(t: TestDb, shares: DemoShare[]) {
	await openWithDemoShares(t.db, shares, await demoCommittee(t.db), META);
	const status = await openingStatus(t.db, shares[0].campaignId);
	if (!status.counted || !status.job) throw new Error('the opening did not count the round');
	return status.job;
}

/** Closes the demo round (as its organiser) and opens it with 2 of the 3 demo shares. */
export async function closeAndOpen(t: TestDb, shares: DemoShare[]) {
	const closed = await advanceCampaign(t.db, shares[0].campaignId, 'close', await staffNamed(t.db, 'organiser'), META);
	if (!closed.ok) throw new Error(JSON.stringify(closed.errors));
	return openRound(t, shares);
}

/** Every figure of a view with a label: the total, group rows, unit rows and rated units. */
export function figuresOf(view: ResultsView): [string, Published<NodeFigures>][] {
	return [
		['total', view.total],
		...[...view.byGroup, ...view.byUnit, ...view.ratedUnits].map((row): [string, Published<NodeFigures>] => [
			`${row.kind} ${row.code}`,
			row.figures
		])
	];
}
