// The dashboard's counts kept up to date instead of recounted (issue 16): each person's progress on their
// row (person.progress), people per (campaign, unit, group) at each step of the funnel
// (participation_count) and first credentials per (campaign, unit, Vietnamese day) (participation_day).
// Whatever changes a person's links calls refreshParticipation in its own transaction; whatever changes
// the roster calls recountParticipation. Participation side only: people and their links, never a sheet.
import { sql, type Kysely, type Transaction } from 'kysely';
import { PROGRESS_SUBMITTED_BASE, sortByVietnameseName } from '$lib/domain/monitoring';
import { DAY_SECONDS, VN_OFFSET_SECONDS } from '$lib/domain/vietnam-time';
import type { Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * A person's progress from their links (p: the person row's alias): 0 without a counted link, 1 a link,
 * 2 opened, 3 verified; submitted: the base plus the Vietnamese day of the first credential. Only a
 * live link or a credential counts (a credential given on a link revoked later still does).
 * The constants are literals: a bound JS number is a REAL, which would make the day division fractional.
 */
const PROGRESS_OF_P = sql<number>`coalesce((
	select coalesce(
		(min(i.credential_at) + ${sql.lit(VN_OFFSET_SECONDS)}) / ${sql.lit(DAY_SECONDS)} + ${sql.lit(PROGRESS_SUBMITTED_BASE)},
		max(case when i.verified_at is not null then 3 when i.opened_at is not null then 2 else 1 end))
	from invitation i
	where i.person_id = p.id and (i.status = 'active' or i.credential_at is not null)), 0)`;

const at = (progress: number, step: number) => (progress >= step ? 1 : 0);

/** How a move from one progress to another changes the funnel's columns. */
function funnelDelta(from: number, to: number) {
	return {
		invited: at(to, 1) - at(from, 1),
		opened: at(to, 2) - at(from, 2),
		verified: at(to, 3) - at(from, 3),
		submitted: at(to, PROGRESS_SUBMITTED_BASE) - at(from, PROGRESS_SUBMITTED_BASE)
	};
}

/** The Vietnamese day of the first credential a progress records, or null before it. */
const dayOf = (progress: number) => (progress >= PROGRESS_SUBMITTED_BASE ? progress - PROGRESS_SUBMITTED_BASE : null);

const CHUNK = 500;

/**
 * After a change to these people's links (issued, opened, verified, credential, revoked), in the same
 * transaction: their progress is read again from their links and, where it moved, their row and the
 * counters follow. One indexed read per 500 people; one person who moved: one UPDATE of their row and one
 * of their (unit, group) counter, plus one of a day counter when the credential's day changes; several: the
 * same statements grouped (moveProgresses).
 */
export async function refreshParticipation(trx: Executor, personIds: number | readonly number[]): Promise<void> {
	const ids = typeof personIds === 'number' ? [personIds] : personIds;
	for (let i = 0; i < ids.length; i += CHUNK) {
		const rows = await trx
			.selectFrom('person as p')
			.select(['p.id', 'p.campaign_id', 'p.unit_id', 'p.group_id', 'p.progress', PROGRESS_OF_P.as('now')])
			.where('p.id', 'in', ids.slice(i, i + CHUNK))
			.execute();
		const moved = rows.map((r) => ({ ...r, to: Number(r.now) })).filter((r) => r.to !== r.progress);
		if (moved.length === 1) await moveProgress(trx, moved[0], moved[0].progress, moved[0].to);
		else if (moved.length > 1) await moveProgresses(trx, moved);
	}
}

type Move = { id: number; campaign_id: number; unit_id: number; group_id: number; progress: number; to: number };

/**
 * Many people's moves (links issued to a unit, a reminder run) in a few statements: one UPDATE of the rows per
 * new progress value and one per counter row touched, instead of a round trip or two per person (PostgreSQL).
 */
async function moveProgresses(trx: Executor, moved: Move[]): Promise<void> {
	const byProgress = new Map<number, number[]>();
	type Counter = Pick<Move, 'campaign_id' | 'unit_id' | 'group_id'> & ReturnType<typeof funnelDelta>;
	const counts = new Map<string, Counter>();
	const days = new Map<string, { campaign_id: number; unit_id: number; day: number; change: number }>();
	const addDay = (m: Move, day: number | null, change: number) => {
		if (day === null) return;
		const key = `${m.campaign_id}:${m.unit_id}:${day}`;
		const row = days.get(key) ?? { campaign_id: m.campaign_id, unit_id: m.unit_id, day, change: 0 };
		days.set(key, row);
		row.change += change;
	};
	for (const m of moved) {
		const ids = byProgress.get(m.to) ?? [];
		byProgress.set(m.to, ids);
		ids.push(m.id);
		const key = `${m.campaign_id}:${m.unit_id}:${m.group_id}`;
		const { campaign_id, unit_id, group_id } = m;
		const row = counts.get(key) ?? { campaign_id, unit_id, group_id, invited: 0, opened: 0, verified: 0, submitted: 0 };
		counts.set(key, row);
		const d = funnelDelta(m.progress, m.to);
		row.invited += d.invited;
		row.opened += d.opened;
		row.verified += d.verified;
		row.submitted += d.submitted;
		if (dayOf(m.progress) !== dayOf(m.to)) {
			addDay(m, dayOf(m.progress), -1);
			addDay(m, dayOf(m.to), 1);
		}
	}
	for (const [to, ids] of byProgress)
		await trx.updateTable('person').set({ progress: to }).where('id', 'in', ids).execute();
	for (const c of counts.values())
		await sql`update participation_count
			set invited = invited + ${c.invited}, opened = opened + ${c.opened}, verified = verified + ${c.verified},
				submitted = submitted + ${c.submitted}
			where campaign_id = ${c.campaign_id} and unit_id = ${c.unit_id} and group_id = ${c.group_id}`.execute(trx);
	for (const d of days.values()) {
		if (d.change < 0)
			await sql`update participation_day set submitted = submitted + ${d.change}
				where campaign_id = ${d.campaign_id} and unit_id = ${d.unit_id} and day = ${d.day}`.execute(trx);
		else if (d.change > 0)
			await sql`insert into participation_day (campaign_id, unit_id, day, submitted)
				values (${d.campaign_id}, ${d.unit_id}, ${d.day}, ${d.change})
				on conflict (campaign_id, unit_id, day) do update set submitted = participation_day.submitted + ${d.change}`.execute(
				trx
			);
	}
}

/** refreshParticipation for the person holding this invitation (the respondent's steps know the invitation only). */
export async function refreshParticipationOf(trx: Executor, invitationId: number): Promise<void> {
	const r = await trx
		.selectFrom('invitation as i')
		.innerJoin('person as p', 'p.id', 'i.person_id')
		.select(['p.id', 'p.campaign_id', 'p.unit_id', 'p.group_id', 'p.progress', PROGRESS_OF_P.as('now')])
		.where('i.id', '=', invitationId)
		.executeTakeFirst();
	if (r && Number(r.now) !== r.progress) await moveProgress(trx, r, r.progress, Number(r.now));
}

async function moveProgress(
	trx: Executor,
	p: { id: number; campaign_id: number; unit_id: number; group_id: number },
	from: number,
	to: number
): Promise<void> {
	// Plain statements: this runs on the respondent's path, where building queries is most of the cost.
	await sql`update person set progress = ${to} where id = ${p.id}`.execute(trx);
	const d = funnelDelta(from, to);
	await sql`update participation_count
		set invited = invited + ${d.invited}, opened = opened + ${d.opened}, verified = verified + ${d.verified},
			submitted = submitted + ${d.submitted}
		where campaign_id = ${p.campaign_id} and unit_id = ${p.unit_id} and group_id = ${p.group_id}`.execute(trx);
	const [before, after] = [dayOf(from), dayOf(to)];
	if (before === after) return;
	if (before !== null)
		await sql`update participation_day set submitted = submitted - 1
			where campaign_id = ${p.campaign_id} and unit_id = ${p.unit_id} and day = ${before}`.execute(trx);
	if (after !== null)
		await sql`insert into participation_day (campaign_id, unit_id, day, submitted)
			values (${p.campaign_id}, ${p.unit_id}, ${after}, 1)
			on conflict (campaign_id, unit_id, day) do update set submitted = participation_day.submitted + 1`.execute(trx);
}

/**
 * The whole campaign counted again from its people and links, with the name order: after a roster change
 * (import, clearing), the demo seed, or anything that wrote rows around refreshParticipation. O(people).
 */
export async function recountParticipation(trx: Executor, campaignId: number): Promise<void> {
	await sql`update person as p set progress = ${PROGRESS_OF_P} where p.campaign_id = ${campaignId}`.execute(trx);
	await rankNames(trx, campaignId);
	await trx.deleteFrom('participation_count').where('campaign_id', '=', campaignId).execute();
	await trx.deleteFrom('participation_day').where('campaign_id', '=', campaignId).execute();
	const step = (n: number) => sql<number>`sum(case when progress >= ${sql.lit(n)} then 1 else 0 end)`;
	await trx
		.insertInto('participation_count')
		.columns(['campaign_id', 'unit_id', 'group_id', 'people', 'invited', 'opened', 'verified', 'submitted'])
		.expression(
			trx
				.selectFrom('person')
				.select([
					'campaign_id',
					'unit_id',
					'group_id',
					(eb) => eb.fn.countAll<number>().as('people'),
					step(1).as('invited'),
					step(2).as('opened'),
					step(3).as('verified'),
					step(PROGRESS_SUBMITTED_BASE).as('submitted')
				])
				.where('campaign_id', '=', campaignId)
				.groupBy(['campaign_id', 'unit_id', 'group_id'])
		)
		.execute();
	const day = sql<number>`progress - ${sql.lit(PROGRESS_SUBMITTED_BASE)}`;
	await trx
		.insertInto('participation_day')
		.columns(['campaign_id', 'unit_id', 'day', 'submitted'])
		.expression(
			trx
				.selectFrom('person')
				.select(['campaign_id', 'unit_id', day.as('day'), (eb) => eb.fn.countAll<number>().as('submitted')])
				.where('campaign_id', '=', campaignId)
				.where('progress', '>=', PROGRESS_SUBMITTED_BASE)
				.groupBy(['campaign_id', 'unit_id', day])
		)
		.execute();
}

/** Ranks the campaign's distinct names in the dashboard's order (ties share a rank) and writes them in one statement. */
async function rankNames(trx: Executor, campaignId: number): Promise<void> {
	const names = (
		await trx.selectFrom('person').select('full_name').distinct().where('campaign_id', '=', campaignId).execute()
	).map((r) => r.full_name);
	if (names.length === 0) return;
	const order = sortByVietnameseName([...names], (n) => n);
	const collator = new Intl.Collator('vi');
	const keyOf = (n: string) => {
		const parts = n.split(' ');
		return [parts[parts.length - 1], parts[0], parts.slice(1, -1).join(' '), n];
	};
	let rank = 0;
	let prev: string[] | null = null;
	const ranked = order.map((name, i) => {
		const key = keyOf(name);
		if (!prev || key.some((k, j) => collator.compare(k, prev![j]) !== 0)) rank = i + 1;
		prev = key;
		return { full_name: name, name_rank: rank };
	});
	// A temporary table per transaction: the one UPDATE joins on it by name.
	await sql`create temporary table if not exists name_rank_fill (full_name text primary key, name_rank integer not null)`.execute(
		trx
	);
	await sql`delete from name_rank_fill`.execute(trx);
	for (let i = 0; i < ranked.length; i += 400) {
		const part = ranked.slice(i, i + 400);
		await sql`insert into name_rank_fill (full_name, name_rank) values ${sql.join(
			part.map((r) => sql`(${r.full_name}, ${r.name_rank})`)
		)}`.execute(trx);
	}
	await sql`update person set name_rank = (select r.name_rank from name_rank_fill r where r.full_name = person.full_name)
		where campaign_id = ${campaignId}`.execute(trx);
	await sql`delete from name_rank_fill`.execute(trx);
}
