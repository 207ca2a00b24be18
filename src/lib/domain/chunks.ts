// Splitting text into pieces of at most N UTF-8 bytes, never inside a character: the ballot side
// stores answers in leaf-sized chunks (migration 0003 says why).
const encoder = new TextEncoder();

export function splitUtf8(text: string, maxBytes: number): string[] {
	if (maxBytes < 4) throw new RangeError('maxBytes must fit any character (4 bytes)');
	const pieces: string[] = [];
	let current = '';
	let size = 0;
	for (const char of text) {
		const bytes = encoder.encode(char).length;
		if (size + bytes > maxBytes) {
			pieces.push(current);
			current = '';
			size = 0;
		}
		current += char;
		size += bytes;
	}
	if (current || pieces.length === 0) pieces.push(current);
	return pieces;
}
