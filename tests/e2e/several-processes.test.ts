// Three app processes on one PostgreSQL database behind a round-robin proxy (issue 17). 200 respondents complete
// the whole path through the proxy (codes by e-mail through a real SMTP server) while one process is killed
// (SIGKILL, after the proxy stopped sending it requests: its memory — claimed messages, the leader's lock, its
// heartbeat — is what dies) and later started again. Then the committee signs in and supplies its shares
// through the proxy, so they reach different processes; the round opens. Nothing acknowledged is lost, nothing
// counted twice, each code mailed once (the killed process's one message in flight may repeat, and is then
// counted here), the tallies equal the recount and the audit chain — one chain for every process — verifies.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '$lib/server/audit';
import { loadAppKey } from '$lib/server/crypto/keyring';
import { migrateToLatest, openDatabase, type DbHandle } from '$lib/server/db/open';
import { issueInvitations } from '$lib/server/outreach/invitations';
import { demoOutbox } from '$lib/server/outreach/outbox';
import { checkTallies } from '$lib/server/results/recompute';
import { seedDemo, DEMO_PASSWORD } from '$lib/server/seed/demo';
import type { DemoShare } from '$lib/server/seed/demo-committee';
import { closeRound } from '../integration/attack-support';
import { startSmtp } from '../integration/delivery-support';
import { spawnServer, stopChild } from '../bench/built-server';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster';
import { completePath, prepareHttpRespondent, type HttpRespondent } from '../support/respondent-http';
import { startRoundRobinProxy } from '../support/round-robin-proxy';
import { freePort } from './support/server';

const RESPONDENTS = 200;
const CLIENTS = 8;
const KILL_AFTER = 70;
const RESTART_AFTER = 130;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cluster: PostgresCluster;
let dir: string;
let h: DbHandle;
let slug: string;
let campaignId: number;
let shares: DemoShare[];
let respondents: HttpRespondent[];
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let proxy: Awaited<ReturnType<typeof startRoundRobinProxy>>;
const servers: { port: number; child: ChildProcess | null }[] = [];
let serverEnv: Record<string, string>;

/** The newest code mailed to the respondent (its send step is done when this is asked). */
async function codeFor(r: HttpRespondent): Promise<string> {
	for (;;) {
		const mail = smtp.received.findLast((m) => m.to.includes(r.recipients[0]));
		const code = mail && /\b(\d{6})\b/.exec(mail.mail.text ?? '')?.[1];
		if (code) return code;
		await sleep(20);
	}
}

async function startServer(i: number) {
	servers[i].child = await spawnServer(
		['src/serve.js'],
		{ ...serverEnv, PORT: String(servers[i].port) },
		servers[i].port
	);
}

/** A staff member signed in through the proxy: the cookies of their session. */
async function signIn(username: string): Promise<string> {
	const res = await fetch(`${proxy.url}/login`, {
		method: 'POST',
		body: new URLSearchParams({ username, password: DEMO_PASSWORD }),
		headers: { origin: proxy.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		redirect: 'manual'
	});
	expect(res.status, `${username}: ${(await res.text()).slice(0, 300)}`).toBe(303);
	return res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}

beforeAll(async () => {
	cluster = startPostgresCluster();
	dir = mkdtempSync(path.join(tmpdir(), 'par-survey-processes-'));
	const admin = openDatabase(cluster.url('postgres'));
	await sql`create database par`.execute(admin.db);
	await admin.db.destroy();
	const url = cluster.url('par');
	const keysFile = path.join(dir, 'par-survey.key');
	h = openDatabase(url);
	await migrateToLatest(h.db);
	const appKey = loadAppKey({ database: url, keysSecret: null, keysFile, origin: null }, () => {});
	const seed = await seedDemo(h.db, appKey);
	shares = seed.shares;
	campaignId = shares[0].campaignId;
	const campaign = await h.db.selectFrom('campaign').selectAll().where('id', '=', campaignId).executeTakeFirstOrThrow();
	slug = campaign.slug;
	// More people in the demo round's cells (copies of its people with their own e-mail), and their links.
	const demoPeople = await h.db.selectFrom('person').selectAll().where('campaign_id', '=', campaignId).execute();
	const withCell = demoPeople.filter((p) => p.cell_id !== null);
	await h.db
		.insertInto('person')
		.values(
			Array.from({ length: RESPONDENTS }, (_, i) => {
				const { id: _id, ...base } = withCell[i % withCell.length];
				return { ...base, personal_code: `MP${i}`, email: `canbo${i}@example.vn`, phone: null };
			})
		)
		.execute();
	const issued = await issueInvitations(
		h.db,
		campaign,
		'missing',
		null,
		{ ip: null, userAgent: 'test' },
		{
			sender: demoOutbox({ quiet: true }),
			origin: 'http://127.0.0.1',
			demo: true
		}
	);
	if (!issued.ok) throw new Error(JSON.stringify(issued.error));
	const people = new Map(
		(await h.db.selectFrom('person').select(['id', 'email', 'phone', 'cell_id', 'personal_code']).execute()).map(
			(p) => [p.id, p]
		)
	);
	const mine = issued.links.filter((l) => people.get(l.personId)?.personal_code.startsWith('MP'));
	expect(mine).toHaveLength(RESPONDENTS);
	respondents = [];
	for (const [i, link] of mine.entries())
		respondents.push(await prepareHttpRespondent(h.db, link.token, people.get(link.personId)!, i));

	smtp = await startSmtp();
	for (let i = 0; i < 3; i++) servers.push({ port: await freePort(), child: null });
	proxy = await startRoundRobinProxy(servers.map((s) => s.port));
	serverEnv = {
		NODE_ENV: 'production',
		HOST: '127.0.0.1',
		ORIGIN: proxy.url,
		DATABASE_URL: url,
		KEYS_FILE: keysFile,
		SMTP_URL: smtp.url,
		MAIL_FROM: 'khaosat@example.vn',
		DELIVERY_EMAIL_PER_SECOND: '1000'
	};
	for (let i = 0; i < 3; i++) await startServer(i);
}, 600_000);

afterAll(async () => {
	for (const s of servers) if (s.child) await stopChild(s.child);
	await proxy?.close();
	await smtp?.close();
	await h?.db.destroy();
	cluster?.stop();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('three processes on one PostgreSQL database', () => {
	it('200 respondents complete through a round-robin proxy while one process is killed and restarted; the round opens', async () => {
		const { rows: before } = await sql<{ n: number }>`select count(*) as n from sealed_sheet`.execute(h.db);
		const receipts: string[] = [];
		let started = 0;
		let killed = false;
		let restarted = false;
		const client = async () => {
			while (started < respondents.length) {
				const r = respondents[started++];
				receipts.push(await completePath(proxy.url, slug, r, codeFor));
				if (!killed && receipts.length >= KILL_AFTER) {
					killed = true;
					await proxy.drain(1);
					servers[1].child!.kill('SIGKILL');
					servers[1].child = null;
				}
				if (killed && !restarted && receipts.length >= RESTART_AFTER) {
					restarted = true;
					await startServer(1);
					proxy.undrain(1);
				}
			}
		};
		await Promise.all(Array.from({ length: CLIENTS }, client));
		expect(killed && restarted).toBe(true);

		// Every acknowledged cast is there, once.
		expect(new Set(receipts).size).toBe(RESPONDENTS);
		const { rows: after } = await sql<{ n: number }>`select count(*) as n from sealed_sheet`.execute(h.db);
		expect(after[0].n - before[0].n).toBe(RESPONDENTS);
		// Each respondent's code mailed once; the killed process's one message in flight may have gone twice.
		const mails = new Map<string, number>();
		for (const m of smtp.received) for (const to of m.to) mails.set(to, (mails.get(to) ?? 0) + 1);
		for (const r of respondents) expect(mails.get(r.recipients[0]), r.recipients[0]).toBeGreaterThanOrEqual(1);
		const repeated = [...mails.values()].filter((n) => n > 1).length;
		expect(repeated).toBeLessThanOrEqual(1);

		// The committee supplies its shares through the proxy: each sign-in and supply may reach another process.
		await closeRound(h.db, campaignId);
		for (const [n, share] of shares.slice(0, 2).entries()) {
			const cookie = await signIn(share.username);
			// Two different processes: the first share is kept for its host, the second reaches the other.
			proxy.sendNextTo(n === 0 ? 0 : 2);
			const res = await fetch(`${proxy.url}/campaigns/${campaignId}/opening?/supply`, {
				method: 'POST',
				body: new URLSearchParams({ code: share.code, passphrase: share.passphrase }),
				headers: {
					origin: proxy.url,
					cookie,
					'content-type': 'application/x-www-form-urlencoded',
					'x-sveltekit-action': 'true',
					accept: 'application/json'
				}
			});
			expect(await res.json(), share.username).toMatchObject({ type: 'success' });
		}
		for (;;) {
			const c = await h.db
				.selectFrom('campaign')
				.select('counted_at')
				.where('id', '=', campaignId)
				.executeTakeFirstOrThrow();
			const job = await h.db
				.selectFrom('opening_job')
				.select('status')
				.where('campaign_id', '=', campaignId)
				.executeTakeFirst();
			if (c.counted_at !== null && job?.status === 'finished') break;
			const run = await h.db.selectFrom('opening_run').select(['phase', 'error']).executeTakeFirst();
			expect(run?.phase).not.toBe('failed');
			await sleep(200);
		}
		// The second share did reach another process than the host the first one chose.
		const run = await h.db.selectFrom('opening_run').select(['host', 'phase']).executeTakeFirstOrThrow();
		expect(run.phase).toBe('done');
		const counted = await h.db
			.selectFrom('counted_receipt')
			.select('receipt')
			.where('campaign_id', '=', campaignId)
			.execute();
		const countedSet = new Set(counted.map((c) => c.receipt));
		for (const receipt of receipts) expect(countedSet.has(receipt), receipt).toBe(true);
		const campaign = await h.db
			.selectFrom('campaign')
			.selectAll()
			.where('id', '=', campaignId)
			.executeTakeFirstOrThrow();
		expect(await checkTallies(h.db, campaign)).toMatchObject({ ok: true });
		expect(await verifyAuditChain(h.db)).toMatchObject({ ok: true });
		// All three processes wrote to that one chain.
		const { rows: processes } = await sql<{ n: number }>`select count(*) as n from app_process`.execute(h.db);
		expect(processes[0].n).toBeGreaterThanOrEqual(3);
	}, 900_000);
});
