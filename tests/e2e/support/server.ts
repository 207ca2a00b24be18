// Starts the built server (`npx vite build` → build/) through `src/serve.js` on a free port with a
// fresh temporary database (or a copy of the run's seeded demo), so every e2e file drives the same
// process as `npm start` in production.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyDemoDatabase } from './demo-template';
import { copyPostgresDatabase, TEST_ENGINE } from '../../integration/support';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BUILD_HANDLER = path.join(ROOT, 'build', 'handler.js');
const SERVER_ENTRY = path.join(ROOT, 'src', 'serve.js');

export interface StartOptions {
	/** Seed the demo database (DEMO banner, password-only staff sign-in) before starting. */
	demo?: boolean;
	/** Extra environment for the server process. */
	env?: Record<string, string>;
}

export interface RunningServer {
	url: string;
	dbPath: string;
	keysFile: string;
	dir: string;
	/** Everything the server wrote to stdout and stderr so far. */
	logs(): string;
	stdout(): string;
	/** Resolves with the first match of `pattern` in stdout+stderr, or rejects after `timeoutMs`. */
	waitForLog(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
	/** Stops the process (SIGTERM, then SIGKILL); files are kept until dispose(). */
	stop(): Promise<void>;
	/** stop() and remove the temporary directory. */
	dispose(): Promise<void>;
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			srv.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
		});
	});
}

/** The run's seeded demo (demo-template.ts), copied to `file` and `keysFile`: its personal links and shares. */
export function prepareDemoDatabase(file: string, keysFile: string): ReturnType<typeof copyDemoDatabase> {
	return copyDemoDatabase(file, keysFile);
}

/** On the e2e-pg project: a new, migrated PostgreSQL database for a server without the demo. */
async function emptyDatabase(file: string): Promise<{ location: string; drop(): Promise<void> }> {
	if (TEST_ENGINE !== 'postgres') return { location: file, drop: async () => {} };
	const copy = await copyPostgresDatabase();
	return { location: copy.url, drop: copy.drop };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): boolean {
	return child.exitCode !== null || child.signalCode !== null;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
	if (!existsSync(BUILD_HANDLER)) {
		throw new Error(`E2E: ${BUILD_HANDLER} is missing. Build the app first: npx vite build (or npm run build).`);
	}
	const dir = await mkdtemp(path.join(tmpdir(), 'par-e2e-'));
	const keysFile = path.join(dir, 'e2e.key');
	// The SQLite file, or on the e2e-pg project the PostgreSQL database's URL (DATABASE_PATH takes either).
	const dbPath = options.demo
		? (await prepareDemoDatabase(path.join(dir, 'e2e.sqlite'), keysFile)).location
		: (await emptyDatabase(path.join(dir, 'e2e.sqlite'))).location;

	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	let out = '';
	let err = '';
	const child = spawn(process.execPath, [SERVER_ENTRY], {
		cwd: ROOT,
		env: {
			PATH: process.env.PATH ?? '',
			HOME: process.env.HOME ?? dir,
			TZ: process.env.TZ ?? 'UTC',
			NODE_ENV: 'production',
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: url,
			DATABASE_PATH: dbPath,
			KEYS_FILE: keysFile,
			// Roster uploads are larger than adapter-node's 512 kB default, as in `npm start`.
			BODY_SIZE_LIMIT: '25M',
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
	child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
	const exitPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const logs = () => `${out}${err ? `\n[stderr]\n${err}` : ''}`;

	const stop = async () => {
		if (exited(child)) return;
		child.kill('SIGTERM');
		const done = await Promise.race([exitPromise.then(() => true), sleep(5000).then(() => false)]);
		if (!done && !exited(child)) {
			child.kill('SIGKILL');
			await exitPromise;
		}
	};

	// Start-up migrates and loads keys; on a busy machine that takes far longer than on an idle one.
	const deadline = Date.now() + 90_000;
	let lastError: unknown;
	for (;;) {
		if (exited(child)) {
			throw new Error(`E2E: the server exited early (code ${child.exitCode}, signal ${child.signalCode}).\n${logs()}`);
		}
		try {
			const res = await fetch(`${url}/healthz`);
			if (res.ok && (await res.json()).status === 'ok') break;
			lastError = new Error(`healthz answered ${res.status}`);
		} catch (e) {
			lastError = e;
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`E2E: the server did not become healthy within 90 s (${String(lastError)}).\n${logs()}`);
		}
		await sleep(100);
	}

	return {
		url,
		dbPath,
		keysFile,
		dir,
		logs,
		stdout: () => out,
		async waitForLog(pattern, timeoutMs = 30_000) {
			const until = Date.now() + timeoutMs;
			for (;;) {
				const m = logs().match(pattern);
				if (m) return m;
				if (Date.now() > until || exited(child)) throw new Error(`E2E: no log line matching ${pattern}.\n${logs()}`);
				await sleep(50);
			}
		},
		stop,
		async dispose() {
			await stop();
			await rm(dir, { recursive: true, force: true });
		}
	};
}
