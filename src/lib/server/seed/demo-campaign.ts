// The demo's survey round: a few provincial departments, the default template, two respondent
// groups and about sixty invented respondents, opened so that reporting cells and keys exist.
import { staffActor } from '$lib/server/audit';
import type { Db } from '../db/open';
import type { RequestMeta } from '../audit';
import { createCampaign, saveGroup, type Staff } from '../campaigns/campaigns';
import { openCampaign } from '../campaigns/open';
import { ensureDefaultDocuments } from '../templates/documents';
import type { AppKey } from '../crypto/keyring';
import { upsertPeople, type PersonInput } from '../roster/people';
import { insertUnits, type UnitRecord } from '../units/units';
import { issueInvitations, type IssuedLink } from '../outreach/invitations';
import { demoOutbox } from '../outreach/outbox';
import { runDemoCeremony, type DemoShare } from './demo-committee';

// Illustrative codes: the departments' official electronic codes are not in our reference data.
export const DEMO_CAMPAIGN_TITLE = 'Điều tra xã hội học năm 2026';

export const DEMO_DEPARTMENTS: UnitRecord[] = [
	['SNV', 'Sở Nội vụ'],
	['STP', 'Sở Tư pháp'],
	['STC', 'Sở Tài chính'],
	['SYT', 'Sở Y tế'],
	['SGDDT', 'Sở Giáo dục và Đào tạo'],
	['SNNMT', 'Sở Nông nghiệp và Môi trường'],
	['SXD', 'Sở Xây dựng'],
	['VPUBND', 'Văn phòng UBND tỉnh']
].map(([code, name]) => ({ code: `51.${code}`, parentCode: '51', name, fullName: name, kind: 'sở', nameEn: null }));

/** The eight communes whose leaders answer in every demo round (real codes from the bundled units). */
export const DEMO_COMMUNES = ['21025', '21028', '21034', '21040', '21061', '21085', '21100', '21109'];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Phan', 'Trương', 'Đặng', 'Bùi'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thanh', 'Đức', 'Ngọc', 'Quốc', 'Thu'];
const GIVEN = [
	'An',
	'Bình',
	'Cường',
	'Dũng',
	'Hà',
	'Hải',
	'Hoa',
	'Hùng',
	'Lan',
	'Long',
	'Mai',
	'Nam',
	'Phương',
	'Quân',
	'Sơn',
	'Tâm',
	'Thảo',
	'Trung',
	'Tuấn',
	'Vy'
];

/** An invented Vietnamese full name, the i-th of a fixed sequence. */
export function demoFullName(i: number): string {
	return `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i * 3) % MIDDLE.length]} ${GIVEN[(i * 7) % GIVEN.length]}`;
}

function demoPerson(i: number, unitId: number, groupId: number, position: string): PersonInput {
	return {
		personalCode: `DEMO${String(i + 1).padStart(4, '0')}`,
		fullName: demoFullName(i),
		unitId,
		groupId,
		position,
		email: `demo${String(i + 1).padStart(4, '0')}@example.com`,
		phone: `+849${String(10_000_000 + i * 7919).slice(0, 8)}`
	};
}

/** The demo's two groups: commune leaders rate the departments, department leaders rate four communes. */
export async function saveDemoGroups(
	db: Db,
	campaignId: number,
	questionnaireVersionId: number,
	organiser: Staff,
	meta: RequestMeta,
	now?: number
) {
	const departments = DEMO_DEPARTMENTS.map((d) => d.code);
	const communeLeaders = await saveGroup(
		db,
		campaignId,
		{ code: 'LDX', name: 'Lãnh đạo UBND cấp xã', questionnaireVersionId, ratedUnitCodes: departments },
		organiser,
		meta,
		now
	);
	const deptLeaders = await saveGroup(
		db,
		campaignId,
		{ code: 'LDS', name: 'Lãnh đạo sở, ban, ngành', questionnaireVersionId, ratedUnitCodes: DEMO_COMMUNES.slice(0, 4) },
		organiser,
		meta,
		now
	);
	if (!communeLeaders.ok || !deptLeaders.ok) throw new Error('demo groups');
	return { communeLeaders, deptLeaders };
}

/**
 * Seeds the 2026 round and returns its personal links. `alongside` runs once this round holds its
 * campaign id, beside the opening's key generation (slow, one thread), to use the other cores.
 */
export async function seedDemoCampaign(
	db: Db,
	appKey: AppKey,
	organiser: Staff,
	meta: RequestMeta,
	origin: string,
	alongside?: () => Promise<unknown>
): Promise<{ links: IssuedLink[]; shares: DemoShare[] }> {
	await insertUnits(db, DEMO_DEPARTMENTS);
	const actor = staffActor(organiser);
	const docs = await ensureDefaultDocuments(db, actor, meta);
	const created = await createCampaign(
		db,
		{
			title: DEMO_CAMPAIGN_TITLE,
			slug: 'dtxh-2026',
			year: 2026,
			kThreshold: 5,
			opensOn: '2026-11-15',
			closesOn: '2027-01-15',
			scopeUnitCode: null,
			frameworkVersionId: docs.frameworkVersionId
		},
		organiser,
		meta
	);
	if (!created.ok) throw new Error(`demo campaign: ${JSON.stringify(created.errors)}`);
	const departments = DEMO_DEPARTMENTS.map((d) => d.code);
	const { communeLeaders, deptLeaders } = await saveDemoGroups(
		db,
		created.id,
		docs.questionnaireVersionId,
		organiser,
		meta
	);

	const ids = new Map((await db.selectFrom('unit').select(['id', 'code']).execute()).map((u) => [u.code, u.id]));
	const people: PersonInput[] = [];
	// Five commune leaders in each of eight communes: every commune is a reporting cell of its own.
	DEMO_COMMUNES.forEach((code) => {
		for (let j = 0; j < 5; j++)
			people.push(
				demoPerson(people.length, ids.get(code)!, communeLeaders.id, j === 0 ? 'Chủ tịch UBND' : 'Phó Chủ tịch UBND')
			);
	});
	// Three leaders per department: below k, so they pool into one province-level cell.
	departments.forEach((code) => {
		for (let j = 0; j < 3; j++)
			people.push(demoPerson(people.length, ids.get(code)!, deptLeaders.id, j === 0 ? 'Giám đốc' : 'Phó Giám đốc'));
	});
	await db.transaction().execute((trx) => upsertPeople(trx, created.id, people, Math.floor(Date.now() / 1000)));
	const shares = await runDemoCeremony(db, created.id, organiser, meta);
	const [opened] = await Promise.all([openCampaign(db, appKey, created.id, organiser, meta), alongside?.()]);
	if (!opened.ok) throw new Error(`demo campaign did not open: ${JSON.stringify(opened.reasons)}`);
	// Everyone gets a personal link; the demo outbox shows each one as if it had been mailed.
	const campaign = { id: created.id, state: 'open' as const, title: DEMO_CAMPAIGN_TITLE };
	const issued = await issueInvitations(db, campaign, 'missing', organiser, meta, {
		sender: demoOutbox({ quiet: true }),
		origin,
		demo: true
	});
	if (!issued.ok) throw new Error(`demo links: ${JSON.stringify(issued.error)}`);
	return { links: issued.links, shares };
}
