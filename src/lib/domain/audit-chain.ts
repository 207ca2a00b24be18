// The audit log's hash chain: hash = SHA-256(prev_hash ‖ canonical event), as docs/integrity.md specifies.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEvent {
	seq: number;
	at: number;
	actorType: string;
	actorId: string | null;
	actorLabel: string | null;
	action: string;
	subjectType: string | null;
	subjectId: string | null;
	ip: string | null;
	userAgent: string | null;
	payload: string;
}

export function hashEvent(prevHash: string, event: ChainedEvent): string {
	const canonical = canonicalJson({
		seq: event.seq,
		at: event.at,
		actorType: event.actorType,
		actorId: event.actorId,
		actorLabel: event.actorLabel,
		action: event.action,
		subjectType: event.subjectType,
		subjectId: event.subjectId,
		ip: event.ip,
		userAgent: event.userAgent,
		payload: event.payload
	});
	return encodeHexLowerCase(sha256(new TextEncoder().encode(prevHash + canonical)));
}

export type ChainBreak = 'seq_gap' | 'prev_hash_mismatch' | 'hash_mismatch';

export interface ChainCursor {
	expectedSeq: number;
	prevHash: string;
}

export const CHAIN_START: ChainCursor = { expectedSeq: 1, prevHash: GENESIS_HASH };

/** Checks one stored event against the running cursor; returns the next cursor or the break. */
export function checkChainLink(
	cursor: ChainCursor,
	stored: ChainedEvent & { prevHash: string; hash: string }
): { ok: true; next: ChainCursor } | { ok: false; seq: number; reason: ChainBreak } {
	if (stored.seq !== cursor.expectedSeq) return { ok: false, seq: cursor.expectedSeq, reason: 'seq_gap' };
	if (stored.prevHash !== cursor.prevHash) return { ok: false, seq: stored.seq, reason: 'prev_hash_mismatch' };
	if (hashEvent(stored.prevHash, stored) !== stored.hash)
		return { ok: false, seq: stored.seq, reason: 'hash_mismatch' };
	return { ok: true, next: { expectedSeq: stored.seq + 1, prevHash: stored.hash } };
}
