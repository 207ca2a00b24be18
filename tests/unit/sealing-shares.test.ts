import { createHash } from 'node:crypto';
import { DhkemX25519HkdfSha256 } from '@hpke/core';
import { describe, expect, it } from 'vitest';
import { fromBase64url, shuffleInPlace } from '$lib/sealing/bytes';
import { forgetShares, protectShare, startCeremony } from '$lib/sealing/ceremony';
import {
	importPrivateKey,
	KEY_CHECK_PLAINTEXT,
	keyCheckAad,
	openBytes,
	sealingFingerprint,
	sealingSuite
} from '$lib/sealing/hpke';
import {
	codeFromUpload,
	decryptShareCode,
	encryptShareCode,
	fromBase32,
	groupCode,
	readShareCode,
	shareFile,
	toBase32,
	type ShareHeader
} from '$lib/sealing/share-file';
import { combineShares, MAX_MEMBERS, shareCheckValue, splitKey, validCommitteeSize } from '$lib/sealing/shares';

const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const randomKey = () => crypto.getRandomValues(new Uint8Array(32));

function subsets<T>(items: T[], size: number): T[][] {
	if (size === 0) return [[]];
	return items.flatMap((item, i) => subsets(items.slice(i + 1), size - 1).map((rest) => [item, ...rest]));
}

describe('Shamir shares (shares.ts)', () => {
	it('every 3 of a 5-share split rebuild the key, in any order', async () => {
		const key = randomKey();
		const shares = await splitKey(key, { size: 5, threshold: 3 });
		expect(shares).toHaveLength(5);
		const triples = subsets(shares, 3);
		expect(triples).toHaveLength(10);
		for (const triple of triples) {
			expect(toHex(await combineShares(triple))).toBe(toHex(key));
			expect(toHex(await combineShares([...triple].reverse()))).toBe(toHex(key));
		}
	});

	it('any 2 of them give some other value, never the key', async () => {
		const key = randomKey();
		const shares = await splitKey(key, { size: 5, threshold: 3 });
		for (const pair of subsets(shares, 2)) expect(toHex(await combineShares(pair))).not.toBe(toHex(key));
	});

	it('1 of 1 is the key itself with x = 0, and round-trips; a real share alone is refused', async () => {
		const key = randomKey();
		const [only, ...rest] = await splitKey(key, { size: 1, threshold: 1 });
		expect(rest).toEqual([]);
		expect(toHex(only)).toBe(`${toHex(key)}00`);
		expect(toHex(await combineShares([only]))).toBe(toHex(key));
		const [share] = await splitKey(key, { size: 3, threshold: 2 });
		await expect(combineShares([share])).rejects.toThrow('share_count');
	});

	it('validCommitteeSize: 2 ≤ t ≤ n ≤ 15, or 1 of 1', () => {
		expect(MAX_MEMBERS).toBe(15);
		for (let size = 2; size <= 15; size++) {
			for (let threshold = 2; threshold <= size; threshold++)
				expect(validCommitteeSize({ size, threshold }), `${threshold} of ${size}`).toBe(true);
			expect(validCommitteeSize({ size, threshold: size + 1 }), `${size + 1} of ${size}`).toBe(false);
			expect(validCommitteeSize({ size, threshold: 1 }), `1 of ${size}`).toBe(false);
		}
		expect(validCommitteeSize({ size: 1, threshold: 1 })).toBe(true);
		for (const refused of [
			{ size: 0, threshold: 0 },
			{ size: 1, threshold: 0 },
			{ size: 1, threshold: 2 },
			{ size: 16, threshold: 2 },
			{ size: 16, threshold: 16 },
			{ size: 3, threshold: 0 },
			{ size: -3, threshold: -2 },
			{ size: 3.5, threshold: 2 },
			{ size: 3, threshold: 2.5 },
			{ size: Number.NaN, threshold: 2 }
		])
			expect(validCommitteeSize(refused), JSON.stringify(refused)).toBe(false);
	});

	it('splitKey refuses a committee size that validCommitteeSize refuses', async () => {
		await expect(splitKey(randomKey(), { size: 16, threshold: 3 })).rejects.toThrow('committee_size');
		await expect(splitKey(randomKey(), { size: 3, threshold: 4 })).rejects.toThrow('committee_size');
	});

	it('check values are hex SHA-256, the same for the same input, and differ by slot, campaign and any changed byte', async () => {
		const [share] = await splitKey(randomKey(), { size: 3, threshold: 2 });
		const check = await shareCheckValue(7, 2, share);
		expect(check).toMatch(/^[0-9a-f]{64}$/);
		expect(await shareCheckValue(7, 2, new Uint8Array(share))).toBe(check);
		expect(await shareCheckValue(7, 3, share)).not.toBe(check);
		expect(await shareCheckValue(8, 2, share)).not.toBe(check);
		// "campaign=7, slot=12" and "campaign=71, slot=2" must not collide.
		expect(await shareCheckValue(71, 2, share)).not.toBe(await shareCheckValue(7, 12, share));
		for (const index of [0, 16, share.length - 1]) {
			const bent = new Uint8Array(share);
			bent[index] ^= 0x01;
			expect(await shareCheckValue(7, 2, bent)).not.toBe(check);
		}
	});
});

describe('share codes (share-file.ts)', () => {
	// A code made once with encryptShareCode and frozen here: a code printed today must open tomorrow,
	// and the malformed-input tests below are deterministic (the salt and IV of a fresh code are random).
	const FROZEN = {
		code: 'AEAA AAAH AIBA GBA2 GTYX HUIT DNHN 7DM4 7ADQ HPVR J6LX 5DF4 SJJ5 NDN6 SUIJ X4L3 2PF4 IALG VRWP URRG 5O75 ZULJ LZYG JF7J 7VUG TCSN MQQF G2QQ PCEU V2HX 63H4 6UL2 K5UC QBDG QTXQ',
		passphrase: 'Mật khẩu của tổ kiểm phiếu',
		header: { campaignId: 7, slot: 2, threshold: 2, size: 3 },
		share: '0b30557a9fc4e90e33587da2c7ec11365b80a5caef14395e83a8cdf2173c6186ab'
	};

	/** The code's bytes with the header changed and the checksum recomputed, as an attacker relabelling it would. */
	async function relabel(code: string, change: (body: Uint8Array) => void): Promise<string> {
		const all = fromBase32(code)!;
		const body = all.slice(0, all.length - 2);
		change(body);
		const sum = createHash('sha256').update(body).digest().subarray(0, 2);
		return groupCode(toBase32(Uint8Array.from([...body, ...sum])));
	}

	it('the frozen code opens with its passphrase and gives the share and header', async () => {
		const opened = await decryptShareCode(FROZEN.code, FROZEN.passphrase);
		expect(opened.ok).toBe(true);
		if (!opened.ok) return;
		expect(opened.header).toEqual(FROZEN.header);
		expect(toHex(opened.share)).toBe(FROZEN.share);
	});

	it('a fresh code round-trips and is grouped by four from the base32 alphabet', async () => {
		const header: ShareHeader = { campaignId: 123456, slot: 15, threshold: 9, size: 15 };
		const share = crypto.getRandomValues(new Uint8Array(33));
		const code = await encryptShareCode(header, share, 'một hai ba bốn năm');
		expect(code).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
		const opened = await decryptShareCode(code, 'một hai ba bốn năm');
		expect(opened.ok && toHex(opened.share)).toBe(toHex(share));
		expect(opened.ok && opened.header).toEqual(header);
		const read = await readShareCode(code);
		expect(read.ok && read.header).toEqual(header);
	});

	it('a wrong passphrase → shareFile.error.passphrase', async () => {
		expect(await decryptShareCode(FROZEN.code, 'Mật khẩu của tổ kiểm phiếU')).toEqual({
			ok: false,
			error: 'shareFile.error.passphrase'
		});
	});

	it('lowercase, extra or missing spaces, dashes and 0/1/8 for O/I/B are read as the same code; the passphrase is trimmed and NFC-normalised', async () => {
		const flat = FROZEN.code.replaceAll(' ', '');
		const variants = [
			FROZEN.code.toLowerCase(),
			`  ${flat}\n`,
			FROZEN.code.replaceAll(' ', ' - '),
			FROZEN.code.replaceAll(' ', '\t  '),
			FROZEN.code.replaceAll('O', '0').replaceAll('I', '1').replaceAll('B', '8')
		];
		const expected = await readShareCode(FROZEN.code);
		expect(expected.ok).toBe(true);
		for (const variant of variants) {
			const read = await readShareCode(variant);
			expect(read.ok, variant).toBe(true);
			expect(read.ok && toHex(read.body)).toBe(expected.ok && toHex(expected.body));
		}
		// NFD (as some keyboards type Vietnamese) with spaces around it still opens the code.
		const opened = await decryptShareCode(FROZEN.code.toLowerCase(), `  ${FROZEN.passphrase.normalize('NFD')} \n`);
		expect(opened.ok && toHex(opened.share)).toBe(FROZEN.share);
	});

	it('one mistyped character → shareFile.error.mistyped (the checksum catches it before any key derivation)', async () => {
		const chars = [...FROZEN.code];
		for (const index of [0, 12, 50, 100]) {
			const typo = [...chars];
			expect(typo[index]).not.toBe(' ');
			typo[index] = typo[index] === 'Q' ? 'R' : 'Q';
			expect(await readShareCode(typo.join('')), `typo at ${index}`).toEqual({
				ok: false,
				error: 'shareFile.error.mistyped'
			});
			expect(await decryptShareCode(typo.join(''), FROZEN.passphrase)).toEqual({
				ok: false,
				error: 'shareFile.error.mistyped'
			});
		}
		// A dropped character shifts every later bit: also caught.
		expect(await readShareCode(FROZEN.code.replace('GTYX', 'GTY'))).toEqual({
			ok: false,
			error: 'shareFile.error.mistyped'
		});
	});

	it('garbage → shareFile.error.format: foreign characters, too short, empty, and another version byte', async () => {
		for (const junk of ['hello, world!', 'ABCD EFGH', '', '   ', 'Ư'.repeat(140), 'AAAA'.repeat(10)]) {
			expect(await decryptShareCode(junk, FROZEN.passphrase), JSON.stringify(junk)).toEqual({
				ok: false,
				error: 'shareFile.error.format'
			});
		}
		const version2 = await relabel(FROZEN.code, (body) => (body[0] = 2));
		expect(await readShareCode(version2)).toEqual({ ok: false, error: 'shareFile.error.format' });
	});

	it('relabelling a code as another slot or campaign (checksum recomputed) reads, but does not decrypt: the header is AES-GCM associated data', async () => {
		const asSlot3 = await relabel(FROZEN.code, (body) => (body[5] = 3));
		const read = await readShareCode(asSlot3);
		expect(read.ok && read.header).toEqual({ ...FROZEN.header, slot: 3 });
		expect(await decryptShareCode(asSlot3, FROZEN.passphrase)).toEqual({
			ok: false,
			error: 'shareFile.error.passphrase'
		});

		const asCampaign8 = await relabel(FROZEN.code, (body) =>
			new DataView(body.buffer, body.byteOffset).setUint32(1, 8)
		);
		const read8 = await readShareCode(asCampaign8);
		expect(read8.ok && read8.header).toEqual({ ...FROZEN.header, campaignId: 8 });
		expect(await decryptShareCode(asCampaign8, FROZEN.passphrase)).toEqual({
			ok: false,
			error: 'shareFile.error.passphrase'
		});
	});

	it('a passphrase shorter than 10 characters (after trimming) is refused', async () => {
		const header: ShareHeader = { campaignId: 1, slot: 1, threshold: 2, size: 3 };
		const share = new Uint8Array(33);
		await expect(encryptShareCode(header, share, 'ngắn quá')).rejects.toThrow('shareFile.error.passphraseShort');
		await expect(encryptShareCode(header, share, '   123456789   ')).rejects.toThrow('shareFile.error.passphraseShort');
		await expect(encryptShareCode(header, share, '')).rejects.toThrow('shareFile.error.passphraseShort');
	});

	it('codeFromUpload: the JSON share file, a bare code, and junk', async () => {
		const file = shareFile(
			FROZEN.header,
			{
				campaignSlug: 'khao-sat-2025',
				campaignTitle: 'Khảo sát 2025',
				holder: 'Nguyễn Văn A',
				fingerprint: 'abcd '.repeat(16).trim()
			},
			FROZEN.code
		);
		expect(file).toMatchObject({ format: 'par-survey-share', version: 1, ...FROZEN.header, code: FROZEN.code });
		expect(codeFromUpload(JSON.stringify(file, null, 2))).toBe(FROZEN.code);
		expect(codeFromUpload(`\n  ${FROZEN.code}  \n`)).toBe(FROZEN.code);
		expect(codeFromUpload(JSON.stringify({ ...file, format: 'something-else' }))).toBeNull();
		expect(codeFromUpload(JSON.stringify({ ...file, code: 42 }))).toBeNull();
		expect(codeFromUpload('{ "format": "par-survey-share", ')).toBeNull();
		expect(codeFromUpload('')).toBeNull();
		expect(codeFromUpload('   \n ')).toBeNull();
		expect(codeFromUpload('x'.repeat(400))).toBeNull();
		// Short junk passes through; decryptShareCode then names it.
		const junk = codeFromUpload('not a code')!;
		expect(await readShareCode(junk)).toEqual({ ok: false, error: 'shareFile.error.format' });
	});

	it('base32 helpers: round trip of every byte value', () => {
		const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
		expect(toHex(fromBase32(toBase32(bytes))!)).toBe(toHex(bytes));
		expect(fromBase32('AB!D')).toBeNull();
	});
});

describe('the ceremony (ceremony.ts)', () => {
	const kem = new DhkemX25519HkdfSha256();

	it('gives n check values matching the shares, a key check that opens with any t shares, and a fingerprint of the public key', async () => {
		const ceremony = await startCeremony(kem, 42, { size: 4, threshold: 3 });
		const { record, shares } = ceremony;
		expect(record).toMatchObject({ threshold: 3, size: 4 });
		expect(shares).toHaveLength(4);
		expect(record.checks).toEqual(
			await Promise.all(
				shares.map(async (share, i) => ({ slot: i + 1, check: await shareCheckValue(42, i + 1, share) }))
			)
		);
		const publicKey = fromBase64url(record.publicKey)!;
		expect(record.fingerprint).toBe(await sealingFingerprint(publicKey));
		const keyCheck = fromBase64url(record.keyCheck)!;
		const suite = sealingSuite(kem);
		for (const trio of [
			[0, 1, 2],
			[1, 2, 3],
			[0, 3, 1]
		]) {
			const privateKey = await combineShares(trio.map((i) => shares[i]));
			const key = await importPrivateKey(kem, privateKey);
			const opened = await openBytes(suite, key, keyCheck, keyCheckAad(42));
			expect(opened && toHex(opened)).toBe(toHex(KEY_CHECK_PLAINTEXT));
			// The key check is bound to its campaign.
			expect(await openBytes(suite, key, keyCheck, keyCheckAad(43))).toBeNull();
		}
		// Two shares rebuild some other key, which the key check tells apart.
		const wrong = await importPrivateKey(kem, await combineShares([shares[0], shares[1]]));
		expect(await openBytes(suite, wrong, keyCheck, keyCheckAad(42))).toBeNull();
	});

	it('1 of 1 works the same way', async () => {
		const ceremony = await startCeremony(kem, 5, { size: 1, threshold: 1 });
		expect(ceremony.record.checks).toEqual([{ slot: 1, check: await shareCheckValue(5, 1, ceremony.shares[0]) }]);
		const key = await importPrivateKey(kem, await combineShares(ceremony.shares));
		expect(await openBytes(sealingSuite(kem), key, fromBase64url(ceremony.record.keyCheck)!, keyCheckAad(5))).toEqual(
			KEY_CHECK_PLAINTEXT
		);
	});

	it('refuses a committee size outside the rules', async () => {
		await expect(startCeremony(kem, 1, { size: 16, threshold: 2 })).rejects.toThrow('committee_size');
	});

	it("protectShare writes the member's share under their passphrase, labelled with campaign, slot, t and n", async () => {
		const ceremony = await startCeremony(kem, 9, { size: 3, threshold: 2 });
		const code = await protectShare(ceremony, 9, 3, 'cụm từ bí mật của thành viên ba');
		const opened = await decryptShareCode(code, 'cụm từ bí mật của thành viên ba');
		expect(opened.ok).toBe(true);
		if (!opened.ok) return;
		expect(opened.header).toEqual({ campaignId: 9, slot: 3, threshold: 2, size: 3 });
		expect(toHex(opened.share)).toBe(toHex(ceremony.shares[2]));
		expect(await shareCheckValue(9, 3, opened.share)).toBe(ceremony.record.checks[2].check);
	});

	it('forgetShares zeroes every share array and empties the list', async () => {
		const ceremony = await startCeremony(kem, 3, { size: 3, threshold: 2 });
		const held = [...ceremony.shares];
		expect(held.every((share) => share.some((b) => b !== 0))).toBe(true);
		forgetShares(ceremony);
		expect(ceremony.shares).toHaveLength(0);
		for (const share of held) expect(share.every((b) => b === 0)).toBe(true);
	});
});

describe('shuffleInPlace (bytes.ts)', () => {
	it('returns the same array, holding a permutation of its items', () => {
		const items = Array.from({ length: 100 }, (_, i) => i);
		const shuffled = shuffleInPlace(items);
		expect(shuffled).toBe(items);
		expect([...shuffled].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
		expect(shuffleInPlace([])).toEqual([]);
		expect(shuffleInPlace(['một'])).toEqual(['một']);
	});

	it('gives all 24 orders of 4 items with about equal frequency', () => {
		const runs = 12_000;
		const counts = new Map<string, number>();
		for (let i = 0; i < runs; i++) {
			const order = shuffleInPlace(['a', 'b', 'c', 'd']).join('');
			counts.set(order, (counts.get(order) ?? 0) + 1);
		}
		expect(counts.size).toBe(24);
		// Pearson's chi-square over 24 orders has 23 degrees of freedom (mean 23, standard deviation √46 ≈ 6.8).
		// For a fair shuffle P(χ² > 100) ≈ 3e-11 (Wilson–Hilferty z ≈ 6.5), so this bound never flakes; the
		// classic biased shuffle (swap with any index: 4^4 = 256 equally likely paths, some orders 8/256 and
		// others 15/256) scores about 0.03 per run, ≈ 360 at 12,000 runs, far above it.
		const expected = runs / 24;
		const chiSquare = [...counts.values()].reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
		expect(chiSquare).toBeLessThan(100);
	});
});
