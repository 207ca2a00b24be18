// `npm run bench` (part, issue 16): the roster import of 100,000 people measured inside the running server.
// The built server (`node src/serve.js`, `npx vite build` first) is started on a fresh copy of a small demo-marked
// database (an organiser, 200 units, a draft campaign with one group), the organiser signs in over HTTP, and the
// file goes through the real roster page: the upload action (read, validate, stage → preview), then the apply
// action (confirm). Peak memory is the server process's VmHWM (/proc/<pid>/status), which cannot be reset: each
// measurement (XLSX, CSV) gets its own fresh server. The RSS just before the upload (after sign-in and one view of
// the roster page) is printed too, so the import's own share shows.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { migrateToLatest, openSqlite } from '$lib/server/db/open';
import { markDemoDatabase } from '$lib/server/admin/settings';
import { ROSTER_HEADER, rosterRow, seedRosterCampaign, writeRosterXlsx } from './roster-fixture';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
// e.g. BENCH_IMPORT_TRIALS=3 BENCH_IMPORT_FORMATS=xlsx: the figures move with the machine's load.
const TRIALS = Number(process.env.BENCH_IMPORT_TRIALS ?? 1);
const FORMATS = (process.env.BENCH_IMPORT_FORMATS ?? 'xlsx,csv').split(',') as ('xlsx' | 'csv')[];
const TARGET_S = 20;
const TARGET_PEAK_MIB = 300;
const PASSWORD = 'bench password long enough';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The database every server starts from: demo-marked (password-only sign-in), a draft campaign with a group. */
async function seedTemplate(file: string): Promise<number> {
	const h = openSqlite(file);
	try {
		await migrateToLatest(h.db);
		await markDemoDatabase(h.db);
		const { campaignId } = await seedRosterCampaign(h.db, 'organiser', PASSWORD);
		h.sqlite.pragma('wal_checkpoint(TRUNCATE)');
		return campaignId;
	} finally {
		await h.db.destroy();
	}
}

async function writeCsv(file: string) {
	const out = createWriteStream(file);
	const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
	out.write('\ufeff' + ROSTER_HEADER.join(',') + '\r\n');
	for (let i = 1; i <= ROWS; i++) {
		if (!out.write(rosterRow(i).map(quote).join(',') + '\r\n')) await once(out, 'drain');
	}
	out.end();
	await once(out, 'finish');
}

/** VmRSS and VmHWM of a process, MiB. */
function memory(pid: number): { rss: number; peak: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)![1]);
	return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

async function startServer(db: string, port: number): Promise<ChildProcess> {
	const url = `http://127.0.0.1:${port}`;
	// e.g. BENCH_IMPORT_NODE_ARGS=--cpu-prof to see where the server's time goes.
	const extra = process.env.BENCH_IMPORT_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
	const child = spawn(process.execPath, [...extra, 'src/serve.js'], {
		cwd: ROOT,
		env: {
			PATH: process.env.PATH ?? '',
			HOME: process.env.HOME ?? '/tmp',
			TZ: 'UTC',
			NODE_ENV: 'production',
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: url,
			DATABASE_PATH: db,
			KEYS_FILE: `${db}.key`,
			BODY_SIZE_LIMIT: '25M' // as `npm start`
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let i = 0; i < 900; i++) {
		if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode})`);
		try {
			if ((await fetch(`${url}/healthz`)).ok) return child;
		} catch {
			// not listening yet
		}
		await sleep(100);
	}
	throw new Error('server did not start');
}

async function stopServer(child: ChildProcess) {
	if (child.exitCode !== null) return;
	const exited = once(child, 'exit');
	child.kill('SIGTERM');
	if (!(await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]))) child.kill('SIGKILL');
}

/** Runs `step`, sampling the server's RSS every 20 ms meanwhile (the per-step figure; VmHWM is the true peak). */
async function phase<T>(pid: number, step: () => Promise<T>): Promise<{ value: T; ms: number; rss: number }> {
	let rss = memory(pid).rss;
	const sampler = setInterval(() => (rss = Math.max(rss, memory(pid).rss)), 20);
	const t0 = performance.now();
	try {
		const value = await step();
		return { value, ms: performance.now() - t0, rss: Math.max(rss, memory(pid).rss) };
	} finally {
		clearInterval(sampler);
	}
}

/** A cookie-keeping client that posts as the app's own pages do (same Origin). */
function client(url: string) {
	const jar = new Map<string, string>();
	return async (p: string, init: RequestInit = {}) => {
		const headers = new Headers(init.headers);
		headers.set('origin', url);
		// A browser's Accept: SvelteKit answers an action with JSON when the client prefers it.
		if (!headers.has('accept')) headers.set('accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
		headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
		const res = await fetch(url + p, { ...init, headers, redirect: 'manual' });
		for (const c of res.headers.getSetCookie()) {
			const pair = c.split(';')[0];
			jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
		}
		return { status: res.status, location: res.headers.get('location'), text: await res.text() };
	};
}

interface Measured {
	format: string;
	/** Upload, preview page, confirm, roster page: wall time and the highest RSS sampled meanwhile. */
	phases: { ms: number; rss: number }[];
	before: number;
	peak: number;
}

async function measure(template: string, campaignId: number, file: string, type: string, n: number): Promise<Measured> {
	const db = path.join(path.dirname(template), `run-${n}.sqlite`);
	copyFileSync(template, db);
	// The server would make one itself, and say so on stderr.
	writeFileSync(`${db}.key`, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
	const port = 42000 + (process.pid % 1000) * 4 + n;
	const url = `http://127.0.0.1:${port}`;
	const child = await startServer(db, port);
	try {
		const call = client(url);
		const login = await call('/login', {
			method: 'POST',
			body: new URLSearchParams({ username: 'organiser', password: PASSWORD }),
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		});
		if (login.status !== 303) throw new Error(`login: ${login.status} ${login.text.slice(0, 300)}`);
		const page = `/campaigns/${campaignId}/roster`;
		if ((await call(page)).status !== 200) throw new Error('roster page');
		const before = memory(child.pid!).rss;
		const pid = child.pid!;
		const body = new FormData();
		body.set('file', new Blob([readFileSync(file)], { type }), path.basename(file));
		const upload = await phase(pid, () => call(`${page}?/upload`, { method: 'POST', body }));
		const importId = /[?&]import=(\d+)/.exec(upload.value.location ?? '')?.[1];
		if (upload.value.status !== 303 || !importId)
			throw new Error(`upload: ${upload.value.status} ${upload.value.text.slice(0, 500)}`);
		const preview = await phase(pid, () => call(`${page}?import=${importId}`));
		if (preview.value.status !== 200) throw new Error(`preview: ${preview.value.status}`);
		const apply = await phase(pid, () =>
			call(`${page}?/apply`, {
				method: 'POST',
				body: new URLSearchParams({ importId }),
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					'x-sveltekit-action': 'true',
					accept: 'application/json'
				}
			})
		);
		const result = JSON.parse(apply.value.text) as { type: string; data?: string };
		if (result.type !== 'success' || !result.data?.includes(String(ROWS)))
			throw new Error(`apply: ${apply.value.status} ${apply.value.text.slice(0, 500)}`);
		// The enhanced form then reloads the page's data: the roster of 100,000 people.
		const after = await phase(pid, () => call(page));
		if (after.value.status !== 200) throw new Error('roster page after apply');
		return {
			format: path.extname(file).slice(1).toUpperCase(),
			phases: [upload, preview, apply, after],
			before,
			peak: memory(pid).peak
		};
	} finally {
		await stopServer(child);
		rmSync(db, { force: true });
		rmSync(`${db}-wal`, { force: true });
		rmSync(`${db}-shm`, { force: true });
		rmSync(`${db}.key`, { force: true });
	}
}

async function main() {
	if (!existsSync(path.join(ROOT, 'build', 'handler.js'))) {
		console.error('roster-import-server: no build/ — run `npx vite build` first (the bench drives the built server).');
		process.exit(2);
	}
	const dir = mkdtempSync(path.join(tmpdir(), 'par-bench-import-server-'));
	try {
		const template = path.join(dir, 'template.sqlite');
		const campaignId = await seedTemplate(template);
		const xlsx = path.join(dir, 'roster.xlsx');
		const csv = path.join(dir, 'roster.csv');
		await writeRosterXlsx(xlsx, ROWS);
		await writeCsv(csv);
		const mib = (f: string) => (readFileSync(f).length / 2 ** 20).toFixed(1);
		const load = loadavg()
			.map((l) => l.toFixed(1))
			.join(' ');
		// The import collects its garbage every 20,000 rows (roster/read-upload.ts): without that the peak was bimodal.
		console.log(`${ROWS.toLocaleString('en')} rows: XLSX ${mib(xlsx)} MiB, CSV ${mib(csv)} MiB; load average ${load}`);
		const files = {
			xlsx: [xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
			csv: [csv, 'text/csv']
		};
		const runs: Measured[] = [];
		for (let trial = 0; trial < TRIALS; trial++)
			for (const format of FORMATS) {
				const [file, type] = files[format];
				runs.push(await measure(template, campaignId, file, type, runs.length % 4));
			}
		let ok = true;
		const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
		console.log(
			'| file | upload (its RSS) | preview page | confirm | roster page | total | RSS before | peak (VmHWM) | import share | |'
		);
		console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
		for (const r of runs) {
			const total = r.phases.reduce((sum, p) => sum + p.ms, 0) / 1000;
			const met = total < TARGET_S && r.peak < TARGET_PEAK_MIB;
			ok &&= met;
			console.log(
				`| ${r.format} | ${r.phases.map((p) => `${s(p.ms)} (${p.rss.toFixed(0)} MiB)`).join(' | ')} | ${total.toFixed(1)} s | ` +
					`${r.before.toFixed(0)} MiB | ${r.peak.toFixed(0)} MiB | ${(r.peak - r.before).toFixed(0)} MiB | ` +
					`${met ? 'met' : 'MISSED'} (< ${TARGET_S} s, < ${TARGET_PEAK_MIB} MiB peak) |`
			);
		}
		process.exitCode = ok ? 0 : 1;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(2);
});
