import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	checkpointMessage,
	isDailyCheckpointDue,
	judgeAnchor,
	judgeCheckpoint,
	parseAnchor,
	shortHash
} from '$lib/domain/audit-checkpoint';
import { translator } from '$lib/i18n';
import { checkpointSignerFrom } from '$lib/server/audit-signing';
import type { AppKey } from '$lib/server/crypto/keyring';

const HASH = 'ab'.repeat(32);
const OTHER = 'cd'.repeat(32);
const appKey = (byte: number) => Buffer.alloc(32, byte) as AppKey;
const body = { seq: 1234, headHash: HASH, at: 1_796_550_900 };

describe('checkpoint signature', () => {
	it('signs seq, head and time with a key derived from the app key, and verifies only those', () => {
		const signer = checkpointSignerFrom(appKey(7));
		const signature = signer.sign(body);
		expect(signer.verify(body, signature)).toBe(true);
		expect(signer.verify({ ...body, seq: 1233 }, signature)).toBe(false);
		expect(signer.verify({ ...body, headHash: OTHER }, signature)).toBe(false);
		expect(signer.verify({ ...body, at: body.at + 1 }, signature)).toBe(false);
		expect(signer.verify(body, 'not a signature')).toBe(false);
		// The same app key gives the same key (restart, CLI); another app key another one.
		expect(checkpointSignerFrom(appKey(7)).keyId).toBe(signer.keyId);
		expect(checkpointSignerFrom(appKey(7)).verify(body, signature)).toBe(true);
		const stranger = checkpointSignerFrom(appKey(8));
		expect(stranger.keyId).not.toBe(signer.keyId);
		expect(stranger.verify(body, signature)).toBe(false);
		expect(signer.keyId).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
	});

	it('fixes the signed message format', () => {
		expect(checkpointMessage(body)).toBe(`par-survey audit checkpoint v1\nseq 1234\nhead ${HASH}\nat 1796550900\n`);
		expect(shortHash(HASH)).toBe('abababab…abab');
	});

	it('keeps a random app key’s signatures apart from another random one', () => {
		const a = checkpointSignerFrom(randomBytes(32) as AppKey);
		const b = checkpointSignerFrom(randomBytes(32) as AppKey);
		expect(b.verify(body, a.sign(body))).toBe(false);
	});
});

describe('--expect SEQ:HASH', () => {
	it('reads a sequence number and a full hash or a long enough prefix, in any case', () => {
		expect(parseAnchor(`1234:${HASH.toUpperCase()}`)).toEqual({ ok: true, value: { seq: 1234, hash: HASH } });
		expect(parseAnchor(' 7:abababababababab ')).toEqual({ ok: true, value: { seq: 7, hash: 'abababababababab' } });
	});

	it.each([
		'abc',
		'',
		'12',
		':' + HASH,
		'0:' + HASH,
		'12:abababab',
		`12:${HASH}ff`,
		'12:xyzxyzxyzxyzxyzxyz',
		`-3:${HASH}`
	])('refuses %j with a Vietnamese (then English) explanation', (text) => {
		const parsed = parseAnchor(text);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.error.key).toBe('audit.anchor.badExpect');
		expect(translator('vi')(parsed.error.key, parsed.error.params)).toContain('không hợp lệ: hãy ghi dạng SỐ:MÃ_BĂM');
		expect(translator('en')(parsed.error.key, parsed.error.params)).toContain('write it as SEQ:HASH');
	});
});

describe('verdicts against a verified chain', () => {
	it('judges an anchor: reached with the same hash, beyond a shorter chain, or another hash', () => {
		expect(judgeAnchor({ seq: 5, hash: HASH }, 9, HASH)).toBe('ok');
		expect(judgeAnchor({ seq: 5, hash: HASH.slice(0, 16) }, 9, HASH)).toBe('ok');
		expect(judgeAnchor({ seq: 5, hash: HASH }, 4, undefined)).toBe('beyond_chain');
		expect(judgeAnchor({ seq: 5, hash: HASH }, 9, OTHER)).toBe('hash_differs');
		expect(judgeAnchor({ seq: 5, hash: 'ab' }, 9, HASH)).toBe('hash_differs');
	});

	it('judges a stored checkpoint: our key, a valid signature, then the anchor', () => {
		const cp = { seq: 5, headHash: HASH, keyId: 'ours' };
		expect(judgeCheckpoint(cp, true, 'ours', 9, HASH)).toBe('ok');
		expect(judgeCheckpoint(cp, true, 'theirs', 9, HASH)).toBe('other_key');
		expect(judgeCheckpoint(cp, false, 'ours', 9, HASH)).toBe('bad_signature');
		expect(judgeCheckpoint(cp, true, 'ours', 4, undefined)).toBe('beyond_chain');
		expect(judgeCheckpoint(cp, true, 'ours', 9, OTHER)).toBe('hash_differs');
	});

	it('makes a daily checkpoint due only after a day and only if the chain grew', () => {
		const day = 24 * 60 * 60;
		expect(isDailyCheckpointDue(null, 0, 1000)).toBe(false);
		expect(isDailyCheckpointDue(null, 3, 1000)).toBe(true);
		expect(isDailyCheckpointDue({ seq: 3, at: 1000 }, 9, 1000 + day - 1)).toBe(false);
		expect(isDailyCheckpointDue({ seq: 3, at: 1000 }, 3, 1000 + 2 * day)).toBe(false);
		expect(isDailyCheckpointDue({ seq: 3, at: 1000 }, 4, 1000 + day)).toBe(true);
	});
});
