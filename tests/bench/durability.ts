// `npx tsx tests/bench/durability.ts`: what `synchronous = FULL` (issue 14 item 13: an acknowledged cast or
// credential survives an OS crash or power cut) costs against NORMAL, per write transaction, on the
// server's real paths: issuing a blind credential, casting a sealed sheet, and one audit event.
// Two copies of one seeded demo file, one per setting, timed alternately so a busy machine weighs on
// both alike. Put the files on the disk the server uses (BENCH_DIR): on tmpfs fsync costs nothing.
// Prints figures only; nothing here fails.
import { copyFileSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
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
import { appendAuditEvent } from '$lib/server/audit';
import { castBallot } from '$lib/server/ballot/cast';
import { loadCellForm } from '$lib/server/ballot/cell-form';
import { loadAppKey, type AppKey } from '$lib/server/crypto/keyring';
import { migrateToLatest, openSqlite, type Db, type DbHandle } from '$lib/server/db/open';
import { issueCredential } from '$lib/server/respondent/credential';
import { seedDemo } from '$lib/server/seed/demo';
import { META, answersFor, timed, verifiedRespondent } from './respondent-steps';
import { stats } from './stats';

const SLUG = 'dtxh-2026';
const TMPFS_MAGIC = 0x01021994;
const AUDIT_RUNS = 300;
const MODES = ['FULL', 'NORMAL'] as const;

/** One respondent: credential then cast, each timed as the server runs it (setup and sealing untimed). */
async function credentialAndCast(db: Db, appKey: AppKey, token: string, i: number): Promise<[number, number]> {
	const ctx = await verifiedRespondent(db, appKey, token, `bench-device-${i}`);
	const form = (await loadCellForm(db, ctx.person.cellId!))!;
	const message = await deriveBallotMessage(newBallotSecret());
	const { blindedMsg, inv } = await blindBallotMessage(form.publicKey, message);
	const [issued, issueMs] = await timed(() => issueCredential(db, appKey, ctx, toBase64url(blindedMsg), META));
	if (!issued.ok) throw new Error(issued.error.key);
	const signature = await finalizeCredential(
		form.publicKey,
		message,
		Buffer.from(issued.blindSignature, 'base64url'),
		inv
	);
	const units = form.ratedUnits.map((u) => u.id);
	const sealed = await sealSheet(
		form.sealingKey!,
		form.campaignId,
		form.cellId,
		answersFor(form.questionnaire, units, i)
	);
	const body = { cell: form.cellId, message: toBase64url(message), signature: toBase64url(signature), sealed };
	const [cast, castMs] = await timed(() => castBallot(db, SLUG, body));
	if (!cast.ok) throw new Error(JSON.stringify(cast.error));
	return [issueMs, castMs];
}

const show = (ms: number[]) => {
	const s = stats(ms);
	return `${s.median.toFixed(2)} / ${s.p95.toFixed(2)}`;
};

async function main() {
	const dir = mkdtempSync(path.join(process.env.BENCH_DIR ?? tmpdir(), 'par-survey-bench-durable-'));
	const seeded = path.join(dir, 'seeded.sqlite');
	const handles: DbHandle[] = [];
	try {
		const onTmpfs = statfsSync(dir).type === TMPFS_MAGIC;
		const appKey = loadAppKey({ database: seeded, keysSecret: null, keysFile: null, origin: null }, () => {});
		const seed = openSqlite(seeded);
		await migrateToLatest(seed.db);
		const { links } = await seedDemo(seed.db, appKey);
		seed.sqlite.pragma('wal_checkpoint(TRUNCATE)');
		await seed.db.destroy();
		for (const mode of MODES) {
			const file = path.join(dir, `${mode}.sqlite`);
			copyFileSync(seeded, file);
			const handle = openSqlite(file);
			// openSqlite commits with FULL; the NORMAL copy is the setting before issue 14.
			if (mode === 'NORMAL') handle.sqlite.pragma('synchronous = NORMAL');
			const level = handle.sqlite.pragma('synchronous', { simple: true });
			if (level !== (mode === 'FULL' ? 2 : 1)) throw new Error(`${mode} copy reports synchronous = ${level}`);
			handles.push(handle);
		}

		const issue = MODES.map(() => [] as number[]);
		const cast = MODES.map(() => [] as number[]);
		const audit = MODES.map(() => [] as number[]);
		for (const [i, link] of links.entries())
			for (const [m, handle] of handles.entries()) {
				const [issueMs, castMs] = await credentialAndCast(handle.db, appKey, link.token, i);
				issue[m].push(issueMs);
				cast[m].push(castMs);
			}
		for (let i = 0; i < AUDIT_RUNS; i++)
			for (const [m, handle] of handles.entries()) {
				const [, ms] = await timed(() =>
					appendAuditEvent(handle.db, {
						actor: { type: 'staff', id: 1, label: 'bench' },
						action: 'auth.login',
						meta: META,
						payload: { i }
					})
				);
				audit[m].push(ms);
			}

		console.log(
			`\n## Durable commits: synchronous = FULL vs NORMAL (WAL), median / p95 ms per request${onTmpfs ? ' — WARNING: tmpfs, fsync is free here; set BENCH_DIR to a real disk' : ''}\n`
		);
		console.log('| transaction | runs | FULL | NORMAL | FULL − NORMAL (medians) |');
		console.log('|---|---:|---:|---:|---:|');
		for (const [what, samples] of [
			['issue credential (claim, blind signature, audit event)', issue],
			['cast one sealed sheet (verify, insert)', cast],
			['one audit event, own transaction', audit]
		] as const) {
			const diff = stats(samples[0]).median - stats(samples[1]).median;
			console.log(
				`| ${what} | ${samples[0].length} | ${show(samples[0])} | ${show(samples[1])} | ${diff.toFixed(2)} |`
			);
		}
	} finally {
		for (const h of handles) await h.db.destroy();
		rmSync(dir, { recursive: true, force: true });
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(2);
});
