// Shows whose link or contact it is without spelling it out: enough for the owner to recognise,
// too little for someone else to learn a name, address or number from a forwarded link.

const STARS = '***';

/** Grapheme clusters of an NFC string, so "ễ" or a combining sequence is never cut in half. */
function graphemes(text: string): string[] {
	segmenter ??=
		typeof Intl !== 'undefined' && 'Segmenter' in Intl
			? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
			: null;
	return segmenter ? Array.from(segmenter.segment(text), (s) => s.segment) : Array.from(text);
}
// One segmenter for every name (building one costs more than segmenting a name); null where Intl lacks it.
let segmenter: Intl.Segmenter | null | undefined;

/** The first letter, then one star per remaining letter (at least one, so a masked word never looks whole). */
function maskWord(word: string): string {
	const letters = graphemes(word);
	return letters[0] + '*'.repeat(Math.max(1, letters.length - 1));
}

/**
 * `Nguyễn Văn An` → `Nguyễn V** A*`: the family name (the first word, shared by a large part of the
 * country) in full, every other word as its initial and a star per hidden letter. A one-word name
 * is masked too, since it would otherwise be shown whole.
 */
export function maskName(name: string): string {
	const words = name.normalize('NFC').trim().split(/\s+/).filter(Boolean);
	if (words.length === 0) return '';
	if (words.length === 1) return maskWord(words[0]);
	return [words[0], ...words.slice(1).map(maskWord)].join(' ');
}

/**
 * `nguyen.van.an@quangngai.gov.vn` → `ng***@quangngai.gov.vn`: the domain (usually the organisation)
 * in full, at most two leading characters of the mailbox and a fixed run of stars hiding its length.
 * Short mailboxes show less, so the part shown is never the whole mailbox.
 */
export function maskEmail(email: string): string {
	const text = email.normalize('NFC').trim();
	const at = text.lastIndexOf('@');
	const local = graphemes(at < 0 ? text : text.slice(0, at));
	const domain = at < 0 ? '' : text.slice(at);
	const keep = local.length >= 4 ? 2 : local.length >= 2 ? 1 : 0;
	return `${local.slice(0, keep).join('')}${STARS}${domain}`;
}

/**
 * `+84912345678` → `+84 *** *** 678`, `0912 345 678` → `0*** *** 678`: the last three digits and the
 * prefix that says how to dial; fixed star groups hide the length. Numbers under six digits show none.
 */
export function maskPhone(phone: string): string {
	const text = phone.normalize('NFC').trim();
	const digits = text.replace(/\D/g, '');
	if (digits.length < 6) return `${STARS} ${STARS}`;
	const last = digits.slice(-3);
	if (text.startsWith('+'))
		return digits.startsWith('84') ? `+84 ${STARS} ${STARS} ${last}` : `+${STARS} ${STARS} ${last}`;
	if (digits.startsWith('0')) return `0${STARS} ${STARS} ${last}`;
	return `${STARS} ${STARS} ${last}`;
}
