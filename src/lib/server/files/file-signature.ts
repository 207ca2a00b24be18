// What an upload really is, from its first bytes: a PNG renamed ".xlsx" must be called a PNG, not
// "a CSV in the wrong encoding". Pure, so the table reader can refuse before parsing anything.

/** How many leading bytes `sniffFileKind` looks at. */
export const SIGNATURE_BYTES = 512;

export type FileKind =
	| { kind: 'zip' }
	| { kind: 'ole' } // old Excel (.xls), Word (.doc), or an encrypted .xlsx: all OLE compound files
	| { kind: 'other'; format: string } // a known non-table format, named for the person uploading it
	| { kind: 'binary' } // not text, format unknown
	| { kind: 'text' };

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Magic numbers of formats people upload by mistake; `null` matches any byte. */
const SIGNATURES: { format: string; offset?: number; bytes: (number | null)[] }[] = [
	{ format: 'PNG', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
	{ format: 'JPEG', bytes: [0xff, 0xd8, 0xff] },
	{ format: 'GIF', bytes: ascii('GIF8') },
	{ format: 'WebP', bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')] },
	{ format: 'TIFF', bytes: [0x49, 0x49, 0x2a, 0x00] },
	{ format: 'TIFF', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
	{ format: 'HEIC', offset: 4, bytes: ascii('ftypheic') },
	{ format: 'MP4', offset: 4, bytes: ascii('ftyp') },
	{ format: 'PDF', bytes: ascii('%PDF-') },
	{ format: 'RTF', bytes: ascii('{\\rtf') },
	{ format: 'RAR', bytes: ascii('Rar!\x1a\x07') },
	{ format: '7z', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
	{ format: 'gzip', bytes: [0x1f, 0x8b] }
];

const matches = (head: Uint8Array, { offset = 0, bytes }: (typeof SIGNATURES)[number]) =>
	head.length >= offset + bytes.length && bytes.every((b, i) => b === null || head[offset + i] === b);

/**
 * NUL never occurs in a text table. NULs at only even or only odd positions are UTF-16 without a BOM,
 * which the CSV reader refuses with its own advice; NULs anywhere else mean binary data.
 */
function isBinary(head: Uint8Array): boolean {
	const parities = new Set<number>();
	head.forEach((byte, i) => {
		if (byte === 0) parities.add(i % 2);
	});
	return parities.size === 2;
}

/** The kind of file whose first bytes (up to `SIGNATURE_BYTES`) are `head`. */
export function sniffFileKind(head: Uint8Array): FileKind {
	const word = head.length >= 4 ? ((head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3]) >>> 0 : 0;
	if (word === 0x504b0304 || word === 0x504b0506) return { kind: 'zip' };
	if (word === 0xd0cf11e0) return { kind: 'ole' };
	const known = SIGNATURES.find((s) => matches(head, s));
	if (known) return { kind: 'other', format: known.format };
	// UTF-16 with a BOM is Excel's "Unicode text"; U+0300 (a decomposed grave accent) has a NUL low byte.
	const utf16Bom = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
	return !utf16Bom && isBinary(head) ? { kind: 'binary' } : { kind: 'text' };
}
