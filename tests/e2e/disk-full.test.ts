// A full disk must say so, and a full log must not kill the server (issue 14). The built server runs with
// its database AND its log on a small tmpfs of its own, mounted without root in a user + mount namespace
// (`unshare -Urm`); the test reaches that tmpfs through /proc/<pid>/root and fills it, then frees it.
// Respondents get 503 "try again in a few minutes" (never 500), the log says DISK FULL once, the server
// lives on, and every sheet and credential acknowledged before or after is in the database.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, copyFileSync, mkdtempSync, openSync, readFileSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalizeCredential, toBase64url } from '$lib/respondent/blind-client';
import { sealSheet } from '$lib/respondent/seal-client';
import { loadAppKey } from '$lib/server/crypto/keyring';
import { openDatabase } from '$lib/server/db/open';
import { linkPath } from '$lib/server/outreach/invitations';
import { openLink } from '$lib/server/respondent/links';
import { blindFor, fullAnswers, SLUG, verifiedRespondent } from '../integration/respondent-support';
import { copyDemoDatabase } from './support/demo-template';
import { freePort, ROOT } from './support/server';

const UNAVAILABLE_VI = 'Hệ thống đang tạm thời không ghi được dữ liệu, vui lòng thử lại sau ít phút';
const SERVER_ENTRY = path.join(ROOT, 'src', 'serve.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A respondent made ready before the server starts: verified, attested, blinded, sheet sealed. */
type Ready = Awaited<ReturnType<typeof prepare>>;
async function prepare(
	db: Parameters<typeof blindFor>[0],
	key: ReturnType<typeof loadAppKey>,
	token: string,
	i: number
) {
	const { sessionToken, ctx } = await verifiedRespondent(db, key, token, `disk-full-device-${i}`);
	const b = await blindFor(db, ctx.person.cellId!);
	const sheet = fullAnswers(
		b.form.questionnaire,
		b.form.ratedUnits.map((u) => u.id),
		i
	);
	const sealed = await sealSheet(b.form.sealingKey!, b.form.campaignId, b.form.cellId, sheet);
	return { sessionToken, personId: ctx.person.id, ...b, sealed, signature: '' };
}

describe('the database and the log on a full tmpfs', () => {
	let stage: string;
	let mount: string;
	let child: ChildProcess;
	let url: string;
	let ready: Ready[];
	let unopened: string;
	let codeSession: string;
	/** The tmpfs as this process sees it: through the server's own root. */
	const inside = (file: string) => `/proc/${child.pid}/root${mount}/${file}`;
	const log = () => readFileSync(inside('server.log'), 'utf8');

	beforeAll(async () => {
		stage = mkdtempSync(path.join(tmpdir(), 'par-e2e-diskfull-'));
		mount = path.join(stage, 'tmpfs');
		const dbFile = path.join(stage, 'db.sqlite');
		const keyFile = path.join(stage, 'db.key');
		const links = (await copyDemoDatabase(dbFile, keyFile)).links;
		const h = openDatabase(dbFile);
		try {
			const key = loadAppKey({ database: dbFile, keysSecret: null, keysFile: keyFile, origin: null }, () => {});
			ready = [];
			for (let i = 0; i < 4; i++) ready.push(await prepare(h.db, key, links[i].token, i));
			// One link opened (its session may ask for a code), one never opened.
			const opened = await openLink(h.db, links[4].token, 'disk-full-device-4', { ip: '127.0.0.1', userAgent: 'e2e' });
			if (!opened.ok) throw new Error(opened.error.key);
			codeSession = opened.token;
			unopened = links[5].token;
		} finally {
			await h.db.destroy();
		}
		const port = await freePort();
		url = `http://127.0.0.1:${port}`;
		// 6 MB more than the database: room for the server's own writes until the test fills it.
		const size = Math.ceil(readFileSync(dbFile).length / 1048576) + 6;
		const script = `mkdir -p "$M" && mount -t tmpfs -o size=${size}m tmpfs "$M" && cp "$S/db.sqlite" "$S/db.key" "$M/" && exec "$NODE" "$ENTRY" >"$M/server.log" 2>&1`;
		child = spawn('unshare', ['-Urm', 'sh', '-c', script], {
			cwd: ROOT,
			stdio: 'ignore',
			env: {
				PATH: process.env.PATH ?? '',
				TZ: 'UTC',
				NODE_ENV: 'production',
				HOST: '127.0.0.1',
				PORT: String(port),
				ORIGIN: url,
				DATABASE_PATH: path.join(mount, 'db.sqlite'),
				KEYS_FILE: path.join(mount, 'db.key'),
				S: stage,
				M: mount,
				NODE: process.execPath,
				ENTRY: SERVER_ENTRY
			}
		});
		for (let tries = 0; ; tries++) {
			if (child.exitCode !== null) throw new Error(`the server exited early (${child.exitCode})`);
			const ok = await fetch(`${url}/healthz`).then(
				(r) => r.ok,
				() => false
			);
			if (ok) break;
			if (tries > 900) throw new Error(`the server did not start:\n${log()}`);
			await sleep(100);
		}
	}, 180_000);

	afterAll(async () => {
		child?.kill('SIGKILL');
		if (stage) rmSync(stage, { recursive: true, force: true });
	});

	const post = (pathname: string, body: string, headers: Record<string, string>) =>
		fetch(`${url}${pathname}`, { method: 'POST', body, redirect: 'manual', headers: { origin: url, ...headers } });
	const askCredential = (r: Ready) =>
		post('/s/credential', JSON.stringify({ blindedMessage: r.blinded }), {
			'content-type': 'application/json',
			accept: 'application/json',
			cookie: `par_respondent=${r.sessionToken}`
		});
	const cast = (r: Ready) =>
		post(
			`/c/${SLUG}/ballot`,
			JSON.stringify({
				cell: r.form.cellId,
				message: toBase64url(r.message),
				signature: r.signature,
				sealed: r.sealed
			}),
			{ 'content-type': 'application/json', accept: 'application/json' }
		);
	async function credentialOk(r: Ready) {
		const res = await askCredential(r);
		expect(res.status, await res.clone().text()).toBe(200);
		const { blindSignature } = (await res.json()) as { blindSignature: string };
		const signature = await finalizeCredential(
			r.form.publicKey,
			r.message,
			Buffer.from(blindSignature, 'base64url'),
			r.inv
		);
		r.signature = toBase64url(signature);
	}
	async function castOk(r: Ready): Promise<string> {
		const res = await cast(r);
		expect(res.status, await res.clone().text()).toBe(200);
		return ((await res.json()) as { receipt: string }).receipt;
	}
	// The code request as the page's enhanced form sends it.
	const askCode = () =>
		post('/s?/send', '', {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			cookie: `par_respondent=${codeSession}`
		});

	/** Writes zeros until the tmpfs refuses: ENOSPC for the database and for the log alike. */
	function fill() {
		const fd = openSync(inside('filler'), 'w');
		let refused = false;
		try {
			for (const chunk of [1 << 20, 1 << 16, 1 << 12, 1]) {
				const bytes = Buffer.alloc(chunk);
				for (;;) {
					try {
						writeSync(fd, bytes);
					} catch (e) {
						if ((e as { code?: string }).code !== 'ENOSPC') throw e;
						refused = true;
						break;
					}
				}
			}
		} finally {
			closeSync(fd);
		}
		expect(refused).toBe(true);
	}

	it('answers 503 "try again" while full, logs DISK FULL once, keeps serving, loses nothing acknowledged', async () => {
		const receipts: string[] = [];
		// Before: two respondents get their credential and cast.
		for (const r of ready.slice(0, 2)) {
			await credentialOk(r);
			receipts.push(await castOk(r));
		}
		// The third has its credential; their cast will meet the full disk.
		await credentialOk(ready[2]);

		fill();
		const castDuring = await cast(ready[2]);
		const credentialDuring = await askCredential(ready[3]);
		const codeDuring = await askCode();
		const linkDuring = await fetch(`${url}${linkPath(unopened)}`, { redirect: 'manual' });
		for (const res of [castDuring, credentialDuring, codeDuring, linkDuring]) {
			expect(res.status, `${res.url}: ${await res.clone().text()}`).toBe(503);
			expect(res.headers.get('retry-after')).toBeTruthy();
		}
		// The respondent's scripts show errors[].message as is; the form action renders the error page.
		const castBody = (await castDuring.json()) as { errors: { message: string }[] };
		expect(castBody.errors[0].message).toContain(UNAVAILABLE_VI);
		expect(((await credentialDuring.json()) as { errors: { message: string }[] }).errors[0].message).toContain(
			UNAVAILABLE_VI
		);
		const action = (await codeDuring.json()) as { type: string; error: { message: string } };
		expect(action).toMatchObject({ type: 'error', error: { message: 'error.unavailable' } });
		const page = await linkDuring.text();
		expect(page).toContain(UNAVAILABLE_VI);
		expect(page).toContain('Please try again in a few minutes');
		// Still alive: reads need no space.
		expect((await fetch(`${url}/healthz`)).status).toBe(200);
		expect(child.exitCode).toBeNull();

		unlinkSync(inside('filler'));
		// After: the refused steps succeed when tried again, and a fresh respondent goes all the way.
		receipts.push(await castOk(ready[2]));
		await credentialOk(ready[3]);
		receipts.push(await castOk(ready[3]));
		const codeAfter = await askCode();
		expect(codeAfter.status).toBe(200);
		expect(((await codeAfter.json()) as { type: string }).type).not.toBe('error');

		// The log line: written late (the log shares the full disk), once, with the cause; no "cannot rollback".
		for (let i = 0; i < 200 && !log().includes('DISK FULL'); i++) await sleep(100);
		const text = log();
		expect(text.match(/ĐĨA ĐẦY \/ DISK FULL/g)).toHaveLength(1);
		expect(text).toMatch(/DISK FULL.*SQLITE_FULL/);
		expect(text).not.toContain('cannot rollback');
		expect(text).not.toMatch(/error [0-9a-f-]{36} on/);
		expect(child.exitCode).toBeNull();

		// Nothing acknowledged is lost: every receipt and every credential is in the database.
		// A copy of the idle server's files (SQLite would resolve /proc/<pid>/root back to our own root).
		const copy = path.join(stage, 'copy.sqlite');
		copyFileSync(inside('db.sqlite'), copy);
		copyFileSync(inside('db.sqlite-wal'), `${copy}-wal`);
		const db = new Database(copy);
		try {
			const stored = db.prepare('select receipt from sealed_sheet').pluck().all() as string[];
			for (const receipt of receipts) expect(stored).toContain(receipt);
			const credentials = db
				.prepare(
					`select count(*) from invitation where person_id in (${ready.map(() => '?').join(',')}) and credential_at is not null`
				)
				.pluck()
				.get(...ready.map((r) => r.personId));
			expect(credentials).toBe(4);
		} finally {
			db.close();
		}
	}, 300_000);
});

describe('a log on a device that is always full (/dev/full)', () => {
	it('does not stop the server: it starts, logs into the void and keeps answering', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'par-e2e-devfull-'));
		const port = await freePort();
		const full = openSync('/dev/full', 'w');
		// An empty database: the start-up logs the one-time setup link, the first line that fails.
		const server = spawn(process.execPath, [SERVER_ENTRY], {
			cwd: ROOT,
			stdio: ['ignore', full, full],
			env: {
				PATH: process.env.PATH ?? '',
				NODE_ENV: 'production',
				HOST: '127.0.0.1',
				PORT: String(port),
				ORIGIN: `http://127.0.0.1:${port}`,
				DATABASE_PATH: path.join(dir, 'db.sqlite'),
				KEYS_FILE: path.join(dir, 'db.key')
			}
		});
		closeSync(full);
		try {
			let healthy = false;
			for (let i = 0; i < 900 && !healthy && server.exitCode === null; i++) {
				healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
					(r) => r.ok,
					() => false
				);
				if (!healthy) await sleep(100);
			}
			expect(healthy).toBe(true);
			// Requests that log (a 404 is not logged; a bad setup link and a cross-site post are answered).
			for (let i = 0; i < 5; i++) {
				expect((await fetch(`http://127.0.0.1:${port}/setup/not-a-token`)).status).toBeLessThan(500);
				expect((await fetch(`http://127.0.0.1:${port}/login`, { method: 'POST' })).status).toBe(403);
			}
			await sleep(500);
			expect(server.exitCode).toBeNull();
			expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
		} finally {
			server.kill('SIGKILL');
			rmSync(dir, { recursive: true, force: true });
		}
	}, 120_000);
});
