// The demo's published past rounds (2025, 2024): the same template, groups and communes as the 2026
// round, with answers sealed and cast through the real ballot path (cell key, signature on m, the sheet
// sealed to the committee key, castBallot), then opened by the demo committee (two shares of three)
// through the real opening, so analysts have results, suppressed cells and a year-over-year comparison.
import { constants, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { Questionnaire } from '$lib/domain/questionnaire';
import type { SheetAnswers } from '$lib/domain/ballot';
import { deriveBallotMessage, toBase64url } from '$lib/respondent/blind-client';
import { sealSheet } from '$lib/respondent/seal-client';
import { openWithDemoShares, runDemoCeremony, type DemoShare } from './demo-committee';
import { staffActor, type RequestMeta } from '../audit';
import { castBallot } from '../ballot/cast';
import { loadCellForm } from '../ballot/cell-form';
import { privateKeyFromPkcs8 } from '../crypto/blind-signer';
import { advanceCampaign, createCampaign, type Staff } from '../campaigns/campaigns';
import { openCampaign } from '../campaigns/open';
import { cellKeyContext, openCellPrivateKey } from '../crypto/cell-keys';
import type { Db } from '../db/open';
import { ensureDefaultDocuments } from '../templates/documents';
import type { AppKey } from '../crypto/keyring';
import { upsertPeople, type PersonInput } from '../roster/people';
import { issueInvitations } from '../outreach/invitations';
import { demoOutbox } from '../outreach/outbox';
import { DEMO_COMMUNES, DEMO_DEPARTMENTS, demoFullName, saveDemoGroups } from './demo-campaign';
import { mulberry32 } from '$lib/domain/random';

export interface PastRound {
	slug: string;
	year: number;
	/** Mean answer weight before offsets: 2025 a little better than 2024. */
	base: number;
	/** How each department is seen by the commune leaders that year (added to base). */
	departments: Record<string, number>;
	/** The commune whose leaders hardly answered, and how many did: below k, so it is suppressed. */
	weak: { commune: string; sheets: number };
}

export const PAST_ROUNDS: readonly PastRound[] = [
	{
		slug: 'dtxh-2025',
		year: 2025,
		base: 0.7,
		departments: { SNV: 0.1, STP: 0.05, STC: 0.03, SYT: -0.02, SGDDT: 0.06, SNNMT: -0.09, SXD: -0.06, VPUBND: 0.12 },
		weak: { commune: '21100', sheets: 2 }
	},
	{
		slug: 'dtxh-2024',
		year: 2024,
		base: 0.62,
		departments: { SNV: 0.06, STP: 0.04, STC: 0, SYT: -0.08, SGDDT: 0.02, SNNMT: -0.12, SXD: -0.04, VPUBND: 0.1 },
		weak: { commune: '21100', sheets: 3 }
	}
];

const COMMUNE_LEADERS = 7;
const DEPARTMENT_LEADERS = 3;
/** Share of department leaders who answered (they pool into one province-level cell). */
const DEPARTMENT_TURNOUT = 0.8;
const DONT_KNOW = { general: 0.04, rated: 0.07 };
const COMMUNE_OFFSET: Record<string, number> = {
	'21025': 0.05,
	'21028': 0.02,
	'21034': -0.03,
	'21040': 0.04,
	'21061': -0.05,
	'21085': 0.0,
	'21100': -0.02,
	'21109': 0.03
};

export interface PastRoundSummary {
	id: number;
	slug: string;
	year: number;
	people: number;
	sheets: number;
}

// Seeded, so the demo's figures are reproducible.
function seededRandom(seed: number) {
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
type Random = ReturnType<typeof seededRandom>;

/** Unix seconds of a wall-clock time in Vietnam. */
function vnTime(date: string, hour = 8): number {
	return Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00+07:00`) / 1000;
}

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

function roundPeople(round: PastRound, ids: Map<string, number>, groups: { ldx: number; lds: number }): PersonInput[] {
	const people: PersonInput[] = [];
	const add = (unitCode: string, groupId: number, position: string) => {
		const n = people.length + 1;
		const tag = `${round.year}${String(n).padStart(4, '0')}`;
		people.push({
			personalCode: `DT${tag}`,
			fullName: demoFullName(n * 7 + round.year),
			unitId: ids.get(unitCode)!,
			groupId,
			position,
			email: `dt${tag}@example.com`,
			phone: `+8488${String(round.year % 100).padStart(2, '0')}${String(n).padStart(5, '0')}`
		});
	};
	for (const code of DEMO_COMMUNES) {
		for (let j = 0; j < COMMUNE_LEADERS; j++)
			add(code, groups.ldx, j === 0 ? 'Chủ tịch UBND' : j < 3 ? 'Phó Chủ tịch UBND' : 'Ủy viên UBND');
	}
	for (const d of DEMO_DEPARTMENTS) {
		for (let j = 0; j < DEPARTMENT_LEADERS; j++) add(d.code, groups.lds, j === 0 ? 'Giám đốc' : 'Phó Giám đốc');
	}
	return people;
}

interface CreatedRound {
	id: number;
	people: number;
	unitCodes: Map<number, string>;
	shares: DemoShare[];
}

/** Creates a round (draft), its groups and roster; returns what opening and answering need. */
async function createRound(db: Db, round: PastRound, organiser: Staff, meta: RequestMeta): Promise<CreatedRound> {
	const created = vnTime(`${round.year}-10-01`, 9);
	const docs = await ensureDefaultDocuments(db, staffActor(organiser), meta, created);
	const campaign = await createCampaign(
		db,
		{
			title: `Điều tra xã hội học năm ${round.year}`,
			slug: round.slug,
			year: round.year,
			kThreshold: 5,
			opensOn: `${round.year}-11-15`,
			closesOn: `${round.year + 1}-01-15`,
			scopeUnitCode: null,
			frameworkVersionId: docs.frameworkVersionId
		},
		organiser,
		meta,
		created
	);
	if (!campaign.ok) throw new Error(`past round ${round.slug}: ${JSON.stringify(campaign.errors)}`);
	const { communeLeaders, deptLeaders } = await saveDemoGroups(
		db,
		campaign.id,
		docs.questionnaireVersionId,
		organiser,
		meta,
		created
	);
	const ids = new Map((await db.selectFrom('unit').select(['id', 'code']).execute()).map((u) => [u.code, u.id]));
	const people = roundPeople(round, ids, { ldx: communeLeaders.id, lds: deptLeaders.id });
	await db.transaction().execute((trx) => upsertPeople(trx, campaign.id, people, created));
	const shares = await runDemoCeremony(db, campaign.id, organiser, meta, created);
	return {
		id: campaign.id,
		people: people.length,
		unitCodes: new Map([...ids].map(([code, id]) => [id, code])),
		shares
	};
}

interface Ballot {
	cellId: number;
	key: KeyObject;
	answers: SheetAnswers;
}

/** Who answered in each cell (`who`), and as many sheets drawn from a stream of their own (`what`). */
async function drawBallots(
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
async function castSigned(db: Db, slug: string, ballot: Ballot): Promise<void> {
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

/**
 * The participation side: every person gets a link; those who answered are marked credentialed at
 * times spread over the round, in an order of their own (nothing ties a person to a sheet).
 */
async function markParticipation(
	db: Db,
	campaignId: number,
	submitters: number[],
	opened: number,
	closes: number,
	rng: Random
) {
	const done = new Set(submitters);
	const invitations = await db
		.selectFrom('invitation')
		.select(['id', 'person_id'])
		.where('campaign_id', '=', campaignId)
		.where('status', '=', 'active')
		.execute();
	const span = closes - opened - 86400;
	const times = submitters.map(() => opened + 86400 + Math.floor(rng.next() * span)).sort((a, b) => a - b);
	const order = rng.shuffle([...done]);
	const at = new Map(order.map((personId, i) => [personId, times[i]]));
	await db.transaction().execute(async (trx) => {
		for (const inv of invitations) {
			const t = at.get(inv.person_id);
			if (t !== undefined) {
				await trx
					.updateTable('invitation')
					.set({
						opened_at: t - 600 - Math.floor(rng.next() * 3 * 86400),
						verified_at: t - 300,
						attested_at: t - 120,
						attestation: 'personal',
						credential_at: t
					})
					.where('id', '=', inv.id)
					.execute();
			} else if (rng.next() < 0.5) {
				// Some who never answered still opened their link.
				await trx
					.updateTable('invitation')
					.set({ opened_at: opened + Math.floor(rng.next() * span) })
					.where('id', '=', inv.id)
					.execute();
			}
		}
	});
}

async function seedRound(
	db: Db,
	appKey: AppKey,
	round: PastRound,
	created: CreatedRound,
	organiser: Staff,
	committee: Map<string, Staff>,
	meta: RequestMeta
): Promise<PastRoundSummary> {
	const who = seededRandom(round.year);
	const what = seededRandom(round.year * 31 + 7);
	const opened = vnTime(`${round.year}-11-15`);
	const closes = vnTime(`${round.year + 1}-01-15`, 17);
	const campaign = { id: created.id, state: 'open' as const, title: `Điều tra xã hội học năm ${round.year}` };
	const issued = await issueInvitations(
		db,
		campaign,
		'missing',
		organiser,
		meta,
		{ sender: demoOutbox({ quiet: true }), origin: 'http://localhost', demo: false, deliver: false },
		opened + 3600
	);
	if (!issued.ok) throw new Error(`past round ${round.slug}: ${issued.error}`);
	const { ballots, submitters } = await drawBallots(db, appKey, round, created.id, created.unitCodes, who, what);
	for (const ballot of ballots) await castSigned(db, round.slug, ballot);
	await markParticipation(db, created.id, submitters, opened, closes, who);
	const closed = await advanceCampaign(db, created.id, 'close', organiser, meta, vnTime(`${round.year + 1}-01-16`));
	if (!closed.ok) throw new Error(`past round ${round.slug}: close ${JSON.stringify(closed.errors)}`);
	await openWithDemoShares(db, created.shares, committee, meta, vnTime(`${round.year + 1}-01-20`, 9));
	const published = await advanceCampaign(
		db,
		created.id,
		'publish',
		organiser,
		meta,
		vnTime(`${round.year + 1}-02-10`, 10)
	);
	if (!published.ok) throw new Error(`past round ${round.slug}: publish ${JSON.stringify(published.errors)}`);
	return { id: created.id, slug: round.slug, year: round.year, people: created.people, sheets: ballots.length };
}

/**
 * Seeds the published rounds 2025 and 2024. Needs the bundled units and the demo departments
 * (seedDemoCampaign inserts them). Times are those of each round (opened mid-November, closed in
 * January, published in February), so their audit events carry those dates.
 */
export async function seedPastRounds(
	db: Db,
	appKey: AppKey,
	organiser: Staff,
	committee: Map<string, Staff>,
	meta: RequestMeta
): Promise<PastRoundSummary[]> {
	const created: CreatedRound[] = [];
	for (const round of PAST_ROUNDS) created.push(await createRound(db, round, organiser, meta));
	// Opening generates one RSA key per cell (the slow part): both rounds at once use both cores.
	const opened = await Promise.all(
		PAST_ROUNDS.map((round, i) =>
			openCampaign(db, appKey, created[i].id, organiser, meta, vnTime(`${round.year}-11-15`))
		)
	);
	opened.forEach((o, i) => {
		if (!o.ok) throw new Error(`past round ${PAST_ROUNDS[i].slug} did not open: ${JSON.stringify(o.reasons)}`);
	});
	const out: PastRoundSummary[] = [];
	for (const [i, round] of PAST_ROUNDS.entries())
		out.push(await seedRound(db, appKey, round, created[i], organiser, committee, meta));
	return out;
}
