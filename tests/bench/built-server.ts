// Shared by the benches that drive the built server (`node src/serve.js`, needs `build/`): start and stop
// a server process, read the one-time codes of the demo outbox, and seed a demo database once as a
// template that each trial copies.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadAppKey } from '$lib/server/crypto/keyring';
import { migrateToLatest, openSqlite } from '$lib/server/db/open';
import { seedDemo, type DemoSeed } from '$lib/server/seed/demo';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether `build/` holds a server build (the benches build nothing themselves). */
export const hasBuild = () => existsSync(path.join(ROOT, 'build', 'handler.js'));

export async function spawnServer(args: string[], env: Record<string, string>, port: number): Promise<ChildProcess> {
	// e.g. BENCH_HTTP_NODE_ARGS=--cpu-prof to see where a server's time goes.
	const extra = process.env.BENCH_HTTP_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
	const child = spawn(process.execPath, [...extra, ...args], {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TZ: 'UTC', PORT: String(port), ...env },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let i = 0; i < 900; i++) {
		if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode})`);
		try {
			if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
		} catch {
			// not listening yet
		}
		await sleep(100);
	}
	throw new Error('server did not start');
}

export async function stopChild(child: ChildProcess) {
	if (child.exitCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	if (!(await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]))) child.kill('SIGKILL');
}

/** Polls the demo outbox of `file` for a code sent to `recipients` after row `after`. */
export function outboxReader(file: string, sql: string) {
	const ro = new Database(file, { readonly: true, fileMustExist: true });
	const after = (ro.prepare(sql.replace('__WHERE__', '1')).get() as { id: number } | undefined)?.id ?? 0;
	const stmt = ro.prepare(sql.replace('__WHERE__', 'recipient in (?, ?) and id > ?'));
	return {
		async codeFor(r: { recipients: string[] }) {
			for (let i = 0; i < 1000; i++) {
				const row = stmt.get(r.recipients[0], r.recipients[1] ?? r.recipients[0], after) as
					{ body: string } | undefined;
				const code = row && /\b(\d{6})\b/.exec(row.body)?.[1];
				if (code) return code;
				await sleep(10);
			}
			throw new Error(`no code for ${r.recipients[0]}`);
		},
		close: () => ro.close()
	};
}

/** The demo outbox's query for `outboxReader`. */
export const DEMO_OUTBOX_SQL = 'select id, body from demo_outbox where __WHERE__ order by id desc limit 1';

/** A seeded demo database at `file` (its key beside it, `<file>.key`), checkpointed so that a copy is whole. */
export async function seedDemoFile(file: string): Promise<DemoSeed & { recipientsOf(personId: number): string[] }> {
	const h = openSqlite(file);
	await migrateToLatest(h.db);
	const appKey = loadAppKey({ database: file, keysSecret: null, keysFile: `${file}.key`, origin: null }, () => {});
	const seed = await seedDemo(h.db, appKey);
	const people = await h.db.selectFrom('person').select(['id', 'email', 'phone']).execute();
	h.sqlite.pragma('wal_checkpoint(TRUNCATE)');
	await h.db.destroy();
	const recipients = new Map(people.map((p) => [p.id, [p.email, p.phone].filter((x): x is string => !!x)]));
	return { ...seed, recipientsOf: (personId) => recipients.get(personId) ?? [] };
}

/** Starts `node src/serve.js` (production) on a fresh copy of `template` and its key. */
export async function startBuiltServer(template: string, copy: string, port: number) {
	copyFileSync(template, copy);
	copyFileSync(`${template}.key`, `${copy}.key`);
	const url = `http://127.0.0.1:${port}`;
	const env = { NODE_ENV: 'production', HOST: '127.0.0.1', ORIGIN: url, DATABASE_PATH: copy, KEYS_FILE: `${copy}.key` };
	const child = await spawnServer(['src/serve.js'], env, port);
	const outbox = outboxReader(copy, DEMO_OUTBOX_SQL);
	return { url, child, codeFor: outbox.codeFor, stop: async () => (outbox.close(), stopChild(child)) };
}
