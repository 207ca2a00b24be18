// The dashboard's counts kept up to date instead of recounted (issue 16): each person's progress and
// place in Vietnamese name order on their row, people per (campaign, unit, group) at each step of the
// funnel, and first credentials per (campaign, unit, Vietnamese day). Participation side only: people
// and their links, never a sheet. Filled here from the existing rows.
// Frozen in time: never import application code from a migration.
import { sql, type Kysely } from 'kysely';

/** A person's progress: 0 no counted link, 1 link, 2 opened, 3 verified, 10 + Vietnamese day of the first credential. */
const PROGRESS = sql`coalesce((
	select coalesce((min(i.credential_at) + 25200) / 86400 + 10,
		max(case when i.verified_at is not null then 3 when i.opened_at is not null then 2 else 1 end))
	from invitation i
	where i.person_id = person.id and (i.status = 'active' or i.credential_at is not null)), 0)`;

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('person')
		.addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema
		.alterTable('person')
		.addColumn('name_rank', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	// A page of non-respondents walks this index only: unit, name order, and whether they submitted.
	await db.schema
		.createIndex('person_pending_order_idx')
		.on('person')
		.columns(['campaign_id', 'unit_id', 'name_rank', 'id', 'progress'])
		.execute();
	await db.schema
		.createTable('participation_count')
		.addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
		.addColumn('unit_id', 'integer', (c) => c.notNull())
		.addColumn('group_id', 'integer', (c) => c.notNull())
		.addColumn('people', 'integer', (c) => c.notNull())
		.addColumn('invited', 'integer', (c) => c.notNull())
		.addColumn('opened', 'integer', (c) => c.notNull())
		.addColumn('verified', 'integer', (c) => c.notNull())
		.addColumn('submitted', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('participation_count_pk', ['campaign_id', 'unit_id', 'group_id'])
		.execute();
	await db.schema
		.createTable('participation_day')
		.addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
		.addColumn('unit_id', 'integer', (c) => c.notNull())
		.addColumn('day', 'integer', (c) => c.notNull())
		.addColumn('submitted', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('participation_day_pk', ['campaign_id', 'unit_id', 'day'])
		.execute();

	await sql`update person set progress = ${PROGRESS}`.execute(db);
	await sql`insert into participation_count (campaign_id, unit_id, group_id, people, invited, opened, verified, submitted)
		select campaign_id, unit_id, group_id, count(*),
			sum(case when progress >= 1 then 1 else 0 end), sum(case when progress >= 2 then 1 else 0 end),
			sum(case when progress >= 3 then 1 else 0 end), sum(case when progress >= 10 then 1 else 0 end)
		from person group by campaign_id, unit_id, group_id`.execute(db);
	await sql`insert into participation_day (campaign_id, unit_id, day, submitted)
		select campaign_id, unit_id, progress - 10, count(*) from person where progress >= 10
		group by campaign_id, unit_id, progress - 10`.execute(db);

	// Name order as the dashboard sorts (given name, family name, middle names, whole name; Vietnamese
	// collation): ranks per distinct name, written through a temporary table in one statement.
	const collator = new Intl.Collator('vi');
	const names = (await db.selectFrom('person').select('full_name').distinct().execute()).map((r) => {
		const name = r.full_name as string;
		const parts = name.split(' ');
		return { name, key: [parts[parts.length - 1], parts[0], parts.slice(1, -1).join(' '), name] };
	});
	const compare = (a: string[], b: string[]) => {
		for (let i = 0; i < 4; i++) {
			const c = collator.compare(a[i], b[i]);
			if (c !== 0) return c;
		}
		return 0;
	};
	names.sort((a, b) => compare(a.key, b.key));
	await db.schema
		.createTable('name_rank_fill')
		.temporary()
		.addColumn('full_name', 'text', (c) => c.primaryKey())
		.addColumn('name_rank', 'integer', (c) => c.notNull())
		.execute();
	let rank = 0;
	const ranked = names.map((n, i) => {
		if (i === 0 || compare(n.key, names[i - 1].key) !== 0) rank = i + 1;
		return { full_name: n.name, name_rank: rank };
	});
	for (let i = 0; i < ranked.length; i += 400)
		await db
			.insertInto('name_rank_fill')
			.values(ranked.slice(i, i + 400))
			.execute();
	await sql`update person set name_rank = (select r.name_rank from name_rank_fill r where r.full_name = person.full_name)`.execute(
		db
	);
	await db.schema.dropTable('name_rank_fill').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('participation_day').execute();
	await db.schema.dropTable('participation_count').execute();
	await db.schema.dropIndex('person_pending_order_idx').execute();
	await db.schema.alterTable('person').dropColumn('name_rank').execute();
	await db.schema.alterTable('person').dropColumn('progress').execute();
}
