import { describe, expect, it } from 'vitest';
import { CHAIN_START, GENESIS_HASH, checkChainLink, hashEvent, type ChainedEvent } from '$lib/domain/audit-chain';
import { canonicalJson } from '$lib/domain/canonical-json';

const event = (seq: number, extra: Partial<ChainedEvent> = {}): ChainedEvent => ({
	seq,
	at: 1_790_000_000 + seq,
	actorType: 'staff',
	actorId: '1',
	actorLabel: 'admin',
	action: 'auth.login',
	subjectType: null,
	subjectId: null,
	ip: '127.0.0.1',
	userAgent: 'test',
	payload: '{}',
	...extra
});

function chain(n: number) {
	let prev = GENESIS_HASH;
	return Array.from({ length: n }, (_, i) => {
		const e = event(i + 1);
		const hash = hashEvent(prev, e);
		const stored = { ...e, prevHash: prev, hash };
		prev = hash;
		return stored;
	});
}

describe('canonicalJson', () => {
	it('sorts keys at every depth and drops undefined', () => {
		expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 'ý' }], c: null }, u: undefined })).toBe(
			'{"a":{"c":null,"d":[2,{"y":"ý","z":1}]},"b":1}'
		);
	});
	it('refuses numbers JSON cannot represent', () => {
		expect(() => canonicalJson({ x: Number.NaN })).toThrow();
	});
});

describe('hash chain', () => {
	it('is deterministic and depends on the previous hash', () => {
		expect(hashEvent(GENESIS_HASH, event(1))).toBe(hashEvent(GENESIS_HASH, event(1)));
		expect(hashEvent(GENESIS_HASH, event(1))).toMatch(/^[0-9a-f]{64}$/);
		expect(hashEvent('1'.repeat(64), event(1))).not.toBe(hashEvent(GENESIS_HASH, event(1)));
	});

	it('accepts an intact chain link by link', () => {
		let cursor = CHAIN_START;
		for (const stored of chain(5)) {
			const r = checkChainLink(cursor, stored);
			expect(r.ok).toBe(true);
			if (r.ok) cursor = r.next;
		}
		expect(cursor.expectedSeq).toBe(6);
	});

	it('names the first altered, relinked or missing event', () => {
		const links = chain(3);
		const altered = { ...links[1], payload: '{"x":1}' };
		const first = checkChainLink(CHAIN_START, links[0]);
		expect(first.ok).toBe(true);
		if (!first.ok) return;
		expect(checkChainLink(first.next, altered)).toEqual({ ok: false, seq: 2, reason: 'hash_mismatch' });
		expect(checkChainLink(first.next, { ...links[1], prevHash: GENESIS_HASH })).toEqual({
			ok: false,
			seq: 2,
			reason: 'prev_hash_mismatch'
		});
		expect(checkChainLink(first.next, links[2])).toEqual({ ok: false, seq: 2, reason: 'seq_gap' });
	});
});
