// `npx tsx tests/bench/statements.ts` (issue 16): what reusing prepared statements saves on the respondent's
// hot reads and writes, through Kysely on one real SQLite file — the app's dialect (statement cache) against
// Kysely's own SQLite dialect (a fresh `prepare` per query), run alternately so a busy machine weighs on both.
// Each round: open a link (lookup, session, audit event), validate the session, and read the keys a browser
// checks before sealing. Prints figures only; the whole-path targets belong to the HTTP bench.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { loadCampaignKeys } from '$lib/server/ballot/public';
import { loadAppKey } from '$lib/server/crypto/keyring';
import { migrateToLatest, openDatabase } from '$lib/server/db/open';
import type { Database as Schema } from '$lib/server/db/schema';
import { openLink } from '$lib/server/respondent/links';
import { validateRespondentSession } from '$lib/server/respondent/sessions';
import { seedDemo } from '$lib/server/seed/demo';
import { META } from './respondent-steps';
import { stats } from './stats';

const ROUNDS = 30;
const SLUG = 'dtxh-2026';

async function round(db: Kysely<Schema>, tokens: string[], r: number): Promise<number> {
	const start = performance.now();
	for (const [i, token] of tokens.entries()) {
		const opened = await openLink(db, token, `bench-${r}-${i}`, META);
		if (!opened.ok) throw new Error(opened.error.key);
		if (!(await validateRespondentSession(db, opened.token))) throw new Error('no session');
		if (!(await loadCampaignKeys(db, SLUG))) throw new Error('no keys');
	}
	return (performance.now() - start) / tokens.length;
}

async function main() {
	const dir = mkdtempSync(path.join(tmpdir(), 'par-survey-bench-stmt-'));
	const file = path.join(dir, 'bench.sqlite');
	const app = openDatabase(file);
	try {
		await migrateToLatest(app.db);
		const appKey = loadAppKey({ database: file, keysSecret: null, keysFile: null, origin: null }, () => {});
		const tokens = (await seedDemo(app.db, appKey)).links.map((l) => l.token);
		const plainSqlite = new Database(file);
		plainSqlite.pragma('journal_mode = WAL');
		plainSqlite.pragma('synchronous = FULL');
		plainSqlite.pragma('foreign_keys = ON');
		plainSqlite.pragma('busy_timeout = 5000');
		plainSqlite.pragma('secure_delete = ON');
		const plain = new Kysely<Schema>({ dialect: new SqliteDialect({ database: plainSqlite }) });
		const cached: number[] = [];
		const fresh: number[] = [];
		for (let r = 0; r < ROUNDS; r++) {
			cached.push(await round(app.db, tokens, r * 2));
			fresh.push(await round(plain, tokens, r * 2 + 1));
		}
		await plain.destroy();
		const c = stats(cached.slice(2));
		const f = stats(fresh.slice(2));
		console.log(`per respondent step (open link + session + keys), ${tokens.length} links × ${ROUNDS} rounds:`);
		console.log(`  statement cache (the app):   median ${c.median.toFixed(3)} ms, p95 ${c.p95.toFixed(3)} ms`);
		console.log(`  prepare per query (Kysely):  median ${f.median.toFixed(3)} ms, p95 ${f.p95.toFixed(3)} ms`);
		console.log(`  cached / fresh = ${(c.median / f.median).toFixed(2)}`);
	} finally {
		await app.db.destroy();
		rmSync(dir, { recursive: true, force: true });
	}
}

await main();
