// A member's share at rest: encrypted under a passphrase the member chose (PBKDF2-SHA256 → AES-256-GCM),
// written as a short code of letter groups (printed, and in a QR code) and as a JSON file that holds the
// same code plus readable labels. The header (campaign, slot, t, n) is authenticated, so a code cannot be
// passed off as another campaign's or another member's.
import { sha256Bytes } from './bytes';

const VERSION = 1;
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
export const PBKDF2_ITERATIONS = 600_000;
export const MIN_PASSPHRASE = 10;
const SALT = 16;
const IV = 12;
const HEADER = 1 + 4 + 1 + 1 + 1;
const CHECKSUM = 2;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export interface ShareHeader {
	campaignId: number;
	slot: number;
	threshold: number;
	size: number;
}

export interface ShareFile extends ShareHeader {
	format: 'par-survey-share';
	version: 1;
	campaignSlug: string;
	campaignTitle: string;
	holder: string;
	fingerprint: string;
	/** The encrypted share as groups of four letters and digits (what the QR code holds too). */
	code: string;
}

export type ShareFileError =
	| 'shareFile.error.format'
	| 'shareFile.error.mistyped'
	| 'shareFile.error.passphrase'
	| 'shareFile.error.passphraseShort';

export const normalisePassphrase = (p: string) => p.normalize('NFC').trim();

async function deriveKey(passphrase: string, salt: Uint8Array): Promise<CryptoKey> {
	const material = await crypto.subtle.importKey(
		'raw',
		new TextEncoder().encode(normalisePassphrase(passphrase)),
		'PBKDF2',
		false,
		['deriveKey']
	);
	return crypto.subtle.deriveKey(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations: PBKDF2_ITERATIONS },
		material,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
}

function headerBytes(h: ShareHeader): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(HEADER);
	out[0] = VERSION;
	new DataView(out.buffer).setUint32(1, h.campaignId);
	out[5] = h.slot;
	out[6] = h.threshold;
	out[7] = h.size;
	return out;
}

export function toBase32(bytes: Uint8Array): string {
	let bits = 0;
	let value = 0;
	let out = '';
	for (const b of bytes) {
		value = (value << 8) | b;
		bits += 8;
		while (bits >= 5) {
			out += ALPHABET[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
	return out;
}

export function fromBase32(text: string): Uint8Array | null {
	const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/0/g, 'O').replace(/1/g, 'I').replace(/8/g, 'B');
	const bytes: number[] = [];
	let bits = 0;
	let value = 0;
	for (const c of clean) {
		const v = ALPHABET.indexOf(c);
		if (v < 0) return null;
		value = ((value << 5) | v) & 0xffff;
		bits += 5;
		if (bits >= 8) {
			bytes.push((value >>> (bits - 8)) & 255);
			bits -= 8;
		}
	}
	return Uint8Array.from(bytes);
}

export const groupCode = (code: string) => code.match(/.{1,4}/g)!.join(' ');

/** Encrypts a share under the member's passphrase; returns the grouped code. */
export async function encryptShareCode(header: ShareHeader, share: Uint8Array, passphrase: string): Promise<string> {
	if (normalisePassphrase(passphrase).length < MIN_PASSPHRASE) throw new Error('shareFile.error.passphraseShort');
	const salt = crypto.getRandomValues(new Uint8Array(SALT));
	const iv = crypto.getRandomValues(new Uint8Array(IV));
	const head = headerBytes(header);
	const key = await deriveKey(passphrase, salt);
	const ct = new Uint8Array(
		await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: head }, key, new Uint8Array(share))
	);
	const body = new Uint8Array(HEADER + SALT + IV + ct.length);
	body.set(head, 0);
	body.set(salt, HEADER);
	body.set(iv, HEADER + SALT);
	body.set(ct, HEADER + SALT + IV);
	const sum = (await sha256Bytes(body)).slice(0, CHECKSUM);
	const all = new Uint8Array(body.length + CHECKSUM);
	all.set(body, 0);
	all.set(sum, body.length);
	return groupCode(toBase32(all));
}

/** Reads a code's header without the passphrase (to say whose and which campaign's it is). */
export async function readShareCode(
	code: string
): Promise<{ ok: true; header: ShareHeader; body: Uint8Array } | { ok: false; error: ShareFileError }> {
	const all = fromBase32(code);
	if (!all || all.length < HEADER + SALT + IV + 17 + CHECKSUM) return { ok: false, error: 'shareFile.error.format' };
	const body = all.slice(0, all.length - CHECKSUM);
	const sum = (await sha256Bytes(body)).slice(0, CHECKSUM);
	if (sum[0] !== all[all.length - 2] || sum[1] !== all[all.length - 1])
		return { ok: false, error: 'shareFile.error.mistyped' };
	if (body[0] !== VERSION) return { ok: false, error: 'shareFile.error.format' };
	const view = new DataView(body.buffer, body.byteOffset);
	return {
		ok: true,
		header: { campaignId: view.getUint32(1), slot: body[5], threshold: body[6], size: body[7] },
		body
	};
}

/** Decrypts a code with its passphrase. */
export async function decryptShareCode(
	code: string,
	passphrase: string
): Promise<{ ok: true; header: ShareHeader; share: Uint8Array } | { ok: false; error: ShareFileError }> {
	const read = await readShareCode(code);
	if (!read.ok) return read;
	const { body, header } = read;
	const salt = body.slice(HEADER, HEADER + SALT);
	const iv = body.slice(HEADER + SALT, HEADER + SALT + IV);
	try {
		const key = await deriveKey(passphrase, salt);
		const pt = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv, additionalData: body.slice(0, HEADER) },
			key,
			body.slice(HEADER + SALT + IV)
		);
		return { ok: true, header, share: new Uint8Array(pt) };
	} catch {
		return { ok: false, error: 'shareFile.error.passphrase' };
	}
}

/** The downloadable file: the code plus labels a person can read. */
export function shareFile(
	header: ShareHeader,
	labels: { campaignSlug: string; campaignTitle: string; holder: string; fingerprint: string },
	code: string
): ShareFile {
	return { format: 'par-survey-share', version: 1, ...header, ...labels, code };
}

/** The code inside an uploaded file (or the text itself when a code was typed or scanned). */
export function codeFromUpload(text: string): string | null {
	const trimmed = text.trim();
	if (trimmed.startsWith('{')) {
		try {
			const parsed = JSON.parse(trimmed) as Partial<ShareFile>;
			return parsed.format === 'par-survey-share' && typeof parsed.code === 'string' ? parsed.code : null;
		} catch {
			return null;
		}
	}
	return trimmed.length > 0 && trimmed.length < 400 ? trimmed : null;
}
