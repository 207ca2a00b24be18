// Short codes people read, copy and type: Crockford base32 (no I, L, O, U, so no 1/I/L or 0/O mix-ups),
// the revision code that holds a respondent's ballot secret, and the public receipt.

export const BASE32_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const VALUES = new Map([...BASE32_ALPHABET].map((c, i) => [c, i] as const));
// Crockford's decoding aliases for the letters people type instead of digits.
const ALIASES: Record<string, string> = { O: '0', I: '1', L: '1' };
// Separators people add or copy along: spaces and every kind of dash.
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]/g;
/** Longer input is not a code; it is refused before any work. */
const INPUT_MAX = 200;

export const REVISION_SECRET_BYTES = 16;
export const REVISION_CODE_CHARS = 26;
const REVISION_GROUP = 4;
export const RECEIPT_CHARS = 10;
const SHA256_BYTES = 32;

export function encodeBase32(bytes: Uint8Array): string {
	let out = '';
	let buffer = 0;
	let bits = 0;
	for (const byte of bytes) {
		buffer = ((buffer << 8) | byte) & 0xfff;
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			out += BASE32_ALPHABET[(buffer >> bits) & 31];
		}
	}
	if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
	return out;
}

/** Canonical symbols of a typed code (upper case, aliases resolved, separators gone), or null. */
function cleanBase32(text: string): string | null {
	if (text.length > INPUT_MAX) return null;
	let out = '';
	for (const c of text.replace(SEPARATORS, '').toUpperCase()) {
		const symbol = ALIASES[c] ?? c;
		if (!VALUES.has(symbol)) return null;
		out += symbol;
	}
	return out;
}

/**
 * Decodes base32 leniently on spelling (case, separators, O/I/L) but strictly on content: a length
 * no encoding produces, or non-zero padding bits, gives null, so each byte string has one code.
 */
export function decodeBase32(text: string): Uint8Array | null {
	const symbols = cleanBase32(text);
	if (symbols === null) return null;
	const length = Math.floor((symbols.length * 5) / 8);
	if (Math.ceil((length * 8) / 5) !== symbols.length) return null;
	const out = new Uint8Array(length);
	let buffer = 0;
	let bits = 0;
	let index = 0;
	for (const c of symbols) {
		buffer = ((buffer << 5) | VALUES.get(c)!) & 0xfff;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			out[index++] = (buffer >> bits) & 0xff;
		}
	}
	if ((buffer & ((1 << bits) - 1)) !== 0) return null;
	return out;
}

function group(symbols: string, size: number): string {
	return symbols.match(new RegExp(`.{1,${size}}`, 'g'))!.join('-');
}

/** 16 random bytes as 26 symbols in groups of four: `XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XX`. */
export function formatRevisionCode(secret: Uint8Array): string {
	if (secret.length !== REVISION_SECRET_BYTES)
		throw new RangeError(`a revision secret has ${REVISION_SECRET_BYTES} bytes, got ${secret.length}`);
	return group(encodeBase32(secret), REVISION_GROUP);
}

/** The secret behind a typed or pasted revision code, or null when it is not one. */
export function parseRevisionCode(text: string): Uint8Array | null {
	const secret = decodeBase32(text);
	return secret && secret.length === REVISION_SECRET_BYTES ? secret : null;
}

/**
 * The receipt: the first 50 bits of SHA-256(m), `XXXXX-XXXXX`. Short enough to read out, long enough
 * that two sheets of one campaign practically never share one.
 */
export function receiptFromKeyHash(keyHash: Uint8Array): string {
	if (keyHash.length !== SHA256_BYTES)
		throw new RangeError(`a ballot key hash has ${SHA256_BYTES} bytes, got ${keyHash.length}`);
	// Seven bytes give 56 bits; the first ten symbols are exactly the first 50.
	const symbols = encodeBase32(keyHash.subarray(0, 7)).slice(0, RECEIPT_CHARS);
	return group(symbols, RECEIPT_CHARS / 2);
}

/** The canonical `XXXXX-XXXXX` form of a receipt someone typed, or null. */
export function normalizeReceipt(text: string): string | null {
	const symbols = cleanBase32(text);
	return symbols !== null && symbols.length === RECEIPT_CHARS ? group(symbols, RECEIPT_CHARS / 2) : null;
}
