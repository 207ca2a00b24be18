// `npm run bench` (part, issue 16): the whole respondent path over HTTP against the built server
// (`node src/serve.js` on a fresh copy of a seeded demo per trial, codes read from its demo outbox with a
// read-only connection) and the same requests against the bare baseline (http-bare.ts), alternating
// ours/bare per trial at 1, 4 and 10 clients; then the cast alone the same way. Each path completion is
// 11 requests, as the page's script sends them: the link, /s, send, verify and attest (each enhanced: JSON,
// then the page's __data.json), keys.json, the credential and the cast. Reports completions/s, the ratio ours/bare and the server's CPU
// (utime + stime of its process, /proc/<pid>/stat) per completion. Client-side crypto (blinding, sealing)
// is done before the timing. The machine is shared: ratios of alternating trials, not absolute figures.
import type { ChildProcess } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
	blindBallotMessage,
	deriveBallotMessage,
	finalizeCredential,
	newBallotSecret,
	toBase64url
} from '$lib/respondent/blind-client';
import { sealSheet } from '$lib/respondent/seal-client';
import { loadCellForm } from '$lib/server/ballot/cell-form';
import { privateKeyFromPkcs8, signBlinded } from '$lib/server/crypto/blind-signer';
import { cellKeyContext, openCellPrivateKey } from '$lib/server/crypto/cell-keys';
import { loadAppKey } from '$lib/server/crypto/keyring';
import { migrateToLatest, openSqlite, type Db } from '$lib/server/db/open';
import { issueInvitations, type IssuedLink } from '$lib/server/outreach/invitations';
import { demoOutbox } from '$lib/server/outreach/outbox';
import { seedDemo } from '$lib/server/seed/demo';
import { outboxReader, spawnServer, stopChild } from './built-server';
import { answersFor } from './respondent-steps';
import { completePath as completeHttpPath, type HttpRespondent } from '../support/respondent-http';
import { postgresTemplateFrom, startPostgresServers } from './postgres-servers';

/** What the bench started for all its trials, stopped when it ends (the PostgreSQL cluster). */
const stopAtEnd: (() => void)[] = [];

const ROOT = path.resolve(import.meta.dirname, '../..');
const LEVELS = (process.env.BENCH_HTTP_LEVELS ?? '1,4,10').split(',').map(Number);
const TRIALS = Number(process.env.BENCH_HTTP_TRIALS ?? 2);
const MODES = (process.env.BENCH_HTTP_MODES ?? 'floor,path,cast').split(',') as ('floor' | 'path' | 'cast')[];
// BENCH_HTTP_ENGINE=postgres: ours on PostgreSQL (the same data, moved by db:copy's service), with
// BENCH_HTTP_PROCESSES app processes behind a round-robin proxy; the bare baseline stays the same.
const POSTGRES = process.env.BENCH_HTTP_ENGINE === 'postgres';
const PROCESSES = Number(process.env.BENCH_HTTP_PROCESSES ?? 1);
// The floor: a trivial request (/healthz: one `select 1`, a 15-byte JSON) on each server, serially.
const FLOOR_N = 2000;
const PATH_REQUESTS = 11;
// Respondents (or casts) run before the timing in every trial, on the fresh server: a long-running server's
// JIT state, not a cold one's (ours needs ~50 completions to settle; the small bare one far fewer).
const WARMUP = 64;
// People added to the demo round (copies of its people, in the same cells), so that each trial has enough
// fresh respondents after the warm-up: 64 + 256 completions.
const EXTRA_PEOPLE = 256;
// Casts take a few ms each: enough of them that a trial lasts seconds, not a blip of the machine's other load.
const CAST_N = 480;
// More bare respondents per trial than the demo's 64: its few ms per completion need a longer run to average out.
const BARE_MULT = Number(process.env.BENCH_HTTP_BARE_MULT ?? 1);
const TICK_MS = 10; // CLK_TCK = 100 on Linux

type Respondent = HttpRespondent;
interface Cast {
	cell: number;
	message: string;
	signature: string;
	sealed: string;
}
interface Target {
	name: 'ours' | 'bare';
	slug: string;
	respondents: Respondent[];
	casts: Cast[];
	/** Starts a fresh server (fresh database) and returns its url, process and a code reader. */
	start(): Promise<Running>;
}
interface Running {
	url: string;
	child: ChildProcess;
	/** Every process whose CPU is the server's: the app's (one or several) and, on PostgreSQL, the database's. */
	pids(): number[];
	codeFor(r: Respondent): Promise<string>;
	stop(): Promise<void>;
}

/** [user, system] CPU milliseconds of several processes so far (one gone meanwhile counts as nothing). */
function cpuOf(pids: number[]): [number, number] {
	return pids.reduce<[number, number]>(
		(sum, pid) => {
			if (!existsSync(`/proc/${pid}/stat`)) return sum;
			const [u, s] = cpuMs(pid);
			return [sum[0] + u, sum[1] + s];
		},
		[0, 0]
	);
}

/** [user, system] CPU milliseconds of a process so far: utime and stime, fields 14 and 15 of its stat. */
function cpuMs(pid: number): [number, number] {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return [Number(fields[11]) * TICK_MS, Number(fields[12]) * TICK_MS];
}

/** Server CPU nanoseconds so far, all threads (schedstat's first field): fine enough for one request. */
function cpuNs(pid: number): number {
	let sum = 0;
	for (const task of readdirSync(`/proc/${pid}/task`))
		sum += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
	return sum;
}

/** BENCH_HTTP_STEPS=1: server CPU per request kind, from a serial run (where each request's cost is its own). */
const steps = new Map<string, number[]>();
let meterPid = 0;

/** One respondent's 11 requests; with BENCH_HTTP_STEPS, the server CPU of each is recorded by its label. */
async function completePath(url: string, slug: string, r: Respondent, codeFor: Running['codeFor']) {
	await completeHttpPath(url, slug, r, codeFor, async (label, send) => {
		if (!meterPid) return send();
		const before = cpuNs(meterPid);
		const res = await send();
		const key = label(res.status);
		(steps.get(key) ?? steps.set(key, []).get(key)!).push(cpuNs(meterPid) - before);
		return res;
	});
}

async function castOnly(url: string, slug: string, c: Cast) {
	const res = await fetch(`${url}/c/${slug}/ballot`, {
		method: 'POST',
		body: JSON.stringify(c),
		headers: { origin: url, 'content-type': 'application/json', accept: 'application/json' }
	});
	const text = await res.text();
	if (res.status !== 200) throw new Error(`cast: ${res.status} ${text.slice(0, 300)}`);
}

/** `clients` workers through `jobs`; the first WARMUP jobs run one by one before the clock starts. */
async function trial<T>(target: Target, jobs: T[], clients: number, run: (r: Running, job: T) => Promise<void>) {
	const running = await target.start();
	try {
		for (const job of jobs.slice(0, WARMUP)) await run(running, job);
		const queue = jobs.slice(WARMUP);
		const n = queue.length;
		const pids = running.pids();
		const cpu0 = cpuOf(pids);
		const t0 = performance.now();
		await Promise.all(
			Array.from({ length: clients }, async () => {
				for (let job = queue.shift(); job; job = queue.shift()) await run(running, job);
			})
		);
		const seconds = (performance.now() - t0) / 1000;
		// PostgreSQL backends opened during the trial count from their start; the pools keep theirs open.
		const cpu1 = cpuOf([...new Set([...pids, ...running.pids()])]);
		const sys = (cpu1[1] - cpu0[1]) / n;
		return { perSecond: n / seconds, cpuPer: (cpu1[0] - cpu0[0]) / n + sys, sysPer: sys };
	} finally {
		await running.stop();
	}
}

/** EXTRA_PEOPLE more people in the open round, each a copy of a demo person in the same cell, with links. */
async function addPeople(db: Db, demoLinks: IssuedLink[]): Promise<IssuedLink[]> {
	const ids = demoLinks.map((l) => l.personId);
	const demo = await db.selectFrom('person').selectAll().where('id', 'in', ids).orderBy('id').execute();
	const now = Math.floor(Date.now() / 1000);
	await db
		.insertInto('person')
		.values(
			Array.from({ length: EXTRA_PEOPLE }, (_, i) => {
				const { id: _id, ...base } = demo[i % demo.length];
				return { ...base, personal_code: `BENCH${i}`, email: `bench${i}@example.vn`, phone: null, created_at: now };
			})
		)
		.execute();
	const campaign = await db
		.selectFrom('campaign')
		.select(['id', 'state', 'title'])
		.where('id', '=', demo[0].campaign_id)
		.executeTakeFirstOrThrow();
	const meta = { ip: null, userAgent: 'bench' };
	const options = { sender: demoOutbox({ quiet: true }), origin: 'http://127.0.0.1', demo: true };
	const issued = await issueInvitations(db, campaign, 'missing', null, meta, options);
	if (!issued.ok) throw new Error(`bench links: ${JSON.stringify(issued.error)}`);
	return issued.links;
}

async function prepare(dir: string): Promise<[Target, Target]> {
	const template = path.join(dir, 'template.sqlite');
	const templateKeys = path.join(dir, 'template.key');
	const h = openSqlite(template);
	await migrateToLatest(h.db);
	const appKey = loadAppKey({ database: template, keysSecret: null, keysFile: templateKeys, origin: null }, () => {});
	const seeded = await seedDemo(h.db, appKey);
	const links = [...seeded.links, ...(await addPeople(h.db, seeded.links))];
	const people = await h.db.selectFrom('person').select(['id', 'email', 'phone', 'cell_id']).execute();
	const form0 = (await loadCellForm(h.db, people.find((p) => p.cell_id)!.cell_id!))!;
	const slug = (
		await h.db.selectFrom('campaign').select('slug').where('id', '=', form0.campaignId).executeTakeFirstOrThrow()
	).slug;
	const bits = createPublicKey({ key: Buffer.from(form0.publicKey, 'base64url'), format: 'der', type: 'spki' })
		.asymmetricKeyDetails!.modulusLength!;
	const bareKey = generateKeyPairSync('rsa', { modulusLength: bits }).privateKey;
	const bareSpki = toBase64url(createPublicKey(bareKey).export({ type: 'spki', format: 'der' }));
	const ours: Respondent[] = [];
	const bare: Respondent[] = [];
	const oursCasts: Cast[] = [];
	const bareCasts: Cast[] = [];
	const cellKeys = new Map<number, ReturnType<typeof privateKeyFromPkcs8>>();
	const sign = async (publicKey: string, key: ReturnType<typeof privateKeyFromPkcs8>, message: Uint8Array) => {
		const { blindedMsg, inv } = await blindBallotMessage(publicKey, message);
		return toBase64url(await finalizeCredential(publicKey, message, signBlinded(key, blindedMsg), inv));
	};
	const bareN = links.length * BARE_MULT;
	for (let i = 0; i < Math.max(bareN, CAST_N); i++) {
		const link = links[i % links.length];
		const person = people.find((p) => p.id === link.personId)!;
		const form = (await loadCellForm(h.db, person.cell_id!))!;
		const sheet = answersFor(
			form.questionnaire,
			form.ratedUnits.map((u) => u.id),
			i
		);
		const sealed = await sealSheet(form.sealingKey!, form.campaignId, form.cellId, sheet);
		if (!cellKeys.has(form.cellId)) {
			const cell = await h.db
				.selectFrom('reporting_cell')
				.selectAll()
				.where('id', '=', form.cellId)
				.executeTakeFirstOrThrow();
			const context = cellKeyContext(cell.campaign_id, cell.group_id, cell.unit_id);
			cellKeys.set(form.cellId, privateKeyFromPkcs8(openCellPrivateKey(appKey, cell.private_key_enc, context)));
		}
		if (i < links.length) {
			const base = { cell: form.cellId, sealed };
			const m1 = await deriveBallotMessage(newBallotSecret());
			const b1 = await blindBallotMessage(form.publicKey, m1);
			const recipients = [person.email, person.phone].filter((x): x is string => !!x);
			ours.push({
				...base,
				token: link.token,
				ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
				recipients,
				publicKey: form.publicKey,
				message: m1,
				blinded: toBase64url(b1.blindedMsg),
				inv: b1.inv
			});
		}
		if (i < bareN) {
			const base = { cell: 1, sealed };
			const m2 = await deriveBallotMessage(newBallotSecret());
			const b2 = await blindBallotMessage(bareSpki, m2);
			const token = randomBytes(32).toString('base64url');
			bare.push({
				...base,
				token,
				ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
				recipients: [`p${i}`],
				publicKey: bareSpki,
				message: m2,
				blinded: toBase64url(b2.blindedMsg),
				inv: b2.inv
			});
		}
		if (i < CAST_N) {
			const m1 = await deriveBallotMessage(newBallotSecret());
			oursCasts.push({
				cell: form.cellId,
				message: toBase64url(m1),
				signature: await sign(form.publicKey, cellKeys.get(form.cellId)!, m1),
				sealed
			});
			const m2 = await deriveBallotMessage(newBallotSecret());
			bareCasts.push({ cell: 1, message: toBase64url(m2), signature: await sign(bareSpki, bareKey, m2), sealed });
		}
	}
	h.sqlite.pragma('wal_checkpoint(TRUNCATE)');
	await h.db.destroy();

	const seedFile = path.join(dir, 'bare-seed.json');
	const sealing = form0.sealingKey!;
	const keyPem = bareKey.export({ type: 'pkcs8', format: 'pem' }) as string;
	writeFileSync(seedFile, JSON.stringify({ slug, tokens: bare.map((r) => r.token), keyPem, sealing }));
	let n = 0;
	const freshPort = () => 41000 + (process.pid % 1000) * 10 + (n++ % 10);
	const postgres = POSTGRES ? await postgresTemplateFrom(template) : null;
	if (postgres) stopAtEnd.push(() => postgres.cluster.stop());
	return [
		{
			name: 'ours',
			slug,
			respondents: ours,
			casts: oursCasts,
			async start() {
				if (postgres) return startPostgresServers(postgres, templateKeys, PROCESSES, freshPort);
				const port = freshPort();
				const db = path.join(dir, `ours-${n}.sqlite`);
				copyFileSync(template, db);
				copyFileSync(templateKeys, `${db}.key`);
				const url = `http://127.0.0.1:${port}`;
				const env = {
					NODE_ENV: 'production',
					HOST: '127.0.0.1',
					ORIGIN: url,
					DATABASE_PATH: db,
					KEYS_FILE: `${db}.key`,
					// adapter-node: the client's address from the header the bench sets, as behind a proxy.
					ADDRESS_HEADER: 'x-forwarded-for',
					XFF_DEPTH: '1'
				};
				const child = await spawnServer(['src/serve.js'], env, port);
				const outbox = outboxReader(db, 'select id, body from demo_outbox where __WHERE__ order by id desc limit 1');
				return {
					url,
					child,
					pids: () => [child.pid!],
					codeFor: outbox.codeFor,
					stop: async () => (outbox.close(), stopChild(child))
				};
			}
		},
		{
			name: 'bare',
			slug,
			respondents: bare,
			casts: bareCasts,
			async start() {
				const port = freshPort();
				const db = path.join(dir, `bare-${n}.sqlite`);
				const env = { BARE_DB: db, BARE_SEED: seedFile };
				const child = await spawnServer(['--import', 'tsx', 'tests/bench/http-bare.ts'], env, port);
				const outbox = outboxReader(db, 'select id, body from outbox where __WHERE__ order by id desc limit 1');
				return {
					url: `http://127.0.0.1:${port}`,
					child,
					pids: () => [child.pid!],
					codeFor: outbox.codeFor,
					stop: async () => (outbox.close(), stopChild(child))
				};
			}
		}
	];
}

/**
 * What one request costs each server before any of the path's work: the framework's floor (ours: adapter-node,
 * SvelteKit's request, hooks and response objects, our hooks; bare: node:http). Mean server CPU per request.
 */
async function measureFloor(target: Target): Promise<number> {
	const running = await target.start();
	try {
		const get = async () => {
			const res = await fetch(`${running.url}/healthz`);
			if (!res.ok) throw new Error(`healthz: ${res.status}`);
			await res.arrayBuffer();
		};
		for (let i = 0; i < 300; i++) await get();
		const before = cpuNs(running.child.pid!);
		for (let i = 0; i < FLOOR_N; i++) await get();
		return (cpuNs(running.child.pid!) - before) / FLOOR_N / 1e6;
	} finally {
		await running.stop();
	}
}

/** Each target once, one client: the median server CPU of every request kind of the path. */
async function printSteps(targets: Target[]) {
	for (const target of targets) {
		steps.clear();
		const running = await target.start();
		try {
			const [warm, timed] = [target.respondents.slice(0, WARMUP), target.respondents.slice(WARMUP)];
			for (const job of warm) await completePath(running.url, target.slug, job, running.codeFor);
			meterPid = running.child.pid!;
			for (const job of timed) await completePath(running.url, target.slug, job, running.codeFor);
		} finally {
			meterPid = 0;
			await running.stop();
		}
		let total = 0;
		console.log(`${target.name}: server CPU per request, median of ${target.respondents.length - WARMUP} (ms)`);
		for (const [label, ns] of steps) {
			total += median(ns) / 1e6;
			console.log(`  ${label.padEnd(56)} ${fmt(median(ns) / 1e6, 2)}`);
		}
		console.log(`  ${'sum of medians'.padEnd(56)} ${fmt(total, 2)}`);
	}
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number, d = 1) => x.toFixed(d);

async function main() {
	if (!existsSync(path.join(ROOT, 'build', 'handler.js'))) {
		console.error('http-path: no build/ — run `npx vite build` first (the bench drives the built server).');
		process.exit(1);
	}
	const dir = mkdtempSync(path.join(tmpdir(), 'par-survey-bench-http-'));
	const missed: string[] = [];
	try {
		const targets = await prepare(dir);
		if (process.env.BENCH_HTTP_STEPS) return await printSteps(targets);
		const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
		console.log(`load average before: ${load()}; ${TRIALS} trial(s) per server and level, alternating ours/bare`);
		if (POSTGRES)
			console.log(
				`ours: PostgreSQL, ${PROCESSES} app process(es)${PROCESSES > 1 ? ' behind a round-robin proxy' : ''}; ` +
					'server CPU = the app processes + every PostgreSQL process'
			);
		const floor: Record<string, number> = {};
		if (MODES.includes('floor')) {
			for (const target of targets) floor[target.name] = await measureFloor(target);
			console.log(
				`floor (a trivial request, /healthz, serially): server CPU ours ${fmt(floor.ours, 3)} ms, bare ${fmt(floor.bare, 3)} ms per request; ` +
					`the path's ${PATH_REQUESTS} requests cost ours ${fmt(PATH_REQUESTS * (floor.ours - floor.bare), 1)} ms more than bare before any work`
			);
		}
		for (const mode of MODES) {
			if (mode === 'floor') continue;
			for (const clients of LEVELS) {
				const got: Record<string, { perSecond: number; cpuPer: number; sysPer: number }[]> = { ours: [], bare: [] };
				// The cast's short trials are the noisier: at least three of them.
				for (let t = 0; t < (mode === 'cast' ? Math.max(3, TRIALS) : TRIALS); t++)
					for (const target of t % 2 ? [...targets].reverse() : targets) {
						got[target.name].push(
							mode === 'path'
								? await trial(target, target.respondents, clients, (r, job) =>
										completePath(r.url, target.slug, job, r.codeFor)
									)
								: await trial(target, target.casts, clients, (r, job) => castOnly(r.url, target.slug, job))
						);
					}
				const [o, b] = [got.ours, got.bare].map((xs) => ({
					perSecond: median(xs.map((x) => x.perSecond)),
					cpuPer: median(xs.map((x) => x.cpuPer)),
					sysPer: median(xs.map((x) => x.sysPer))
				}));
				const ratio = o.perSecond / b.perSecond;
				const cpuRatio = o.cpuPer / b.cpuPer;
				console.log(
					`${mode === 'path' ? 'whole path (11 requests)' : 'cast alone'} at ${clients} client(s): ours ${fmt(o.perSecond)}/s, ` +
						`bare ${fmt(b.perSecond)}/s, ours/bare ${fmt(ratio, 2)}; server CPU per completion ours ${fmt(o.cpuPer)} ms, ` +
						`bare ${fmt(b.cpuPer, 2)} ms (${fmt(cpuRatio)}×; of which system ${fmt(o.sysPer)} / ${fmt(b.sysPer, 2)} ms)`
				);
				// With the floor known: the best ratio ours could reach if its own work cost exactly the bare's.
				const extra = floor.ours - floor.bare;
				const best = mode === 'path' ? (b.cpuPer + PATH_REQUESTS * extra) / b.cpuPer : b.cpuPer / (b.cpuPer + extra);
				if (Number.isFinite(best))
					console.log(
						`  floor: with the bare's work and our framework's per-request floor, the best reachable is ` +
							(mode === 'path' ? `${fmt(best, 1)}× bare CPU` : `${fmt(best, 2)} of bare (CPU-bound)`)
					);
				if (mode === 'path') {
					const ok = cpuRatio <= 2;
					console.log(`  target: server CPU per completion ≤ 2× bare: ${fmt(cpuRatio)}× ${ok ? 'met' : 'MISSED'}`);
					if (!ok) missed.push(`path CPU at ${clients}`);
				} else {
					const ok = ratio >= 0.6;
					console.log(`  target: cast throughput ≥ 0.6 of bare: ${fmt(ratio, 2)} ${ok ? 'met' : 'MISSED'}`);
					if (!ok) missed.push(`cast throughput at ${clients}`);
				}
			}
		}
		console.log(`load average after: ${load()}`);
	} finally {
		for (const stop of stopAtEnd) stop();
		rmSync(dir, { recursive: true, force: true });
	}
	if (missed.length) {
		console.log(`http-path: missed ${missed.join(', ')}`);
		process.exit(1);
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
