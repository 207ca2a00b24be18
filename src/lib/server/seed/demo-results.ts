// The demo's published past rounds (2025, 2024): the same template, groups and communes as the 2026
// round, with answers sealed and cast through the real ballot path (cell key, signature on m, the sheet
// sealed to the committee key, castBallot), then opened by the demo committee (two shares of three)
// through the real opening, so analysts have results, suppressed cells and a year-over-year comparison.
import { staffActor, type RequestMeta } from '../audit';
import { advanceCampaign, createCampaign, type Staff } from '../campaigns/campaigns';
import { openCampaign } from '../campaigns/open';
import type { AppKey } from '../crypto/keyring';
import type { Db } from '../db/open';
import { issueInvitations } from '../outreach/invitations';
import { demoOutbox } from '../outreach/outbox';
import { upsertPeople, type PersonInput } from '../roster/people';
import { ensureDefaultDocuments } from '../templates/documents';
import { vietnamMidnight } from '$lib/domain/vietnam-time';
import { openWithDemoShares, runDemoCeremony, type DemoShare } from './demo-committee';
import { DEMO_COMMUNES, DEMO_DEPARTMENTS, demoFullName, saveDemoGroups } from './demo-campaign';
import { markParticipation } from './demo-results-participation';
import { COMMUNE_LEADERS, DEPARTMENT_LEADERS, PAST_ROUNDS, type PastRound } from './demo-results-plan';
import { castSigned, drawBallots, seededRandom } from './demo-results-sheets';

export interface PastRoundSummary {
	id: number;
	slug: string;
	title: string;
	year: number;
	people: number;
	sheets: number;
}

/** Unix seconds of a wall-clock hour in Vietnam on a calendar date ("2025-11-15"). */
function vnTime(date: string, hour = 8): number {
	return vietnamMidnight(date)! + hour * 3600;
}

const titleOf = (round: PastRound) => `Điều tra xã hội học năm ${round.year}`;

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
			title: titleOf(round),
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
	const campaign = { id: created.id, state: 'open' as const, title: titleOf(round) };
	const issued = await issueInvitations(
		db,
		campaign,
		'missing',
		organiser,
		meta,
		{ sender: demoOutbox({ quiet: true }), origin: 'http://localhost', demo: false, deliver: false },
		opened + 3600
	);
	if (!issued.ok) throw new Error(`past round ${round.slug}: ${JSON.stringify(issued.error)}`);
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
	return {
		id: created.id,
		slug: round.slug,
		title: titleOf(round),
		year: round.year,
		people: created.people,
		sheets: ballots.length
	};
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
