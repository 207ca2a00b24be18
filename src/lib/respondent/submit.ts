// Browser side of integrity.md steps 6–8: check the cell key is a published one, blind a message
// derived from a fresh secret, get the blind signature with the respondent session, unblind, and
// cast {m, signature, answers} WITHOUT cookies. Every intermediate state is kept in localStorage
// first, so a lost response or a reload never costs the respondent their one credential.
import type { SheetAnswers } from '$lib/domain/ballot';
import { formatRevisionCode } from '$lib/domain/codes';
import { readStored, removeStored, writeStored } from './form-state';

export type Cell = { id: number; publicKey: string; fingerprint: string };
type Pending = { cell: number; secret: string; blinded?: string; inv?: string; signature?: string };
type ServerError = { key: string; message: string };

export type SubmitResult =
	| { ok: true; receipt: string; revisionCode: string }
	| { ok: false; kind: 'reverify' | 'keyMismatch' | 'refused' | 'invalid' | 'network'; messages: string[] };

export type Step = 'key' | 'blind' | 'credential' | 'cast';

async function postJson(url: string, body: unknown, credentials: RequestCredentials): Promise<{ status: number; data: any } | null> {
	try {
		const response = await fetch(url, {
			method: 'POST',
			credentials,
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify(body)
		});
		return { status: response.status, data: await response.json().catch(() => ({})) };
	} catch {
		return null;
	}
}

const messagesOf = (data: any, fallback: string): string[] => {
	if (Array.isArray(data?.errors)) return data.errors.map((e: ServerError) => e.message ?? fallback);
	if (data?.error?.message) return [data.error.message];
	return [fallback];
};

export async function submitSheet(options: {
	slug: string;
	cell: Cell;
	sheet: SheetAnswers;
	pendingKey: string;
	onStep?: (step: Step) => void;
	texts: { network: string; keyMismatch: string };
}): Promise<SubmitResult> {
	const { slug, cell, sheet, pendingKey, onStep, texts } = options;
	const client = await import('./blind-client');

	onStep?.('key');
	// The key must be one the campaign publishes: a per-person key could tag the answer sheet.
	let published: { cells?: Cell[] } | null = null;
	try {
		const response = await fetch(`/c/${encodeURIComponent(slug)}/keys.json`, { credentials: 'omit' });
		published = response.ok ? await response.json() : null;
	} catch {
		return { ok: false, kind: 'network', messages: [texts.network] };
	}
	const listed = published?.cells?.find((c) => c.id === cell.id);
	if (!listed || listed.publicKey !== cell.publicKey || (await client.spkiFingerprint(cell.publicKey)) !== listed.fingerprint) {
		return { ok: false, kind: 'keyMismatch', messages: [texts.keyMismatch] };
	}

	let pending = readStored<Pending>(pendingKey);
	if (!pending || pending.cell !== cell.id) {
		pending = { cell: cell.id, secret: client.toBase64url(client.newBallotSecret()) };
		if (!writeStored(pendingKey, pending)) return { ok: false, kind: 'refused', messages: [texts.network] };
	}
	const secret = client.fromBase64url(pending.secret)!;
	const message = await client.deriveBallotMessage(secret);

	if (!pending.signature) {
		onStep?.('blind');
		if (!pending.blinded || !pending.inv) {
			const { blindedMsg, inv } = await client.blindBallotMessage(cell.publicKey, message);
			pending = { ...pending, blinded: client.toBase64url(blindedMsg), inv: client.toBase64url(inv) };
			writeStored(pendingKey, pending);
		}
		onStep?.('credential');
		const issued = await postJson('/s/credential', { blindedMessage: pending.blinded }, 'same-origin');
		if (!issued) return { ok: false, kind: 'network', messages: [texts.network] };
		if (issued.status === 401 && issued.data?.error?.key === 'respondent.error.reverify') return { ok: false, kind: 'reverify', messages: messagesOf(issued.data, texts.network) };
		if (issued.status !== 200) return { ok: false, kind: 'refused', messages: messagesOf(issued.data, texts.network) };
		const signature = await client.finalizeCredential(cell.publicKey, message, client.fromBase64url(issued.data.blindSignature)!, client.fromBase64url(pending.inv!)!);
		pending = { ...pending, signature: client.toBase64url(signature) };
		writeStored(pendingKey, pending);
	}

	onStep?.('cast');
	// No cookies: the ballot endpoint must not be able to tell who is casting.
	const cast = await postJson(`/c/${encodeURIComponent(slug)}/ballot`, { cell: cell.id, message: client.toBase64url(message), signature: pending.signature, answers: sheet }, 'omit');
	if (!cast) return { ok: false, kind: 'network', messages: [texts.network] };
	if (cast.status === 422) return { ok: false, kind: 'invalid', messages: messagesOf(cast.data, texts.network) };
	if (cast.status !== 200) return { ok: false, kind: 'refused', messages: messagesOf(cast.data, texts.network) };
	removeStored(pendingKey);
	return { ok: true, receipt: cast.data.receipt, revisionCode: formatRevisionCode(secret) };
}

/** A revision: the same m (from the revision code), new answers, no signature, no cookies. */
export async function reviseSheet(slug: string, message: Uint8Array, sheet: SheetAnswers, networkText: string): Promise<{ ok: true; receipt: string } | { ok: false; invalid: boolean; messages: string[] }> {
	const client = await import('./blind-client');
	const cast = await postJson(`/c/${encodeURIComponent(slug)}/ballot`, { message: client.toBase64url(message), answers: sheet }, 'omit');
	if (!cast) return { ok: false, invalid: false, messages: [networkText] };
	if (cast.status !== 200) return { ok: false, invalid: cast.status === 422, messages: messagesOf(cast.data, networkText) };
	return { ok: true, receipt: cast.data.receipt };
}

export async function openForRevision(slug: string, message: Uint8Array, networkText: string) {
	const client = await import('./blind-client');
	const opened = await postJson(`/c/${encodeURIComponent(slug)}/ballot/open`, { message: client.toBase64url(message) }, 'omit');
	if (!opened) return { ok: false as const, messages: [networkText] };
	if (opened.status !== 200) return { ok: false as const, messages: messagesOf(opened.data, networkText) };
	return { ok: true as const, ...(opened.data as { receipt: string; cell: number; questionnaire: import('$lib/domain/questionnaire').Questionnaire; ratedUnits: { id: string; name: string }[] }) };
}
