// `npx tsx tests/bench/signing.ts`: what RSA-3072 cell keys (issue 14 item 8) cost against RSA-2048:
// key generation at opening, the server's blind signature per credential, verification per cast, and
// the respondent's blinding and finalizing (the browser's library, run here on Node's WebCrypto).
// Prints figures only; nothing here fails.
import { randomBytes, type KeyObject } from 'node:crypto';
import {
	blindBallotMessage,
	deriveBallotMessage,
	finalizeCredential,
	fromBase64url,
	newBallotSecret
} from '$lib/respondent/blind-client';
import { privateKeyFromPkcs8, signBlinded, verifyCredential } from '$lib/server/crypto/blind-signer';
import {
	cellKeyContext,
	generateCellKeyPair,
	openCellPrivateKey,
	type CellKeyBits
} from '$lib/server/crypto/cell-keys';
import type { AppKey } from '$lib/server/crypto/keyring';
import { stats } from './stats';

const SIGN_RUNS = 200;
const CLIENT_RUNS = 20;
const KEYGEN_RUNS = 10;

/** Times fn for each size in turn, run after run, so that a busy machine weighs on both sizes alike. */
async function timeAlternately<S>(
	count: number,
	setups: S[],
	fn: (setup: S, i: number) => unknown
): Promise<number[][]> {
	const samples = setups.map(() => [] as number[]);
	for (let i = 0; i < count; i++)
		for (const [j, setup] of setups.entries()) {
			const start = performance.now();
			await fn(setup, i);
			samples[j].push(performance.now() - start);
		}
	return samples;
}

interface Setup {
	bits: CellKeyBits;
	context: string;
	publicKey: string;
	spki: Uint8Array;
	signer: KeyObject;
	messages: Uint8Array[];
	blinds: { blindedMsg: Uint8Array; inv: Uint8Array }[];
	blindSigs: Uint8Array[];
	sigs: Uint8Array[];
}

async function prepare(bits: CellKeyBits, appKey: AppKey): Promise<Setup> {
	const context = cellKeyContext(1, 1, bits);
	const pair = await generateCellKeyPair(appKey, context, bits);
	const signer = privateKeyFromPkcs8(openCellPrivateKey(appKey, pair.privateKeyEnc, context));
	// Inputs made up front so that only the measured operation is timed.
	const messages = await Promise.all(Array.from({ length: SIGN_RUNS }, () => deriveBallotMessage(newBallotSecret())));
	const blinds = await Promise.all(messages.map((m) => blindBallotMessage(pair.publicKey, m)));
	signBlinded(signer, blinds[0].blindedMsg); // warm-up: the first call parses n and derives the public key
	const spki = fromBase64url(pair.publicKey)!;
	return { bits, context, publicKey: pair.publicKey, spki, signer, messages, blinds, blindSigs: [], sigs: [] };
}

async function main() {
	const appKey = randomBytes(32) as AppKey;
	const setups = [await prepare(2048, appKey), await prepare(3072, appKey)];
	const rows: [string, number[][]][] = [];
	// One at a time, as openCampaign generates them (sealing included).
	rows.push([
		'cell key generation + sealing (per cell, at opening)',
		await timeAlternately(KEYGEN_RUNS, setups, (s) => generateCellKeyPair(appKey, s.context, s.bits))
	]);
	rows.push([
		'server signBlinded (OpenSSL, with s^e check), per credential',
		await timeAlternately(SIGN_RUNS, setups, (s, i) => s.blindSigs.push(signBlinded(s.signer, s.blinds[i].blindedMsg)))
	]);
	for (const s of setups)
		for (let i = 0; i < SIGN_RUNS; i++)
			s.sigs.push(await finalizeCredential(s.publicKey, s.messages[i], s.blindSigs[i], s.blinds[i].inv));
	rows.push([
		'server verifyCredential (OpenSSL), per cast',
		await timeAlternately(SIGN_RUNS, setups, (s, i) => {
			if (!verifyCredential(s.spki, s.messages[i], s.sigs[i])) throw new Error('credential did not verify');
		})
	]);
	rows.push([
		'client blindBallotMessage (browser library, on Node WebCrypto)',
		await timeAlternately(CLIENT_RUNS, setups, (s, i) => blindBallotMessage(s.publicKey, s.messages[i]))
	]);
	rows.push([
		'client finalizeCredential (browser library, on Node WebCrypto)',
		await timeAlternately(CLIENT_RUNS, setups, (s, i) =>
			finalizeCredential(s.publicKey, s.messages[i], s.blindSigs[i], s.blinds[i].inv)
		)
	]);
	console.log('\n## Blind-signing key size: RSA-2048 vs RSA-3072 (median / p95, ms; sizes timed alternately)\n');
	console.log('| operation | runs | RSA-2048 | RSA-3072 | ratio of medians |');
	console.log('|---|---:|---:|---:|---:|');
	for (const [what, [small, large]] of rows) {
		const [a, b] = [stats(small), stats(large)];
		console.log(
			`| ${what} | ${a.n} | ${a.median.toFixed(2)} / ${a.p95.toFixed(2)} | ${b.median.toFixed(2)} / ${b.p95.toFixed(2)} | ×${(b.median / a.median).toFixed(1)} |`
		);
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(2);
});
