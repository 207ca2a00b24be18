// Refuses new staff passwords an attacker would guess early (ASVS 6.2.4, 6.2.11, 6.2.12), offline: zxcvbn's
// breached-password and keyboard lists plus this service's own words and the person's own name.
// Server-only (the dictionaries weigh megabytes): never import it from a respondent page.
import { ZxcvbnFactory, type MatchExtended, type ZxcvbnResult } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { message, type Message } from './message';
import { PASSWORD_CONTEXT_WORDS } from './password-context-words';

/** zxcvbn's 0–4 scale; 3 means at least 10^8 guesses. */
export const MIN_PASSWORD_SCORE = 3;

/** Lower case, no accents, đ → d: "Quảng Ngãi" and "quang ngai" are the same guess. */
const unaccent = (text: string) =>
	text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC').toLowerCase();
/** Separators dropped too, so "Quang-Ngai 2026" meets the dictionary word "quangngai". */
const compact = (text: string) => unaccent(text).replace(/[\s._\-/]+/g, '');

/** Each word as typed, without spaces, without accents, and both. */
function variantsOf(words: readonly string[]): string[] {
	const out = new Set<string>();
	for (const word of words) {
		const typed = word.normalize('NFC').toLowerCase().trim();
		if (!typed) continue;
		for (const form of [typed, typed.replace(/\s+/g, ''), unaccent(typed), compact(typed)]) out.add(form);
	}
	return [...out];
}

// Built once per process, at the first password check (not at import: most processes never check one).
let factory: ZxcvbnFactory | null = null;
const zxcvbn = () => (factory ??= createFactory());

const createFactory = () =>
	new ZxcvbnFactory({
		dictionary: { ...dictionary, context: variantsOf(PASSWORD_CONTEXT_WORDS) },
		graphs: adjacencyGraphs,
		// Levenshtein matching costs up to ~0.5 s per check and catches nothing the lists miss here.
		useLevenshteinDistance: false,
		// A password that is weak only after its 128th character is not weak; this bounds the CPU per check.
		maxLength: 128
	});

/** The person's own words: username, full name, and every run of their parts ("Hồng Nhung", "Văn Bình"). */
function personalWords(inputs: readonly string[]): string[] {
	const runs: string[] = [];
	for (const input of inputs) {
		const parts = input.split(/[\s._-]+/).filter(Boolean);
		for (let i = 0; i < parts.length; i++)
			for (let j = i + 1; j <= parts.length; j++) runs.push(parts.slice(i, j).join(' '));
	}
	return variantsOf(runs.filter((run) => [...run].length >= 2));
}

const COMMON_WARNINGS = new Set(['topTen', 'topHundred', 'common', 'similarToCommon', 'pwned']);
const isOwnWord = (m: MatchExtended) => m.dictionaryName === 'context' || m.dictionaryName === 'userInputs';
const isBreached = (m: MatchExtended) => m.dictionaryName === 'passwords-common';

/**
 * log10 of the guesses left once an attacker knows the context words: an app, province or personal name
 * adds nothing, so the rest must be strong on its own ("sonoivu2026!!" is "2026!!").
 */
const guessesBeyondOwnWords = (result: ZxcvbnResult) =>
	// The sequence's matches carry their estimated guesses, which the published type leaves out.
	result.sequence.filter((m) => !isOwnWord(m)).reduce((sum, m) => sum + Math.log10(Number(m.guesses)), 0);
const MIN_GUESSES_LOG10 = 8; // zxcvbn's score 3

/** Why a weak password is weak, in the words a person can act on. */
function explain(result: ZxcvbnResult): Message {
	const matches = result.sequence;
	if (matches.some(isOwnWord)) return message('error.passwordContextual');
	if (matches.some(isBreached) || COMMON_WARNINGS.has(result.feedback.warning ?? ''))
		return message('error.passwordCommon');
	return message('error.passwordPredictable');
}

/**
 * Null when the password is hard enough to guess; otherwise why not. `ownWords` are the account's username and
 * full name. Judges the password as typed and without accents or separators, and keeps the weaker verdict.
 */
export function findPasswordWeakness(password: string, ownWords: readonly string[] = []): Message | null {
	const userInputs = personalWords(ownWords);
	const typed = password.normalize('NFC');
	const folded = compact(typed);
	const results = [zxcvbn().check(typed, userInputs)];
	if (folded && folded !== typed) results.push(zxcvbn().check(folded, userInputs));
	const weakest = results.reduce((a, b) => (b.guessesLog10 < a.guessesLog10 ? b : a));
	if (weakest.score < MIN_PASSWORD_SCORE) return explain(weakest);
	const derived = results.find((r) => r.sequence.some(isOwnWord) && guessesBeyondOwnWords(r) < MIN_GUESSES_LOG10);
	return derived ? message('error.passwordContextual') : null;
}
