// Splitting text into pieces of at most N UTF-8 bytes, never inside a character: the ballot side
// stores answers in leaf-sized chunks (migration 0003 says why).

/** UTF-8 length of one code point, without encoding it (encoding char by char cost ~0.3 ms a sheet). */
const utf8Length = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

export function splitUtf8(text: string, maxBytes: number): string[] {
	if (maxBytes < 4) throw new RangeError('maxBytes must fit any character (4 bytes)');
	const pieces: string[] = [];
	let start = 0;
	let size = 0;
	for (let i = 0; i < text.length; ) {
		const cp = text.codePointAt(i)!;
		// A lone surrogate is encoded as U+FFFD (3 bytes), as TextEncoder does.
		const bytes = cp >= 0xd800 && cp <= 0xdfff ? 3 : utf8Length(cp);
		const units = cp > 0xffff ? 2 : 1;
		if (size + bytes > maxBytes) {
			pieces.push(text.slice(start, i));
			start = i;
			size = 0;
		}
		size += bytes;
		i += units;
	}
	if (start < text.length || pieces.length === 0) pieces.push(text.slice(start));
	return pieces;
}
