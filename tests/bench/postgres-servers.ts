// The HTTP bench on PostgreSQL (issue 17, BENCH_HTTP_ENGINE=postgres): the seeded SQLite template moved into a
// throw-away cluster with `db:copy`'s service, then per trial a copy of that database and one or several built
// servers on it (several: behind the round-robin proxy). The server's CPU is the app processes' and PostgreSQL's.
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { copySqliteToPostgres } from '$lib/server/db/copy';
import { openDatabase } from '$lib/server/db/open';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster';
import { startRoundRobinProxy } from '../support/round-robin-proxy';
import { sleep, spawnServer, stopChild } from './built-server';

export interface PostgresTemplate {
	cluster: PostgresCluster;
	name: string;
}

/** A cluster holding the SQLite template's data, copied the way a province moves (db:copy). */
export async function postgresTemplateFrom(sqliteFile: string): Promise<PostgresTemplate> {
	const cluster = startPostgresCluster();
	const name = 'bench_template';
	const admin = openDatabase(cluster.url('postgres'));
	try {
		await sql`create database ${sql.id(name)}`.execute(admin.db);
	} finally {
		await admin.db.destroy();
	}
	const copied = await copySqliteToPostgres({
		from: `sqlite:${sqliteFile}`,
		to: cluster.url(name),
		actor: { type: 'system', label: 'bench' },
		meta: { ip: null, userAgent: 'bench' }
	});
	if (!copied.ok) throw new Error(`bench: db:copy refused: ${copied.reason} ${copied.detail}`);
	return { cluster, name };
}

/** The cluster's processes: the postmaster and its children (backends, writers, autovacuum). */
function postgresPids(cluster: PostgresCluster): number[] {
	const postmaster = Number(readFileSync(path.join(cluster.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
	const children = readdirSync('/proc')
		.filter((d) => /^\d+$/.test(d))
		.filter((d) => {
			try {
				return Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === postmaster;
			} catch {
				return false;
			}
		})
		.map(Number);
	return [postmaster, ...children];
}

let copies = 0;

/** `processes` servers on a fresh copy of the template, with their proxy when more than one. */
export async function startPostgresServers(
	template: PostgresTemplate,
	keysFile: string,
	processes: number,
	freshPort: () => number
) {
	const name = `bench_${++copies}`;
	const admin = openDatabase(template.cluster.url('postgres'));
	await sql`create database ${sql.id(name)} template ${sql.id(template.name)}`.execute(admin.db);
	const url = template.cluster.url(name);
	const ports = Array.from({ length: processes }, freshPort);
	const proxy = processes > 1 ? await startRoundRobinProxy(ports) : null;
	const origin = proxy?.url ?? `http://127.0.0.1:${ports[0]}`;
	const env = {
		NODE_ENV: 'production',
		HOST: '127.0.0.1',
		ORIGIN: origin,
		DATABASE_URL: url,
		KEYS_FILE: keysFile,
		// adapter-node: the client's address from the header the bench sets, as behind a proxy.
		ADDRESS_HEADER: 'x-forwarded-for',
		XFF_DEPTH: '1'
	};
	const children: ChildProcess[] = [];
	for (const port of ports) children.push(await spawnServer(['src/serve.js'], env, port));
	const h = openDatabase(url);
	const after =
		(
			await h.db
				.selectFrom('demo_outbox')
				.select((eb) => eb.fn.max('id').as('id'))
				.executeTakeFirst()
		)?.id ?? 0;
	return {
		url: origin,
		child: children[0],
		pids: () => [...children.map((c) => c.pid!), ...postgresPids(template.cluster)],
		async codeFor(r: { recipients: string[] }) {
			for (let i = 0; i < 1000; i++) {
				const row = await h.db
					.selectFrom('demo_outbox')
					.select('body')
					.where('recipient', 'in', r.recipients)
					.where('id', '>', Number(after))
					.orderBy('id', 'desc')
					.limit(1)
					.executeTakeFirst();
				const code = row && /\b(\d{6})\b/.exec(row.body)?.[1];
				if (code) return code;
				await sleep(10);
			}
			throw new Error(`no code for ${r.recipients[0]}`);
		},
		async stop() {
			for (const child of children) await stopChild(child);
			await proxy?.close();
			await h.db.destroy();
			await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
			await admin.db.destroy();
		}
	};
}
