import {
	constants,
	createHash,
	createPrivateKey,
	createPublicKey,
	generateKeyPairSync,
	randomBytes,
	verify,
	type KeyObject
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { BlindSignError, privateKeyFromPkcs8, signBlinded, verifyCredential } from '$lib/server/crypto/blind-signer';
import {
	CELL_KEY_BITS,
	cellKeyContext,
	generateCellKeyPair,
	openCellPrivateKey,
	type CellKeyPair
} from '$lib/server/crypto/cell-keys';
import type { AppKey } from '$lib/server/crypto/keyring';
import {
	blindBallotMessage,
	deriveBallotMessage,
	finalizeCredential,
	fromBase64url,
	newBallotSecret,
	spkiFingerprint,
	toBase64url
} from '$lib/respondent/blind-client';

interface Vector {
	name: string;
	[field: string]: string;
}
const vectors: Vector[] = JSON.parse(
	readFileSync(new URL('../fixtures/rfc9474-test-vectors.json', import.meta.url), 'utf8')
);

/** Vector fields are hex, some with a 0x prefix. */
const evenHex = (digits: string) => (digits.length % 2 ? `0${digits}` : digits);
const hex = (text: string) => new Uint8Array(Buffer.from(evenHex(text.replace(/^0x/, '')), 'hex'));
const big = (text: string) => BigInt(`0x${text.replace(/^0x/, '')}`);
const b64u = (n: bigint) => Buffer.from(evenHex(n.toString(16)), 'hex').toString('base64url');

function modInverse(a: bigint, m: bigint): bigint {
	let [r0, r1, t0, t1] = [a % m, m, 1n, 0n];
	while (r1 !== 0n) {
		const q = r0 / r1;
		[r0, r1, t0, t1] = [r1, r0 - q * r1, t1, t0 - q * t1];
	}
	return ((t0 % m) + m) % m;
}

/** The vector's private key through JWK; the CRT parts are not in the vectors, so compute them. */
function vectorKey(v: Vector): { key: KeyObject; spki: Uint8Array } {
	const [n, e, d, p, q] = [v.n, v.e, v.d, v.p, v.q].map(big);
	const key = createPrivateKey({
		key: {
			kty: 'RSA',
			n: b64u(n),
			e: b64u(e),
			d: b64u(d),
			p: b64u(p),
			q: b64u(q),
			dp: b64u(d % (p - 1n)),
			dq: b64u(d % (q - 1n)),
			qi: b64u(modInverse(q, p))
		},
		format: 'jwk'
	});
	return { key, spki: new Uint8Array(createPublicKey(key).export({ type: 'spki', format: 'der' })) };
}

function flipBit(bytes: Uint8Array, index: number): Uint8Array {
	const copy = new Uint8Array(bytes);
	copy[index] ^= 0x01;
	return copy;
}

function expectBlindSignError(fn: () => unknown, code: BlindSignError['code']) {
	let caught: unknown;
	try {
		fn();
	} catch (e) {
		caught = e;
	}
	expect(caught).toBeInstanceOf(BlindSignError);
	expect((caught as BlindSignError).code).toBe(code);
}

describe('RFC 9474 test vectors', () => {
	it('has the four SHA-384 vectors', () => {
		expect(vectors.map((v) => v.name).sort()).toEqual([
			'RSABSSA-SHA384-PSS-Deterministic',
			'RSABSSA-SHA384-PSS-Randomized',
			'RSABSSA-SHA384-PSSZERO-Deterministic',
			'RSABSSA-SHA384-PSSZERO-Randomized'
		]);
	});

	for (const v of vectors) {
		it(`${v.name}: signBlinded reproduces blind_sig byte for byte`, () => {
			const { key } = vectorKey(v);
			expect(toBase64url(signBlinded(key, hex(v.blinded_msg)))).toBe(toBase64url(hex(v.blind_sig)));
		});

		it(`${v.name}: the final signature verifies on input_msg = msg_prefix ‖ msg`, () => {
			const { spki } = vectorKey(v);
			const input = hex(v.input_msg);
			expect(toBase64url(input)).toBe(toBase64url(new Uint8Array([...hex(v.msg_prefix ?? ''), ...hex(v.msg)])));
			const sLen = Number(big(v.sLen));
			const publicKey = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
			// Native PSS verification with the vector's own salt length accepts every vector ...
			expect(
				verify(
					'sha384',
					input,
					{ key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: sLen },
					hex(v.sig)
				)
			).toBe(true);
			// ... and verifyCredential, fixed to the 48-byte salt of our suite, accepts exactly the PSS ones.
			expect(verifyCredential(spki, input, hex(v.sig))).toBe(sLen === 48);
		});
	}
});

describe('verifyCredential refuses', () => {
	const v = vectors.find((x) => x.name === 'RSABSSA-SHA384-PSS-Randomized')!;
	const { spki } = vectorKey(v);
	const input = hex(v.input_msg);
	const sig = hex(v.sig);

	it('accepts the untouched vector (control)', () => {
		expect(verifyCredential(spki, input, sig)).toBe(true);
	});

	it('a signature with one bit flipped', () => {
		expect(verifyCredential(spki, input, flipBit(sig, 100))).toBe(false);
		expect(verifyCredential(spki, input, flipBit(sig, sig.length - 1))).toBe(false);
	});

	it('a signature under another key of the same size', () => {
		// Another modulus of the same length (n + 2); generating a 4096-bit key would take seconds.
		const otherN = b64u(big(v.n) + 2n);
		const other = createPublicKey({ key: { kty: 'RSA', n: otherN, e: b64u(big(v.e)) }, format: 'jwk' }).export({
			type: 'spki',
			format: 'der'
		});
		expect(verifyCredential(other, input, sig)).toBe(false);
		// (The round trip below also checks a genuine second cell key.)
	});

	it('a different message', () => {
		expect(verifyCredential(spki, flipBit(input, 0), sig)).toBe(false);
		expect(verifyCredential(spki, hex(v.msg), sig)).toBe(false);
		expect(verifyCredential(spki, new Uint8Array(0), sig)).toBe(false);
	});

	it('a truncated or extended signature, and an empty one', () => {
		expect(verifyCredential(spki, input, sig.subarray(1))).toBe(false);
		expect(verifyCredential(spki, input, sig.subarray(0, sig.length - 1))).toBe(false);
		expect(verifyCredential(spki, input, new Uint8Array([0, ...sig]))).toBe(false);
		expect(verifyCredential(spki, input, new Uint8Array(0))).toBe(false);
	});

	it('a garbage, truncated or non-RSA public key, without throwing', () => {
		expect(verifyCredential(randomBytes(300), input, sig)).toBe(false);
		expect(verifyCredential(new Uint8Array(0), input, sig)).toBe(false);
		expect(verifyCredential(spki.subarray(0, 100), input, sig)).toBe(false);
		const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' });
		expect(verifyCredential(ed, input, sig)).toBe(false);
	});
});

describe('signBlinded refuses', () => {
	const v = vectors[0];
	const { key } = vectorKey(v);
	const blinded = hex(v.blinded_msg);
	const n = hex(v.n);

	it('a blinded message of the wrong length', () => {
		expectBlindSignError(() => signBlinded(key, blinded.subarray(1)), 'invalid');
		expectBlindSignError(() => signBlinded(key, new Uint8Array([0, ...blinded])), 'invalid');
		expectBlindSignError(() => signBlinded(key, new Uint8Array(0)), 'invalid');
	});

	it('a value equal to or above the modulus', () => {
		expect(n.length).toBe(blinded.length);
		expectBlindSignError(() => signBlinded(key, n), 'invalid');
		const above = new Uint8Array(n);
		above[above.length - 1] += 1;
		expectBlindSignError(() => signBlinded(key, above), 'invalid');
		expectBlindSignError(() => signBlinded(key, new Uint8Array(n.length).fill(0xff)), 'invalid');
	});

	it('zero', () => {
		expectBlindSignError(() => signBlinded(key, new Uint8Array(n.length)), 'invalid');
	});

	it('signs n − 1 and 1 (in range) and the check holds', () => {
		const nMinus1 = new Uint8Array(n);
		nMinus1[nMinus1.length - 1] -= 1;
		// (n−1)^d = n−1 for odd d, and 1^d = 1.
		expect(toBase64url(signBlinded(key, nMinus1))).toBe(toBase64url(nMinus1));
		const one = new Uint8Array(n.length);
		one[one.length - 1] = 1;
		expect(toBase64url(signBlinded(key, one))).toBe(toBase64url(one));
	});

	it('a non-RSA or public key as the signing key', () => {
		expectBlindSignError(() => signBlinded(generateKeyPairSync('ed25519').privateKey, blinded), 'invalid');
		expectBlindSignError(() => signBlinded(createPublicKey(key), blinded), 'invalid');
	});

	it('a faulty private key (wrong d and dp) is caught by the s^e = z check', () => {
		const jwk = key.export({ format: 'jwk' });
		const flip = (s: string) => toBase64url(flipBit(fromBase64url(s)!, 0));
		const faulty = createPrivateKey({ key: { ...jwk, d: flip(jwk.d!), dp: flip(jwk.dp!) }, format: 'jwk' });
		expectBlindSignError(() => signBlinded(faulty, blinded), 'check_failed');
	});

	it('never leaks an OpenSSL error', () => {
		let caught: unknown;
		try {
			signBlinded(key, new Uint8Array(n.length).fill(0xff));
		} catch (e) {
			caught = e;
		}
		expect(caught).toBeInstanceOf(BlindSignError);
		expect(String((caught as Error).message)).not.toMatch(/openssl|error:|modulus/i);
	});
});

describe('a full credential round trip with cell keys', () => {
	const appKey = randomBytes(32) as AppKey;
	const contextA = cellKeyContext(1, 2, 3);
	const contextB = cellKeyContext(1, 2, 4);
	let cellA: CellKeyPair;
	let cellB: CellKeyPair;
	let signerA: KeyObject;
	let signerB: KeyObject;

	beforeAll(async () => {
		[cellA, cellB] = await Promise.all([generateCellKeyPair(appKey, contextA), generateCellKeyPair(appKey, contextB)]);
		signerA = privateKeyFromPkcs8(openCellPrivateKey(appKey, cellA.privateKeyEnc, contextA));
		signerB = privateKeyFromPkcs8(openCellPrivateKey(appKey, cellB.privateKeyEnc, contextB));
	});

	it('makes RSA-3072 keys for new cells (128-bit strength)', () => {
		expect(CELL_KEY_BITS).toBe(3072);
		for (const cell of [cellA, cellB]) {
			const spki = createPublicKey({ key: Buffer.from(cell.publicKey, 'base64url'), format: 'der', type: 'spki' });
			expect(spki.asymmetricKeyDetails?.modulusLength).toBe(3072);
			expect(spki.asymmetricKeyDetails?.publicExponent).toBe(65537n);
		}
		expect(signerA.asymmetricKeyDetails?.modulusLength).toBe(3072);
	});

	it('derives the ballot message deterministically from a 16-byte secret', async () => {
		const secret = newBallotSecret();
		expect(secret.length).toBe(16);
		const m1 = await deriveBallotMessage(secret);
		const m2 = await deriveBallotMessage(new Uint8Array(secret));
		expect(m1.length).toBe(64);
		expect(toBase64url(m1)).toBe(toBase64url(m2));
		const other = await deriveBallotMessage(flipBit(secret, 0));
		expect(toBase64url(other.subarray(0, 32))).not.toBe(toBase64url(m1.subarray(0, 32)));
		expect(toBase64url(other.subarray(32))).not.toBe(toBase64url(m1.subarray(32)));
		expect(toBase64url(m1.subarray(0, 32))).not.toBe(toBase64url(m1.subarray(32)));
		await expect(deriveBallotMessage(new Uint8Array(15))).rejects.toThrow('secret_length');
	});

	it('pins the derivation (fixed secret, fixed bytes)', async () => {
		const m = await deriveBallotMessage(new Uint8Array(16));
		const expected = Buffer.concat([
			createHash('sha256').update('par-survey/prefix/v1').update(Buffer.alloc(16)).digest(),
			createHash('sha256').update('par-survey/msg/v1').update(Buffer.alloc(16)).digest()
		]);
		expect(toBase64url(m)).toBe(expected.toString('base64url'));
	});

	it('blinds in the client, signs natively, finalizes and verifies', async () => {
		const message = await deriveBallotMessage(newBallotSecret());
		const { blindedMsg, inv } = await blindBallotMessage(cellA.publicKey, message);
		// RSA-3072: every value is 384 bytes, sized from the key in the browser and on the server.
		expect(blindedMsg.length).toBe(384);
		const blindSig = signBlinded(signerA, blindedMsg);
		expect(blindSig.length).toBe(384);
		const sig = await finalizeCredential(cellA.publicKey, message, blindSig, inv);
		expect(sig.length).toBe(384);
		const spki = fromBase64url(cellA.publicKey)!;
		expect(verifyCredential(spki, message, sig)).toBe(true);
		expect(verifyCredential(spki, flipBit(message, 40), sig)).toBe(false);
		expect(verifyCredential(fromBase64url(cellB.publicKey)!, message, sig)).toBe(false);
		// The library's own verifier agrees with OpenSSL's.
		const cryptoKey = await crypto.subtle.importKey(
			'spki',
			new Uint8Array(spki),
			{ name: 'RSA-PSS', hash: 'SHA-384' },
			true,
			['verify']
		);
		const suite = RSABSSA.SHA384.PSS.Randomized();
		expect(await suite.verify(cryptoKey, new Uint8Array(sig), new Uint8Array(message))).toBe(true);
		expect(await suite.verify(cryptoKey, new Uint8Array(sig), flipBit(message, 0))).toBe(false);
	});

	it('computes the same fingerprint as the server', async () => {
		expect(await spkiFingerprint(cellA.publicKey)).toBe(cellA.fingerprint);
		expect(await spkiFingerprint(cellB.publicKey)).toBe(cellB.fingerprint);
		expect(cellA.fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){15}$/);
	});

	it("refuses a blind signature made with another cell's key", async () => {
		const message = await deriveBallotMessage(newBallotSecret());
		// A blinded value under A's modulus is >= B's modulus about half the time: draw until B will sign it.
		for (let attempt = 0; ; attempt++) {
			const { blindedMsg, inv } = await blindBallotMessage(cellA.publicKey, message);
			let blindSig: Uint8Array;
			try {
				blindSig = signBlinded(signerB, blindedMsg);
			} catch (e) {
				expect((e as BlindSignError).code).toBe('invalid');
				if (attempt < 40) continue;
				throw e;
			}
			await expect(finalizeCredential(cellA.publicKey, message, blindSig, inv)).rejects.toThrow('credential_invalid');
			return;
		}
	});

	it('rejects an unusable key in the client', async () => {
		await expect(blindBallotMessage('not base64url!', new Uint8Array(64))).rejects.toThrow('key_invalid');
		await expect(blindBallotMessage(toBase64url(randomBytes(64)), new Uint8Array(64))).rejects.toThrow('key_invalid');
	});
});

describe('a 2048-bit cell key of a campaign opened before RSA-3072', () => {
	const appKey = randomBytes(32) as AppKey;
	const context = cellKeyContext(7, 1, 1);
	let old: CellKeyPair;
	let signer: KeyObject;
	let current: CellKeyPair;

	beforeAll(async () => {
		[old, current] = await Promise.all([
			generateCellKeyPair(appKey, context, 2048),
			generateCellKeyPair(appKey, cellKeyContext(8, 1, 1))
		]);
		// Read back as a stored campaign's key is: unsealed from privateKeyEnc, never regenerated.
		signer = privateKeyFromPkcs8(openCellPrivateKey(appKey, old.privateKeyEnc, context));
	});

	it('still issues and verifies credentials end to end (blind, sign, finalize, verify)', async () => {
		expect(signer.asymmetricKeyDetails?.modulusLength).toBe(2048);
		for (let i = 0; i < 3; i++) {
			const message = await deriveBallotMessage(newBallotSecret());
			const { blindedMsg, inv } = await blindBallotMessage(old.publicKey, message);
			expect(blindedMsg.length).toBe(256);
			const blindSig = signBlinded(signer, blindedMsg);
			expect(blindSig.length).toBe(256);
			const sig = await finalizeCredential(old.publicKey, message, blindSig, inv);
			expect(sig.length).toBe(256);
			expect(verifyCredential(fromBase64url(old.publicKey)!, message, sig)).toBe(true);
			expect(verifyCredential(fromBase64url(old.publicKey)!, flipBit(message, 63), sig)).toBe(false);
			// A 2048-bit credential is no credential under a 3072-bit cell key, and the other way round.
			expect(verifyCredential(fromBase64url(current.publicKey)!, message, sig)).toBe(false);
		}
	});

	it('refuses a blinded message sized for the other key size', async () => {
		const message = await deriveBallotMessage(newBallotSecret());
		const forCurrent = await blindBallotMessage(current.publicKey, message);
		expect(forCurrent.blindedMsg.length).toBe(384);
		expectBlindSignError(() => signBlinded(signer, forCurrent.blindedMsg), 'invalid');
		const forOld = await blindBallotMessage(old.publicKey, message);
		const currentSigner = privateKeyFromPkcs8(
			openCellPrivateKey(appKey, current.privateKeyEnc, cellKeyContext(8, 1, 1))
		);
		expectBlindSignError(() => signBlinded(currentSigner, forOld.blindedMsg), 'invalid');
		// A 256-byte blind signature cannot be finalized against a 3072-bit key.
		await expect(
			finalizeCredential(current.publicKey, message, signBlinded(signer, forOld.blindedMsg), forCurrent.inv)
		).rejects.toThrow('credential_invalid');
	});
});

describe('base64url helpers', () => {
	it('round-trips without padding and returns null on invalid input', () => {
		const data = new Uint8Array([0xfb, 0xff, 0x00, 0x01, 0x02]);
		expect(toBase64url(data)).toBe('-_8AAQI');
		expect(Array.from(fromBase64url('-_8AAQI')!)).toEqual(Array.from(data));
		expect(Array.from(fromBase64url('-_8AAQI=')!)).toEqual(Array.from(data));
		expect(fromBase64url('+/8AAQI')).toBeNull();
		expect(fromBase64url('ab c')).toBeNull();
		expect(fromBase64url('a')).toBeNull();
	});
});
