// `npx tsx tests/bench/monitor.ts`: the campaign dashboard at 100,000 invitations, in-process on a
// real SQLite file. The demo campaign gets 100,000 more people spread unevenly over the demo units
// (departments and communes), with a realistic mix of link states, credentials over 30 days and
// reminders, inserted with prepared statements. Then it times the dashboard's load (the route's
// own load function, at the top and at a commune), the JSON endpoint's service, a deep page of the
// list and the XLSX export of the largest unit. Prints figures; no targets, no assertions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RequestEvent } from '@sveltejs/kit';
import { parseSort } from '$lib/domain/monitoring';
import { migrateToLatest, openDatabase } from '$lib/server/db/open';
import { loadAppKey } from '$lib/server/crypto/keyring';
import { loadMonitorNumbers, resolveMonitorScope } from '$lib/server/monitoring/monitoring';
import { writeNonRespondentsXlsx } from '$lib/server/monitoring/export';
import { listNonRespondents, nonRespondentBatches } from '$lib/server/monitoring/non-respondents';
import { seedDemo } from '$lib/server/seed/demo';
import { mulberry32 } from '$lib/domain/random';
import { stats } from './stats';

const PEOPLE = 100_000;
const RUNS = 15;
const DAY = 86_400;
const FAMILY = [
	'Nguyễn',
	'Trần',
	'Lê',
	'Phạm',
	'Huỳnh',
	'Hoàng',
	'Võ',
	'Đặng',
	'Bùi',
	'Đỗ',
	'Hồ',
	'Ngô',
	'Dương',
	'Lý'
];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Ngọc', 'Thanh', 'Minh', 'Quốc', 'Thuỳ', 'Xuân'];
const GIVEN = [
	'Ánh',
	'Bình',
	'Cường',
	'Dũng',
	'Hải',
	'Hương',
	'Khánh',
	'Lộc',
	'Nguyệt',
	'Phúc',
	'Quỳnh',
	'Sơn',
	'Tâm',
	'Thảo',
	'Tuấn',
	'Yến',
	'Ưởng'
];

async function timeRuns(fn: () => Promise<unknown>, runs = RUNS) {
	await fn(); // warm-up: statement preparation, JIT
	const ms: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = process.hrtime.bigint();
		await fn();
		ms.push(Number(process.hrtime.bigint() - start) / 1e6);
	}
	return stats(ms);
}

async function main() {
	const dir = mkdtempSync(path.join(tmpdir(), 'par-survey-bench-monitor-'));
	const file = path.join(dir, 'bench.sqlite');
	const keysFile = path.join(dir, 'par-survey.key');
	const { db, sqlite } = openDatabase(file);
	await migrateToLatest(db);
	const appKey = loadAppKey({ databasePath: file, keysSecret: null, keysFile, origin: null }, () => {});
	try {
		await seedDemo(db, appKey);
		const campaign = await db
			.selectFrom('campaign')
			.selectAll()
			.where('slug', '=', 'dtxh-2026')
			.executeTakeFirstOrThrow();
		const groups = await db
			.selectFrom('respondent_group')
			.select('id')
			.where('campaign_id', '=', campaign.id)
			.execute();
		const admin = await db
			.selectFrom('staff_user')
			.select(['id', 'username', 'role', 'unit_id'])
			.where('username', '=', 'admin')
			.executeTakeFirstOrThrow();
		const province = await db.selectFrom('unit').select('id').where('code', '=', '51').executeTakeFirstOrThrow();
		const units = await db
			.selectFrom('unit')
			.select(['id', 'code'])
			.where('parent_id', '=', province.id)
			.orderBy('code')
			.execute();
		const now = Math.floor(Date.now() / 1000);
		const opened = now - 30 * DAY;
		const closesOn = new Date((now + 15 * DAY + 7 * 3600) * 1000).toISOString().slice(0, 10);
		await db
			.updateTable('campaign')
			.set({ opened_at: opened, closes_on: closesOn })
			.where('id', '=', campaign.id)
			.execute();

		// Uneven units, as in a province: a few big departments and communes, a long tail of small ones.
		const weights = units.map((_, i) => 1 / Math.pow(i + 1, 0.8));
		const sum = weights.reduce((a, b) => a + b, 0);
		const cumulative: number[] = [];
		weights.reduce((acc, w, i) => (cumulative[i] = acc + w / sum), 0);
		const random = mulberry32(2026);
		const pickUnit = () => {
			const r = random();
			const i = cumulative.findIndex((c) => r <= c);
			return units[i === -1 ? units.length - 1 : i].id;
		};

		const insertPerson = sqlite.prepare(
			'insert into person (campaign_id, personal_code, full_name, unit_id, group_id, position, email, phone, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
		);
		const insertInvitation = sqlite.prepare(
			'insert into invitation (campaign_id, person_id, token_hash, status, issued_at, issued_by, revoked_at, opened_at, verified_at, credential_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
		);
		const insertReminder = sqlite.prepare(
			"insert into delivery (campaign_id, person_id, kind, channel, recipient, status, priority, attempts, next_attempt_at, created_at, sent_at) values (?, ?, 'reminder', 'email', ?, 'sent', 5, 1, ?, ?, ?)"
		);
		const mix = {
			none: 0,
			issued: 0,
			opened: 0,
			verified: 0,
			submitted: 0,
			revokedThenReissued: 0,
			credentialOnRevoked: 0,
			reminders: 0
		};
		const seedStart = process.hrtime.bigint();
		sqlite.transaction(() => {
			for (let i = 0; i < PEOPLE; i++) {
				const name = `${FAMILY[i % 14]} ${MIDDLE[(i >> 3) % 10]} ${GIVEN[(i * 7) % 17]}`;
				const email = `cb${i}@quangngai.gov.vn`;
				const personId = Number(
					insertPerson.run(
						campaign.id,
						`BENCH${String(i).padStart(6, '0')}`,
						name,
						pickUnit(),
						groups[i % groups.length].id,
						i % 9 === 0 ? 'Trưởng phòng' : 'Chuyên viên',
						email,
						`09${String(i).padStart(8, '0')}`,
						opened,
						opened
					).lastInsertRowid
				);
				const r = random();
				if (r < 0.06) {
					mix.none++;
					continue;
				}
				const issuedAt = opened + Math.floor(random() * 3 * DAY);
				if (random() < 0.04) {
					// An earlier link revoked and re-issued; rarely, the credential came through the old one.
					const oldCredential = random() < 0.25 ? Math.min(now, issuedAt + Math.floor(random() * 20 * DAY)) : null;
					insertInvitation.run(
						campaign.id,
						personId,
						`old-${i}`,
						'revoked',
						issuedAt,
						admin.id,
						issuedAt + DAY,
						issuedAt + 600,
						oldCredential ? oldCredential - 300 : null,
						oldCredential
					);
					if (oldCredential) {
						mix.credentialOnRevoked++;
						mix.submitted++;
						continue;
					}
					mix.revokedThenReissued++;
				}
				// 6 % never get a link; of the rest about 80 % open it, 65 % verify and 55 % submit.
				const stage = random();
				const openedAt = stage < 0.8 ? Math.min(now - 60, issuedAt + Math.floor(random() * 25 * DAY)) : null;
				const verifiedAt = openedAt !== null && stage < 0.65 ? openedAt + 120 : null;
				const credentialAt = verifiedAt !== null && stage < 0.55 ? Math.min(now - 1, verifiedAt + 600) : null;
				insertInvitation.run(
					campaign.id,
					personId,
					`tok-${i}`,
					'active',
					issuedAt + DAY,
					admin.id,
					null,
					openedAt,
					verifiedAt,
					credentialAt
				);
				if (credentialAt !== null) mix.submitted++;
				else if (verifiedAt !== null) mix.verified++;
				else if (openedAt !== null) mix.opened++;
				else mix.issued++;
				if (credentialAt === null && random() < 0.5) {
					const reminders = 1 + Math.floor(random() * 3);
					for (let k = 0; k < reminders; k++) {
						const sentAt = opened + (10 + k * 7) * DAY;
						insertReminder.run(campaign.id, personId, email, sentAt, sentAt, sentAt);
						mix.reminders++;
					}
				}
			}
		})();
		const seedMs = Number(process.hrtime.bigint() - seedStart) / 1e6;
		const cells = await db.selectFrom('reporting_cell').select('id').where('campaign_id', '=', campaign.id).execute();
		for (const c of cells)
			sqlite.prepare('insert or replace into ballot_cell_count (cell_id, sheets) values (?, ?)').run(c.id, 100);
		sqlite.pragma('wal_checkpoint(TRUNCATE)');

		const largest = await db
			.selectFrom('person as p')
			.innerJoin('unit as u', 'u.id', 'p.unit_id')
			.select(['u.code', 'u.name', (eb) => eb.fn.countAll<number>().as('n')])
			.where('p.campaign_id', '=', campaign.id)
			.groupBy('u.id')
			.orderBy('n', 'desc')
			.limit(1)
			.executeTakeFirstOrThrow();
		const commune = await db
			.selectFrom('person as p')
			.innerJoin('unit as u', 'u.id', 'p.unit_id')
			.select(['u.code', 'u.name', (eb) => eb.fn.countAll<number>().as('n')])
			.where('p.campaign_id', '=', campaign.id)
			.where('u.code', 'not like', '51.%')
			.groupBy('u.id')
			.orderBy('n', 'desc')
			.limit(1)
			.executeTakeFirstOrThrow();

		const viewer = { id: admin.id, username: admin.username, role: admin.role, unitId: null };
		const sort = parseSort(null, null);
		const service = async (unit: string | null, page = 1) => {
			const r = await resolveMonitorScope(db, campaign.id, viewer, unit);
			if (!r.ok) throw new Error(r.error);
			const numbers = await loadMonitorNumbers(db, campaign, r.scope, sort);
			const list = await listNonRespondents(db, campaign.id, r.scope, page);
			return { numbers, list };
		};
		const json = async (unit: string | null) => {
			const r = await resolveMonitorScope(db, campaign.id, viewer, unit);
			if (!r.ok) throw new Error(r.error);
			return loadMonitorNumbers(db, campaign, r.scope, sort);
		};
		const exportUnit = async (unit: string | null) => {
			const r = await resolveMonitorScope(db, campaign.id, viewer, unit);
			if (!r.ok) throw new Error(r.error);
			const scope = r.scope;
			let rows = 0;
			async function* counted() {
				for await (const batch of nonRespondentBatches(db, campaign.id, scope)) {
					rows += batch.length;
					yield batch;
				}
			}
			const bytes = (await writeNonRespondentsXlsx(counted())).length;
			return { rows, bytes };
		};

		// The route's own load function, through the app's database handle (as the server runs it).
		process.env.DATABASE_PATH = file;
		process.env.KEYS_FILE = keysFile;
		const { load } = await import('../../src/routes/(staff)/campaigns/[id=id]/monitor/+page.server');
		const routeLoad = (unit: string | null) => {
			const url = new URL(
				`http://localhost/campaigns/${campaign.id}/monitor${unit ? `?unit=${encodeURIComponent(unit)}` : ''}`
			);
			const event = {
				url,
				params: { id: String(campaign.id) },
				locals: { user: { ...viewer, displayName: 'admin', totpEnabled: false }, secondFactor: 'none', locale: 'vi' },
				request: new Request(url),
				getClientAddress: () => '127.0.0.1',
				setHeaders: () => {}
			} as unknown as RequestEvent;
			return (load as unknown as (e: RequestEvent) => Promise<unknown>)(event);
		};

		const root = await service(null);
		const figures: [string, ReturnType<typeof stats>, string][] = [];
		figures.push([
			'page load function, top (province)',
			await timeRuns(() => routeLoad(null)),
			`${root.numbers.units.length} unit rows, ${root.list.total.toLocaleString('en')} non-respondents`
		]);
		figures.push([
			`page load function, commune ${commune.code} (${commune.n} people)`,
			await timeRuns(() => routeLoad(commune.code)),
			''
		]);
		figures.push(['service: top (scope + numbers + list page 1)', await timeRuns(() => service(null)), '']);
		figures.push([`service: commune ${commune.code}`, await timeRuns(() => service(commune.code)), '']);
		figures.push(['service: top, list page 1,000', await timeRuns(() => service(null, 1000)), '']);
		figures.push(['JSON endpoint service, top (scope + numbers)', await timeRuns(() => json(null)), '']);
		figures.push([`JSON endpoint service, commune ${commune.code}`, await timeRuns(() => json(commune.code)), '']);
		const exported = await exportUnit(largest.code);
		figures.push([
			`XLSX export, largest unit ${largest.code} (${largest.n} people)`,
			await timeRuns(() => exportUnit(largest.code), 5),
			`${exported.rows.toLocaleString('en')} rows, ${(exported.bytes / 1024).toFixed(0)} KiB`
		]);
		const exportedAll = await exportUnit(null);
		figures.push([
			'XLSX export, whole campaign',
			await timeRuns(() => exportUnit(null), 3),
			`${exportedAll.rows.toLocaleString('en')} rows, ${(exportedAll.bytes / 2 ** 20).toFixed(1)} MiB`
		]);

		const t = root.numbers.totals;
		console.log(
			`Node ${process.version}; ${PEOPLE.toLocaleString('en')} extra people inserted in ${(seedMs / 1000).toFixed(1)} s`
		);
		console.log(
			`Mix: ${mix.none} without link, ${mix.issued} link unopened, ${mix.opened} opened, ${mix.verified} verified, ${mix.submitted} submitted (${mix.credentialOnRevoked} through a revoked link), ${mix.revokedThenReissued} re-issued, ${mix.reminders} reminders`
		);
		console.log(
			`Dashboard totals: ${t.people} people, ${t.invited} invited, ${t.opened} opened, ${t.verified} verified, ${t.submitted} submitted, ${root.numbers.series.points.length} days in the series\n`
		);
		console.log('| what | median | p95 | runs | note |');
		console.log('|---|---:|---:|---:|---|');
		for (const [what, s, note] of figures)
			console.log(`| ${what} | ${s.median.toFixed(1)} ms | ${s.p95.toFixed(1)} ms | ${s.n} | ${note} |`);
	} finally {
		await db.destroy();
		rmSync(dir, { recursive: true, force: true });
	}
}

main().then(
	() => process.exit(0),
	(e) => {
		console.error(e);
		process.exit(2);
	}
);
