// The past rounds' answer sheets: who answered in each cell, what they answered (a reproducible mix of
// the round's level, the commune's, each question's and each rated unit's), and the signed, sealed cast
// through the real ballot path (what unblinding a blind signature would yield).
import { constants, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { Questionnaire } from '$lib/domain/questionnaire';
import type { SheetAnswers } from '$lib/domain/ballot';
import { mulberry32 } from '$lib/domain/random';
import { deriveBallotMessage, toBase64url } from '$lib/respondent/blind-client';
import { sealSheet } from '$lib/respondent/seal-client';
import { castBallot } from '../ballot/cast';
import { loadCellForm } from '../ballot/cell-form';
import { privateKeyFromPkcs8 } from '../crypto/blind-signer';
import { cellKeyContext, openCellPrivateKey } from '../crypto/cell-keys';
import type { AppKey } from '../crypto/keyring';
import type { Db } from '../db/open';
import { DEMO_COMMUNES } from './demo-campaign';
import { COMMUNE_OFFSET, DEPARTMENT_TURNOUT, DONT_KNOW, type PastRound } from './demo-results-plan';

// Seeded, so the demo's figures are reproducible.
export function seededRandom(seed: number) {
	const next = mulberry32(seed);
	const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
	const shuffle = <T>(items: T[]): T[] => {
		const out = [...items];
		for (let i = out.length - 1; i > 0; i--) {
			const j = Math.floor(next() * (i + 1));
			[out[i], out[j]] = [out[j], out[i]];
		}
		return out;
	};
	return { next, normal, shuffle };
}
export type Random = ReturnType<typeof seededRandom>;

/** A question's lasting strength or weakness, the same every year (hash of its id). */
function questionOffset(questionId: string): number {
	let h = 2166136261;
	for (const c of questionId) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
	return (((h >>> 0) % 17) - 8) / 100;
}

/** The graded option nearest to a perceived quality x, or "Không biết" now and then. */
function pickOption(
	question: Questionnaire['sections'][number]['questions'][number],
	x: number,
	dontKnow: number,
	rng: Random
): string {
	const unknown = question.options.find((o) => o.dontKnow);
	if (unknown && rng.next() < dontKnow) return unknown.id;
	let best = question.options[0];
	for (const o of question.options) {
		if (o.weight === null) continue;
		if (best.weight === null || Math.abs(o.weight - x) < Math.abs(best.weight - x)) best = o;
	}
	return best.id;
}

/** One respondent's sheet: a personal leaning, the commune's, each question's and each rated unit's. */
function answerSheet(
	q: Questionnaire,
	ratedUnits: { id: string; offset: number }[],
	level: number,
	rng: Random
): SheetAnswers {
	const mood = rng.normal() * 0.12;
	const answers: Record<string, string> = {};
	for (const section of q.sections) {
		for (const unit of section.repeatPerRatedUnit ? ratedUnits : [null]) {
			for (const question of section.questions) {
				const x = level + mood + (unit?.offset ?? 0) + questionOffset(question.id) + rng.normal() * 0.2;
				answers[unit ? `${question.id}:${unit.id}` : question.id] = pickOption(
					question,
					x,
					unit ? DONT_KNOW.rated : DONT_KNOW.general,
					rng
				);
			}
		}
	}
	return { answers, comments: {} };
}

interface Ballot {
	cellId: number;
	key: KeyObject;
	answers: SheetAnswers;
}

/** Who answered in each cell (`who`), and as many sheets drawn from a stream of their own (`what`). */
export async function drawBallots(
	db: Db,
	appKey: AppKey,
	round: PastRound,
	campaignId: number,
	unitCodes: Map<number, string>,
	who: Random,
	what: Random
) {
	const cells = await db
		.selectFrom('reporting_cell')
		.select(['id', 'group_id', 'unit_id', 'private_key_enc'])
		.where('campaign_id', '=', campaignId)
		.orderBy('id')
		.execute();
	const ballots: Ballot[] = [];
	const submitters: number[] = [];
	for (const cell of cells) {
		const key = privateKeyFromPkcs8(
			openCellPrivateKey(appKey, cell.private_key_enc, cellKeyContext(campaignId, cell.group_id, cell.unit_id))
		);
		const members = (
			await db.selectFrom('person').select('id').where('cell_id', '=', cell.id).orderBy('id').execute()
		).map((p) => p.id);
		const commune = unitCodes.get(cell.unit_id)!;
		const pooled = !DEMO_COMMUNES.includes(commune);
		const count = pooled
			? Math.round(members.length * DEPARTMENT_TURNOUT)
			: commune === round.weak.commune
				? round.weak.sheets
				: 5 + Math.floor(who.next() * 3);
		submitters.push(...who.shuffle(members).slice(0, count));
		const form = (await loadCellForm(db, cell.id))!;
		const rated = form.ratedUnits.map((u) => {
			const code = unitCodes.get(Number(u.id))!;
			return {
				id: u.id,
				offset: pooled ? (COMMUNE_OFFSET[code] ?? 0) : (round.departments[code.replace(/^51\./, '')] ?? 0)
			};
		});
		const level = round.base + (pooled ? -0.03 : (COMMUNE_OFFSET[commune] ?? 0));
		for (let i = 0; i < count; i++)
			ballots.push({ cellId: cell.id, key, answers: answerSheet(form.questionnaire, rated, level, what) });
	}
	return { ballots: what.shuffle(ballots), submitters };
}

/** RSA-PSS SHA-384, salt 48, over the prepared message: what unblinding a blind signature yields. */
export async function castSigned(db: Db, slug: string, ballot: Ballot): Promise<void> {
	const message = await deriveBallotMessage(new Uint8Array(randomBytes(16)));
	const signature = sign('sha384', message, {
		key: ballot.key,
		padding: constants.RSA_PKCS1_PSS_PADDING,
		saltLength: 48
	});
	const form = (await loadCellForm(db, ballot.cellId))!;
	const sealed = await sealSheet(form.sealingKey!, form.campaignId, ballot.cellId, ballot.answers);
	const cast = await castBallot(db, slug, {
		cell: ballot.cellId,
		message: toBase64url(message),
		signature: toBase64url(signature),
		sealed
	});
	if (!cast.ok) throw new Error(`past round ${slug}: cast refused ${JSON.stringify(cast.error)}`);
}
