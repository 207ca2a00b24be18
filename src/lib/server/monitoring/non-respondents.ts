// The people of a unit (and its subtree) who have not submitted: a paged list for the dashboard and
// the whole list a few units at a time (for the XLSX file). Ordered by unit (tree order) then by Vietnamese
// name: each person's place in name order and progress are kept on their row (counts.ts), so a page walks
// one index of the units it spans and reads the details of its own 50 people only.
import { sql } from 'kysely';
import {
	childrenIndex,
	nonRespondentState,
	PROGRESS_SUBMITTED_BASE,
	type NonRespondentState,
	type TreeUnit
} from '$lib/domain/monitoring';
import type { Db } from '../db/open';
import { inIds } from '../db/portable';
import type { MonitorScope } from './monitoring';

export interface NonRespondent {
	personId: number;
	fullName: string;
	position: string | null;
	unitCode: string;
	unitName: string;
	groupCode: string;
	state: NonRespondentState;
	/** When the latest reminder to this person was sent (unix seconds), if ever. */
	lastReminderAt: number | null;
	/** Only in the organisers' file, so they can chase people directly: never on the dashboard page. */
	contacts?: { email: string | null; phone: string | null };
}

/** The scope's units in tree order (children by code), each with its own number of non-respondents. */
function unitsInOrder(scope: MonitorScope): { unit: TreeUnit; pending: number }[] {
	const index = childrenIndex(scope.units);
	for (const list of index.values()) list.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
	const out: { unit: TreeUnit; pending: number }[] = [];
	const seen = new Set<number>();
	const visit = (u: TreeUnit) => {
		if (seen.has(u.id) || !scope.subtree.has(u.id)) return;
		seen.add(u.id);
		const c = scope.direct.get(u.id);
		if (c && c.people > c.submitted) out.push({ unit: u, pending: c.people - c.submitted });
		for (const child of index.get(u.id) ?? []) visit(child);
	};
	const start =
		scope.currentId === null ? (index.get(null) ?? []) : scope.units.filter((u) => u.id === scope.currentId);
	for (const u of start) visit(u);
	return out;
}

/** Not submitted: the kept progress is below the submitted base (a literal, for the index). */
const NOT_SUBMITTED = sql<boolean>`p.progress < ${sql.lit(PROGRESS_SUBMITTED_BASE)}`;

/** Non-respondents of the given units with everything shown about them, in the given order of units. */
async function fetchNonRespondents(
	db: Db,
	campaignId: number,
	units: TreeUnit[],
	onlyIds?: number[],
	withContacts = false
): Promise<NonRespondent[]> {
	if (units.length === 0) return [];
	// One parameter per list, however long: no cap on bound variables to worry about.
	// Given ids (read from this campaign's index just before), only those rows are read, by primary key: a
	// campaign condition beside them would lead SQLite to walk the whole campaign instead.
	const which = onlyIds
		? inIds(db, 'p.id', onlyIds)
		: sql`p.campaign_id = ${campaignId} and ${inIds(
				db,
				'p.unit_id',
				units.map((u) => u.id)
			)}`;
	const { rows } = await sql<{
		id: number;
		full_name: string;
		position: string | null;
		email: string | null;
		phone: string | null;
		unit_id: number;
		group_code: string;
		link: number | null;
		opened_at: number | null;
		verified_at: number | null;
		last_reminder: number | null;
	}>`
		select p.id, p.full_name, p.position, p.email, p.phone, p.unit_id, g.code as group_code,
			a.id as link, a.opened_at, a.verified_at,
			(select max(d.sent_at) from delivery d where d.person_id = p.id and d.kind = 'reminder' and d.status = 'sent') as last_reminder
		from person p
		join respondent_group g on g.id = p.group_id
		left join invitation a on a.person_id = p.id and a.status = 'active'
		where ${which}
			and ${NOT_SUBMITTED}
		order by p.name_rank, p.id`.execute(db);
	const byUnit = new Map<number, typeof rows>();
	for (const r of rows) {
		const list = byUnit.get(r.unit_id);
		if (list) list.push(r);
		else byUnit.set(r.unit_id, [r]);
	}
	const out: NonRespondent[] = [];
	for (const u of units) {
		for (const r of byUnit.get(u.id) ?? []) {
			out.push({
				personId: r.id,
				fullName: r.full_name,
				position: r.position,
				unitCode: u.code,
				unitName: u.name,
				groupCode: r.group_code,
				state: nonRespondentState({ hasLink: r.link !== null, openedAt: r.opened_at, verifiedAt: r.verified_at }),
				lastReminderAt: r.last_reminder,
				...(withContacts ? { contacts: { email: r.email, phone: r.phone } } : {})
			});
		}
	}
	return out;
}

/** Ids of one unit's non-respondents in name order, from the `skip`-th on: a walk of one index. */
async function idsInUnit(db: Db, campaignId: number, unitId: number, skip: number, take: number): Promise<number[]> {
	const rows = await db
		.selectFrom('person as p')
		.select('p.id')
		.where('p.campaign_id', '=', campaignId)
		.where('p.unit_id', '=', unitId)
		.where(NOT_SUBMITTED)
		.orderBy('p.name_rank')
		.orderBy('p.id')
		.limit(take)
		.offset(skip)
		.execute();
	return rows.map((r) => r.id);
}

export interface NonRespondentPage {
	rows: NonRespondent[];
	total: number;
	page: number;
	pages: number;
}

export const NON_RESPONDENT_PAGE_SIZE = 50;

/** One page of the list; a page past the end shows the last one. */
export async function listNonRespondents(
	db: Db,
	campaignId: number,
	scope: MonitorScope,
	page: number,
	pageSize = NON_RESPONDENT_PAGE_SIZE
): Promise<NonRespondentPage> {
	const order = unitsInOrder(scope);
	const total = order.reduce((n, u) => n + u.pending, 0);
	const pages = Math.max(1, Math.ceil(total / pageSize));
	const current = Math.min(Math.max(1, page), pages);
	const from = (current - 1) * pageSize;
	const to = from + pageSize;
	// Only the units this page touches are read: in each, from where the page starts in it.
	const ids: number[] = [];
	const spanned: TreeUnit[] = [];
	let at = 0;
	for (const { unit, pending } of order) {
		if (at >= to) break;
		if (at + pending > from) {
			const skip = Math.max(0, from - at);
			spanned.push(unit);
			ids.push(...(await idsInUnit(db, campaignId, unit.id, skip, Math.min(pending - skip, to - at - skip))));
		}
		at += pending;
	}
	const details = new Map((await fetchNonRespondents(db, campaignId, spanned, ids)).map((r) => [r.personId, r]));
	return { rows: ids.flatMap((id) => details.get(id) ?? []), total, page: current, pages };
}

/** People per query when reading a whole subtree: the server stays responsive between batches. */
const BATCH_PEOPLE = 2000;

/** Every non-respondent of the scope, in list order, a few units at a time; with their contacts if asked. */
export async function* nonRespondentBatches(
	db: Db,
	campaignId: number,
	scope: MonitorScope,
	{ contacts = false }: { contacts?: boolean } = {}
): AsyncGenerator<NonRespondent[]> {
	let batch: TreeUnit[] = [];
	let size = 0;
	for (const { unit, pending } of unitsInOrder(scope)) {
		batch.push(unit);
		size += pending;
		if (size >= BATCH_PEOPLE) {
			yield await fetchNonRespondents(db, campaignId, batch, undefined, contacts);
			await new Promise((resolve) => setImmediate(resolve));
			batch = [];
			size = 0;
		}
	}
	if (batch.length) yield await fetchNonRespondents(db, campaignId, batch, undefined, contacts);
}

export async function allNonRespondents(db: Db, campaignId: number, scope: MonitorScope): Promise<NonRespondent[]> {
	const out: NonRespondent[] = [];
	for await (const batch of nonRespondentBatches(db, campaignId, scope)) out.push(...batch);
	return out;
}
