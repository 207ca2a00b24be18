// `npm run bench` (part): server time of the respondent protocol's two hot requests, measured
// in-process on a real SQLite file — issuing a blind credential and casting one sealed answer sheet
// (sealed in Node as the browser does, outside the timing) — and the cast again once the sealed
// store already holds 100,000 sheets. Prints figures; sealed.ts has the sealed-answer targets.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sha256 } from '@oslojs/crypto/sha2';
import { receiptFromKeyHash } from '$lib/domain/codes';
import {
	blindBallotMessage,
	deriveBallotMessage,
	finalizeCredential,
	newBallotSecret,
	toBase64url
} from '$lib/respondent/blind-client';
import { sealSheet } from '$lib/respondent/seal-client';
import { castBallot } from '$lib/server/ballot/cast';
import { loadCellForm } from '$lib/server/ballot/cell-form';
import { privateKeyFromPkcs8, signBlinded } from '$lib/server/crypto/blind-signer';
import { cellKeyContext, openCellPrivateKey } from '$lib/server/crypto/cell-keys';
import { migrateToLatest, openSqlite } from '$lib/server/db/open';
import { loadAppKey } from '$lib/server/crypto/keyring';
import { issueCredential } from '$lib/server/respondent/credential';
import { seedDemo } from '$lib/server/seed/demo';
import { META, answersFor, timed, verifiedRespondent } from './respondent-steps';

const SLUG = 'dtxh-2026';

function stats(ms: number[]) {
	const s = [...ms].sort((a, b) => a - b);
	const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
	return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms (n = ${s.length})`;
}

async function main() {
	const dir = mkdtempSync(path.join(tmpdir(), 'par-survey-bench-resp-'));
	const file = path.join(dir, 'bench.sqlite');
	const { db, sqlite } = openSqlite(file);
	await migrateToLatest(db);
	const appKey = loadAppKey({ database: file, keysSecret: null, keysFile: null, origin: null }, () => {});
	try {
		const { links } = await seedDemo(db, appKey);
		const issueMs: number[] = [];
		const castMs: number[] = [];
		const reviseMs: number[] = [];
		for (let i = 0; i < links.length; i++) {
			const ctx = await verifiedRespondent(db, appKey, links[i].token, `bench-device-${i}`);
			const form = (await loadCellForm(db, ctx.person.cellId!))!;
			const message = await deriveBallotMessage(newBallotSecret());
			const { blindedMsg, inv } = await blindBallotMessage(form.publicKey, message);
			const [issued, ms1] = await timed(() => issueCredential(db, appKey, ctx, toBase64url(blindedMsg), META));
			if (!issued.ok) throw new Error(issued.error.key);
			issueMs.push(ms1);
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
			const [cast, ms2] = await timed(() => castBallot(db, SLUG, body));
			if (!cast.ok) throw new Error(JSON.stringify(cast.error));
			castMs.push(ms2);
			const resealed = await sealSheet(
				form.sealingKey!,
				form.campaignId,
				form.cellId,
				answersFor(form.questionnaire, units, i + 1)
			);
			const [revised, ms3] = await timed(() => castBallot(db, SLUG, { message: body.message, sealed: resealed }));
			if (!revised.ok) throw new Error(JSON.stringify(revised.error));
			reviseMs.push(ms3);
		}
		const questions = (await loadCellForm(db, 1))!;
		console.log(
			`questionnaire: ${questions.questionnaire.sections.reduce((n, s) => n + s.questions.length * (s.repeatPerRatedUnit ? Math.max(1, questions.ratedUnits.length) : 1), 0)} answers per sheet in cell 1`
		);
		console.log(
			`issue credential (session check, atomic claim, native RSA-3072 blind signature, audit event): ${stats(issueMs)}`
		);
		console.log(
			`cast one sealed sheet (PSS verify, size check, sealed sheet stored in one transaction): ${stats(castMs)}`
		);
		console.log(`revise one sealed sheet (sealed sheet replaced): ${stats(reviseMs)}`);

		// The same cast once 100,000 sheets are stored: the cost must not grow with the table.
		const cell = await db.selectFrom('reporting_cell').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
		const campaignId = cell.campaign_id;
		const form1 = (await loadCellForm(db, 1))!;
		// One full sheet's ciphertext reused: the store's size, not its contents, is what a cast could feel.
		const filler = Buffer.from(
			await sealSheet(
				form1.sealingKey!,
				campaignId,
				1,
				answersFor(
					form1.questionnaire,
					form1.ratedUnits.map((u) => u.id),
					0
				)
			),
			'base64url'
		);
		const insert = sqlite.prepare(
			'insert into sealed_sheet (key_hash, campaign_id, cell_id, receipt, sealed) values (?, ?, ?, ?, ?)'
		);
		sqlite.transaction(() => {
			for (let i = 0; i < 100_000; i++) {
				const hash = sha256(crypto.getRandomValues(new Uint8Array(32)));
				insert.run(Buffer.from(hash).toString('hex'), campaignId, 1, receiptFromKeyHash(hash), filler);
			}
		})();
		const key = privateKeyFromPkcs8(
			openCellPrivateKey(appKey, cell.private_key_enc, cellKeyContext(cell.campaign_id, cell.group_id, cell.unit_id))
		);
		const form = (await loadCellForm(db, 1))!;
		const bigMs: number[] = [];
		for (let i = 0; i < 64; i++) {
			const message = await deriveBallotMessage(newBallotSecret());
			const { blindedMsg, inv } = await blindBallotMessage(form.publicKey, message);
			const signature = await finalizeCredential(form.publicKey, message, signBlinded(key, blindedMsg), inv);
			const sealed = await sealSheet(
				form.sealingKey!,
				form.campaignId,
				1,
				answersFor(
					form.questionnaire,
					form.ratedUnits.map((u) => u.id),
					i
				)
			);
			const body = { cell: 1, message: toBase64url(message), signature: toBase64url(signature), sealed };
			const [cast, ms] = await timed(() => castBallot(db, SLUG, body));
			if (!cast.ok) throw new Error(JSON.stringify(cast.error));
			bigMs.push(ms);
		}
		console.log(`cast one sealed sheet with 100,000 sealed sheets already stored: ${stats(bigMs)}`);
	} finally {
		await db.destroy();
		rmSync(dir, { recursive: true, force: true });
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
