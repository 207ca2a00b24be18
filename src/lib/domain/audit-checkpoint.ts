// Checkpoints anchor the audit chain's head (seq + hash + time) under a signature made with a key the
// database does not hold: deleting the newest events then leaves an anchor the shorter chain cannot reach.
import { message, type Message } from './message';

/** What a checkpoint's signature covers, in the order and spelling both signer and verifier use. */
export interface CheckpointBody {
	seq: number;
	headHash: string;
	at: number;
}

/** An anchor someone recorded (the public page, a printout): the event at `seq` must have hash `hash`. */
export interface Anchor {
	seq: number;
	/** Lower-case hex: the whole SHA-256, or a prefix of at least MIN_HASH_PREFIX digits. */
	hash: string;
}

export type AnchorVerdict = 'ok' | 'beyond_chain' | 'hash_differs';
export type CheckpointVerdict = AnchorVerdict | 'bad_signature' | 'other_key';

/** 16 hex digits are 64 bits: no one can make another event whose hash starts the same. */
export const MIN_HASH_PREFIX = 16;

/** The signed bytes of a checkpoint; versioned so a later format cannot be confused with this one. */
export function checkpointMessage(body: CheckpointBody): string {
	return `par-survey audit checkpoint v1\nseq ${body.seq}\nhead ${body.headHash}\nat ${body.at}\n`;
}

/** The hash shortened for reading aloud beside its number ("3fa9c2d1…04c2"); the full one is shown too. */
export function shortHash(hash: string): string {
	return `${hash.slice(0, 8)}…${hash.slice(-4)}`;
}

/** Parses one `--expect SEQ:HASH`; a refusal says in Vietnamese (and English) what was expected. */
export function parseAnchor(text: string): { ok: true; value: Anchor } | { ok: false; error: Message } {
	const match = /^\s*(\d{1,15}):([0-9a-fA-F]+)\s*$/.exec(text);
	const seq = match ? Number(match[1]) : 0;
	const hash = match ? match[2].toLowerCase() : '';
	if (!match || seq < 1 || hash.length < MIN_HASH_PREFIX || hash.length > 64)
		return { ok: false, error: message('audit.anchor.badExpect', { text: text.slice(0, 80) }) };
	return { ok: true, value: { seq, hash } };
}

/**
 * Judges an anchor against a chain that verified link by link: `chainLength` events, and the stored
 * hash of the event at `anchor.seq` (undefined when there is no such event).
 */
export function judgeAnchor(anchor: Anchor, chainLength: number, hashAtSeq: string | undefined): AnchorVerdict {
	if (anchor.seq > chainLength || hashAtSeq === undefined) return 'beyond_chain';
	return hashAtSeq.startsWith(anchor.hash) && anchor.hash.length >= MIN_HASH_PREFIX ? 'ok' : 'hash_differs';
}

/** A stored checkpoint must be signed by our key, validly, and still be reached by the chain. */
export function judgeCheckpoint(
	checkpoint: { seq: number; headHash: string; keyId: string },
	signatureValid: boolean,
	ourKeyId: string,
	chainLength: number,
	hashAtSeq: string | undefined
): CheckpointVerdict {
	if (checkpoint.keyId !== ourKeyId) return 'other_key';
	if (!signatureValid) return 'bad_signature';
	return judgeAnchor({ seq: checkpoint.seq, hash: checkpoint.headHash }, chainLength, hashAtSeq);
}

/** The next daily checkpoint is due once the last is a day old and events were added since. */
export function isDailyCheckpointDue(
	last: { seq: number; at: number } | null,
	headSeq: number,
	now: number,
	intervalSeconds = 24 * 60 * 60
): boolean {
	if (headSeq === 0) return false;
	if (!last) return true;
	return now - last.at >= intervalSeconds && headSeq > last.seq;
}
