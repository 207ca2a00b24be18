// `npx tsx tests/bench/credential.ts`: the cost of issuing and checking one ballot credential
// (RFC 9474) with a 2048-bit cell key — native signing vs the library's JavaScript bignum signer.
// Prints figures only; nothing here fails.
import { generateKeyPairSync } from 'node:crypto';
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import {
	blindBallotMessage,
	deriveBallotMessage,
	finalizeCredential,
	newBallotSecret,
	toBase64url
} from '$lib/respondent/blind-client';
import { privateKeyFromPkcs8, signBlinded, verifyCredential } from '$lib/server/crypto/blind-signer';

function stats(samples: number[]) {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
	return { median: at(0.5), p95: at(0.95) };
}

async function timeEach(count: number, fn: (i: number) => unknown): Promise<number[]> {
	const samples: number[] = [];
	for (let i = 0; i < count; i++) {
		const start = performance.now();
		await fn(i);
		samples.push(performance.now() - start);
	}
	return samples;
}

function line(what: string, samples: number[]) {
	const { median, p95 } = stats(samples);
	console.log(`| ${what} | ${samples.length} | ${median.toFixed(2)} ms | ${p95.toFixed(2)} ms |`);
}

async function main() {
	const { publicKey, privateKey } = generateKeyPairSync('rsa', {
		modulusLength: 2048,
		publicKeyEncoding: { type: 'spki', format: 'der' },
		privateKeyEncoding: { type: 'pkcs8', format: 'der' }
	});
	const spki = new Uint8Array(publicKey);
	const spkiText = toBase64url(spki);
	const signer = privateKeyFromPkcs8(privateKey);

	// Inputs made up front so that only the measured operation is timed.
	const N = 200;
	const messages = await Promise.all(Array.from({ length: N }, () => deriveBallotMessage(newBallotSecret())));
	const blinds = await Promise.all(messages.map((m) => blindBallotMessage(spkiText, m)));
	signBlinded(signer, blinds[0].blindedMsg); // warm-up: first call parses n and derives the public key

	console.log('| operation (RSA-2048) | runs | median | p95 |');
	console.log('|---|---:|---:|---:|');
	const blindSigs: Uint8Array[] = [];
	line(
		'server signBlinded (OpenSSL, with s^e check)',
		await timeEach(N, (i) => blindSigs.push(signBlinded(signer, blinds[i].blindedMsg)))
	);
	const sigs: Uint8Array[] = [];
	for (let i = 0; i < N; i++) sigs.push(await finalizeCredential(spkiText, messages[i], blindSigs[i], blinds[i].inv));
	line(
		'server verifyCredential (OpenSSL)',
		await timeEach(N, (i) => {
			if (!verifyCredential(spki, messages[i], sigs[i])) throw new Error('credential did not verify');
		})
	);

	const C = 20;
	line('client blindBallotMessage (library)', await timeEach(C, (i) => blindBallotMessage(spkiText, messages[i])));
	line(
		'client finalizeCredential (library)',
		await timeEach(C, (i) => finalizeCredential(spkiText, messages[i], blindSigs[i], blinds[i].inv))
	);

	const suite = RSABSSA.SHA384.PSS.Randomized();
	const libKey = await crypto.subtle.importKey(
		'pkcs8',
		new Uint8Array(privateKey),
		{ name: 'RSA-PSS', hash: 'SHA-384' },
		true,
		['sign']
	);
	line(
		'library blindSign (JS bignum), for comparison',
		await timeEach(5, async (i) => {
			const s = await suite.blindSign(libKey, blinds[i].blindedMsg);
			if (toBase64url(s) !== toBase64url(blindSigs[i])) throw new Error('library and OpenSSL disagree');
		})
	);
}

main().catch((e) => {
	console.error(e);
	process.exit(2);
});
