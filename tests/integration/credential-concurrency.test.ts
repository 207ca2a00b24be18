// "At most one credential per invitation" under load: 50 browser tabs of one respondent ask for a
// credential at the same moment, each with its own blinded message, through two server processes
// sharing one database file. Exactly one is signed; the other 49 are refused and logged.
//
// The two servers are real child processes, each with its own openDatabase() handle. Two handles in
// this one process would not model them: better-sqlite3 waits for a lock synchronously (busy_timeout),
// which freezes the very event loop the lock holder needs to commit, so they deadlock until timeout.
import { spawn } from 'node:child_process';
import { constants, createPublicKey, publicEncrypt, randomBytes, type KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '$lib/server/audit';
import { sha256Hex } from '$lib/server/respondent/cookies';
import type { CredentialResult } from '$lib/server/respondent/credential';
import { META } from './support';
import { blindFor, removeTemplate, seededCopy, verifiedRespondent } from './respondent-support';

afterAll(removeTemplate);

const ROOT = process.cwd();
const TABS = 50;

// One "server process": opens its own handle on the file, says "ready", and on "go" fires all its
// requests at once, then prints the results as one JSON line.
const SERVER = `
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import path from 'node:path';
const root = process.env.PAR_ROOT;
const { openDatabase } = await import(path.join(root, 'src/lib/server/db/open.ts'));
const { issueCredential } = await import(path.join(root, 'src/lib/server/respondent/credential.ts'));
const { loadAppKey } = await import(path.join(root, 'src/lib/server/crypto/keyring.ts'));
const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const appKey = loadAppKey({ database: path.join(job.dir, 'x.sqlite'), keysSecret: null, keysFile: null, origin: null }, () => {});
const { db } = openDatabase(job.file);
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\\n');
for await (const line of lines) if (line === 'go') break;
lines.close();
const results = await Promise.all(job.blinded.map((b) => issueCredential(db, appKey, job.ctx, b, job.meta).catch((e) => ({ ok: false, error: { status: 500, key: String(e) } }))));
await db.destroy();
process.stdout.write(JSON.stringify(results) + '\\n');
`;

/** k random bytes below n: the top byte is kept under n's (whose top bit is set), and never all zero. */
function randomResidue(publicKey: KeyObject): string {
	const k = publicKey.asymmetricKeyDetails!.modulusLength! / 8;
	const bytes = randomBytes(k);
	bytes[0] = 1 + (bytes[0] & 0x3f);
	return bytes.toString('base64url');
}

function startServer(jobFile: string, scriptFile: string) {
	const child = spawn(process.execPath, ['--import', 'tsx', scriptFile, jobFile], {
		cwd: ROOT,
		env: { ...process.env, PAR_ROOT: ROOT },
		stdio: ['pipe', 'pipe', 'pipe']
	});
	let stderr = '';
	child.stderr.on('data', (d) => (stderr += String(d)));
	const lines = createInterface({ input: child.stdout });
	const queue: string[] = [];
	const waiting: ((line: string) => void)[] = [];
	lines.on('line', (line) => (waiting.length ? waiting.shift()!(line) : queue.push(line)));
	const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
	const nextLine = () =>
		new Promise<string>((resolve, reject) => {
			if (queue.length) return resolve(queue.shift()!);
			waiting.push(resolve);
			exited.then((code) => reject(new Error(`server process exited (${code}): ${stderr}`)));
		});
	return { child, nextLine, exited };
}

describe('issuing credentials concurrently', () => {
	it('50 parallel requests with different blinded messages over two processes: one signature, 49 refusals', async () => {
		const { t, key, links } = await seededCopy();
		try {
			const { ctx } = await verifiedRespondent(t.db, key, links[0].token);
			const cell = await t.db
				.selectFrom('reporting_cell')
				.select('public_key')
				.where('id', '=', ctx.person.cellId!)
				.executeTakeFirstOrThrow();
			const publicKey = createPublicKey({
				key: Buffer.from(cell.public_key, 'base64url'),
				format: 'der',
				type: 'spki'
			});
			// One tab blinds a real message as the browser does; the others send what a blinded message
			// is to the server: a uniformly random residue mod n (RFC 9474), made here without the
			// library's slow bignum blinding.
			const real = await blindFor(t.db, ctx.person.cellId!);
			const blinded = [real.blinded, ...Array.from({ length: TABS - 1 }, () => randomResidue(publicKey))];
			expect(new Set(blinded).size).toBe(TABS);
			const auditBefore = await t.db
				.selectFrom('audit_event')
				.select((eb) => eb.fn.max('seq').as('seq'))
				.executeTakeFirstOrThrow();

			const script = path.join(t.dir, 'server.mts');
			writeFileSync(script, SERVER);
			let winner = '';
			const servers = [0, 1].map((i) => {
				const jobFile = path.join(t.dir, `job-${i}.json`);
				// Interleaved: each process gets every other tab.
				writeFileSync(
					jobFile,
					JSON.stringify({ dir: t.dir, file: t.file, ctx, meta: META, blinded: blinded.filter((_, j) => j % 2 === i) })
				);
				return startServer(jobFile, script);
			});
			try {
				for (const s of servers) expect(await s.nextLine()).toBe('ready');
				for (const s of servers) s.child.stdin.end('go\n');
				const outputs = await Promise.all(servers.map((s) => s.nextLine()));
				const results = outputs.flatMap((line) => JSON.parse(line) as CredentialResult[]);
				expect(results).toHaveLength(TABS);
				const signed = results.filter((r) => r.ok);
				const refused = results.filter((r) => !r.ok);
				expect(signed).toHaveLength(1);
				expect(refused).toHaveLength(TABS - 1);
				for (const r of refused)
					expect(r).toEqual({ ok: false, error: { status: 409, key: 'respondent.error.alreadyIssued' } });
				expect(signed[0]).toMatchObject({ ok: true, cellId: ctx.person.cellId });
				winner = signed[0].ok ? signed[0].blindSignature : '';
				for (const s of servers) expect(await s.exited).toBe(0);
			} finally {
				for (const s of servers) if (s.child.exitCode === null) s.child.kill();
			}

			const inv = await t.db
				.selectFrom('invitation')
				.select(['credential_at', 'credential_request_hash'])
				.where('id', '=', ctx.invitation.id)
				.executeTakeFirstOrThrow();
			expect(inv.credential_at).not.toBeNull();
			// The stored request hash names the one blinded message that was signed, and the signature is
			// that message's RSA signature (s^e mod n = z).
			const won = blinded.filter(
				(b) => sha256Hex(Buffer.from(b, 'base64url').toString('hex')) === inv.credential_request_hash
			);
			expect(won).toHaveLength(1);
			expect(
				publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, Buffer.from(winner, 'base64url')).equals(
					Buffer.from(won[0], 'base64url')
				)
			).toBe(true);
			const events = await t.db
				.selectFrom('audit_event')
				.select(['action', 'subject_id', 'at'])
				.where('seq', '>', Number(auditBefore.seq))
				.where('action', 'like', 'credential.%')
				.execute();
			// Set once: by the request that was signed, at the time of its one credential.issued event.
			expect(events.filter((e) => e.action === 'credential.issued')).toEqual([
				{ action: 'credential.issued', subject_id: String(ctx.invitation.id), at: inv.credential_at }
			]);
			expect(events.filter((e) => e.action === 'credential.refused')).toHaveLength(TABS - 1);
			expect(events.filter((e) => e.action !== 'credential.issued' && e.action !== 'credential.refused')).toEqual([]);
			// Both processes appended to one chain; no fork, no gap.
			expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
		} finally {
			await t.close();
		}
	});
});
