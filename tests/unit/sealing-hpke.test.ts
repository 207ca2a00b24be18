import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
	Aes128Gcm,
	CipherSuite,
	DhkemX25519HkdfSha256 as NativeX25519,
	HkdfSha256,
	type KemInterface
} from '@hpke/core';
import { DhkemX25519HkdfSha256 as PortableX25519 } from '@hpke/dhkem-x25519';
import { describe, expect, it } from 'vitest';
import { sealSheet } from '$lib/respondent/seal-client';
import { fromBase64url, toBase64url } from '$lib/sealing/bytes';
import {
	ENC_BYTES,
	generateSealingKeyPair,
	importPrivateKey,
	KEY_BYTES,
	keyCheckAad,
	openBytes,
	sealBytes,
	sealingFingerprint,
	sealingSuite,
	sheetAad
} from '$lib/sealing/hpke';

interface Encryption {
	aad: string;
	ct: string;
	pt: string;
}
interface Vector {
	name: string;
	mode: number;
	kem_id: number;
	kdf_id: number;
	aead_id: number;
	info: string;
	ikmE?: string;
	ikmR?: string;
	skRm: string;
	skEm: string;
	pkRm: string;
	pkEm: string;
	enc: string;
	encryptions: Encryption[];
}
const fixture: { _source: string; vectors: Vector[] } = JSON.parse(
	readFileSync(new URL('../fixtures/hpke-rfc9180-x25519-sha256-aes256gcm.json', import.meta.url), 'utf8')
);
const ours = fixture.vectors.filter((v) => v.mode === 0 && v.kem_id === 0x20 && v.kdf_id === 1 && v.aead_id === 2);
const rfcA11 = fixture.vectors.find((v) => v.aead_id === 1)!;

const hex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));
const toHex = (bytes: ArrayBuffer | Uint8Array) =>
	Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('hex');
const concat = (a: Uint8Array, b: Uint8Array) => Uint8Array.from([...a, ...b]);
const utf8 = (text: string) => new TextEncoder().encode(text);

/** The RFC vectors use info = "Ode on a Grecian Urn"; our protocol uses empty info, so the test's suite adds it. */
function withInfo(suite: CipherSuite, info: Uint8Array): CipherSuite {
	const open = suite.open.bind(suite);
	suite.open = (params, ct, aad) => open({ ...params, info }, ct, aad);
	return suite;
}

const kems: [string, () => KemInterface][] = [
	['native (@hpke/core, WebCrypto X25519)', () => new NativeX25519()],
	['portable (@hpke/dhkem-x25519, pure JS)', () => new PortableX25519()]
];

describe('RFC 9180 vectors for our suite: base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM', () => {
	it('the fixture holds our suite and names its origin', () => {
		expect(ours.length).toBeGreaterThanOrEqual(1);
		expect(fixture._source).toMatch(/RFC 9180/);
		expect(fixture._source).toMatch(/aws-lc/);
		expect(sealingSuite(new NativeX25519()).aead.id).toBe(0x0002);
		expect(sealingSuite(new NativeX25519()).kdf.id).toBe(0x0001);
		expect(sealingSuite(new NativeX25519()).kem.id).toBe(0x0020);
	});

	for (const [label, makeKem] of kems) {
		describe(label, () => {
			for (const v of ours) {
				it(`opens encryption 0 through openBytes (enc ‖ ct) with the imported skRm: ${v.name}`, async () => {
					const kem = makeKem();
					const key = await importPrivateKey(kem, hex(v.skRm));
					const first = v.encryptions[0];
					const sealed = concat(hex(v.enc), hex(first.ct));
					const pt = await openBytes(withInfo(sealingSuite(kem), hex(v.info)), key, sealed, hex(first.aad));
					expect(pt && toHex(pt)).toBe(first.pt);
					// Without the vector's info the key schedule differs, and openBytes says null rather than throwing.
					expect(await openBytes(sealingSuite(kem), key, sealed, hex(first.aad))).toBeNull();
				});

				it(`opens every listed encryption in sequence with one recipient context: ${v.name}`, async () => {
					const kem = makeKem();
					const suite = sealingSuite(kem);
					const recipientKey = await importPrivateKey(kem, hex(v.skRm));
					const context = await suite.createRecipientContext({ recipientKey, enc: hex(v.enc), info: hex(v.info) });
					for (const e of v.encryptions) expect(toHex(await context.open(hex(e.ct), hex(e.aad)))).toBe(e.pt);
				});

				it(`with the ephemeral key fixed (ekm), sealing encryption 0 gives the vector's enc and ct byte for byte: ${v.name}`, async () => {
					const suite = sealingSuite(makeKem());
					const ekm = {
						privateKey: await suite.kem.deserializePrivateKey(hex(v.skEm)),
						publicKey: await suite.kem.deserializePublicKey(hex(v.pkEm))
					};
					const recipientPublicKey = await suite.kem.deserializePublicKey(hex(v.pkRm));
					const first = v.encryptions[0];
					const { ct, enc } = await suite.seal(
						{ recipientPublicKey, info: hex(v.info), ekm },
						hex(first.pt),
						hex(first.aad)
					);
					expect(toHex(enc)).toBe(v.enc);
					expect(toHex(ct)).toBe(first.ct);
				});
			}

			it('RFC 9180 A.1.1 (AES-128-GCM) cross-check: keys derived from ikm, deterministic seal, and it does not open under our AES-256 suite', async () => {
				const kem = makeKem();
				const aes128 = new CipherSuite({ kem, kdf: new HkdfSha256(), aead: new Aes128Gcm() });
				const recipient = await aes128.kem.deriveKeyPair(hex(rfcA11.ikmR!));
				expect(toHex(await aes128.kem.serializePrivateKey(recipient.privateKey))).toBe(rfcA11.skRm);
				expect(toHex(await aes128.kem.serializePublicKey(recipient.publicKey))).toBe(rfcA11.pkRm);
				const first = rfcA11.encryptions[0];
				const { ct, enc } = await aes128.seal(
					{ recipientPublicKey: recipient.publicKey, info: hex(rfcA11.info), ekm: hex(rfcA11.ikmE!) },
					hex(first.pt),
					hex(first.aad)
				);
				expect(toHex(enc)).toBe(rfcA11.enc);
				expect(toHex(ct)).toBe(first.ct);
				const key = await importPrivateKey(kem, hex(rfcA11.skRm));
				const sealed = concat(hex(rfcA11.enc), hex(first.ct));
				expect(await openBytes(withInfo(sealingSuite(kem), hex(rfcA11.info)), key, sealed, hex(first.aad))).toBeNull();
			});
		});
	}
});

describe('the browser (portable X25519) and the server (native X25519) agree', () => {
	it('a sheet sealed by seal-client with the portable KEM opens with the native one', async () => {
		const native = new NativeX25519();
		const pair = await generateSealingKeyPair(native);
		expect(pair.publicKey.length).toBe(KEY_BYTES);
		expect(pair.privateKey.length).toBe(KEY_BYTES);
		const key = { publicKey: toBase64url(pair.publicKey), fingerprint: await sealingFingerprint(pair.publicKey) };
		const sheet = { answers: { q1: 'o2', 'q2:17': 'o5' }, comments: { q3: 'Ý kiến: đường sá xuống cấp' } };
		const sealed = fromBase64url(await sealSheet(key, 4, 9, sheet))!;
		const opened = await openBytes(
			sealingSuite(native),
			await importPrivateKey(native, pair.privateKey),
			sealed,
			sheetAad(4, 9)
		);
		expect(opened).not.toBeNull();
		expect(JSON.parse(new TextDecoder().decode(opened!))).toEqual(sheet);
	});

	it('and the other way round: sealed with the native KEM, opened with the portable one', async () => {
		const portable = new PortableX25519();
		const pair = await generateSealingKeyPair(portable);
		const sealed = await sealBytes(new NativeX25519(), pair.publicKey, utf8('xin chào'), sheetAad(1, 1));
		const opened = await openBytes(
			sealingSuite(portable),
			await importPrivateKey(portable, pair.privateKey),
			sealed,
			sheetAad(1, 1)
		);
		expect(new TextDecoder().decode(opened!)).toBe('xin chào');
	});

	it('seal-client refuses a key whose fingerprint does not match, or of the wrong length', async () => {
		const pair = await generateSealingKeyPair(new NativeX25519());
		const sheet = { answers: { q1: 'o1' }, comments: {} };
		const other = await generateSealingKeyPair(new NativeX25519());
		await expect(
			sealSheet(
				{ publicKey: toBase64url(pair.publicKey), fingerprint: await sealingFingerprint(other.publicKey) },
				1,
				1,
				sheet
			)
		).rejects.toThrow('sealing_key_invalid');
		const short = pair.publicKey.slice(0, 31);
		await expect(
			sealSheet({ publicKey: toBase64url(short), fingerprint: await sealingFingerprint(short) }, 1, 1, sheet)
		).rejects.toThrow('sealing_key_invalid');
	});
});

describe('sealed sheets are bound to their campaign and cell, and tampering gives null', () => {
	const kem = new NativeX25519();
	const suite = sealingSuite(kem);

	async function fixtureSheet() {
		const pair = await generateSealingKeyPair(kem);
		const key = await importPrivateKey(kem, pair.privateKey);
		const plaintext = utf8('{"answers":{"q1":"o1"},"comments":{}}');
		const sealed = await sealBytes(kem, pair.publicKey, plaintext, sheetAad(1, 2));
		return { key, plaintext, sealed };
	}

	it('opens with campaign 1 cell 2 only, not with cell 3 or campaign 2, nor as a key check', async () => {
		const { key, plaintext, sealed } = await fixtureSheet();
		expect(await openBytes(suite, key, sealed, sheetAad(1, 2))).toEqual(plaintext);
		expect(await openBytes(suite, key, sealed, sheetAad(1, 3))).toBeNull();
		expect(await openBytes(suite, key, sealed, sheetAad(2, 2))).toBeNull();
		expect(await openBytes(suite, key, sealed, keyCheckAad(1))).toBeNull();
	});

	it('the associated data cannot be confused between (1, 23) and (12, 3)', () => {
		expect(toHex(sheetAad(1, 23))).not.toBe(toHex(sheetAad(12, 3)));
		expect(toHex(keyCheckAad(1))).not.toBe(toHex(keyCheckAad(2)));
	});

	it('a flipped byte in the ciphertext, the tag or enc gives null; so does another key', async () => {
		const { key, plaintext, sealed } = await fixtureSheet();
		expect(sealed.length).toBe(ENC_BYTES + plaintext.length + 16);
		for (const index of [0, ENC_BYTES - 1, ENC_BYTES, ENC_BYTES + 10, sealed.length - 1]) {
			const bent = new Uint8Array(sealed);
			bent[index] ^= 0x01;
			expect(await openBytes(suite, key, bent, sheetAad(1, 2))).toBeNull();
		}
		const stranger = await generateSealingKeyPair(kem);
		expect(await openBytes(suite, await importPrivateKey(kem, stranger.privateKey), sealed, sheetAad(1, 2))).toBeNull();
	});

	it('too-short input gives null without throwing: empty, enc only, enc plus a partial tag, and 48 zero bytes', async () => {
		const { key, sealed } = await fixtureSheet();
		for (const input of [
			new Uint8Array(0),
			sealed.slice(0, ENC_BYTES),
			sealed.slice(0, ENC_BYTES + 15),
			new Uint8Array(ENC_BYTES + 16)
		]) {
			expect(await openBytes(suite, key, input, sheetAad(1, 2))).toBeNull();
		}
	});

	it('each seal uses a fresh ephemeral key: the same sheet sealed twice differs', async () => {
		const pair = await generateSealingKeyPair(kem);
		const a = await sealBytes(kem, pair.publicKey, utf8('same'), sheetAad(1, 1));
		const b = await sealBytes(kem, pair.publicKey, utf8('same'), sheetAad(1, 1));
		expect(toHex(a.slice(0, ENC_BYTES))).not.toBe(toHex(b.slice(0, ENC_BYTES)));
		expect(toHex(a)).not.toBe(toHex(b));
	});
});

describe('sealingFingerprint', () => {
	it('is SHA-256 of the raw key as 16 groups of 4 lowercase hex digits', async () => {
		const { publicKey } = await generateSealingKeyPair(new NativeX25519());
		const fingerprint = await sealingFingerprint(publicKey);
		expect(fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){15}$/);
		expect(fingerprint.replaceAll(' ', '')).toBe(createHash('sha256').update(publicKey).digest('hex'));
	});
});
