// Browser side of docs/integrity.md steps 6–8: check the cell key and the sealing key are the published
// ones, seal the sheet to the counting committee's key, blind a message derived from a fresh secret,
// get the blind signature with the respondent session, unblind, and cast {cell, m, signature, sealed}
// WITHOUT cookies. Every intermediate state is kept in localStorage first, so a lost response or a
// reload never costs the respondent their one credential.
import type { SheetAnswers } from '$lib/domain/ballot';
import { formatRevisionCode } from '$lib/domain/codes';
import type { Questionnaire } from '$lib/domain/questionnaire';
import { browserTraits } from './fingerprint';
import { readStored, removeStored, writeStored } from './form-state';

export type Cell = { id: number; publicKey: string; fingerprint: string };
/** The counting committee's public key (raw X25519, base64url) and its fingerprint. */
export type SealingKey = { publicKey: string; fingerprint: string };
/** What a sheet is sealed to: the key, and the campaign bound into the associated data. */
export type SealTarget = { campaignId: number; sealingKey: SealingKey };
type Pending = { cell: number; secret: string; blinded?: string; inv?: string; signature?: string };
type ServerError = { key: string; message: string };
type Published = { campaignId?: number; sealing?: SealingKey | null; cells?: Cell[] };
type Texts = { network: string; keyMismatch: string };

export type SubmitResult =
	| { ok: true; receipt: string; revisionCode: string }
	| { ok: false; kind: 'reverify' | 'keyMismatch' | 'refused' | 'invalid' | 'network'; messages: string[] };

export type Step = 'key' | 'seal' | 'blind' | 'credential' | 'cast';

async function postJson(
	url: string,
	body: unknown,
	credentials: RequestCredentials
): Promise<{ status: number; data: ServerReply } | null> {
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

/** The fields this client reads from the server's JSON answers; any may be missing. */
type ServerReply = {
	error?: { key?: string; message?: string };
	errors?: ServerError[];
	blindSignature?: string;
	receipt?: string;
};

const messagesOf = (data: ServerReply, fallback: string): string[] => {
	if (Array.isArray(data?.errors)) return data.errors.map((e: ServerError) => e.message ?? fallback);
	if (data?.error?.message) return [data.error.message];
	return [fallback];
};

/** The campaign's published keys (cookie-less); null when they could not be fetched. */
async function fetchPublished(slug: string): Promise<Published | null> {
	try {
		const response = await fetch(`/c/${encodeURIComponent(slug)}/keys.json`, { credentials: 'omit' });
		return response.ok ? ((await response.json()) as Published) : null;
	} catch {
		return null;
	}
}

// A server handing out per-person sealing keys (or campaign ids) could tag sheets, like per-person cell keys.
const samePublishedSealing = (target: SealTarget, published: Published) =>
	published.campaignId === target.campaignId &&
	!!published.sealing &&
	published.sealing.publicKey === target.sealingKey.publicKey &&
	published.sealing.fingerprint === target.sealingKey.fingerprint;

/** Seals with the lazily loaded HPKE code; null when the key's bytes do not match its fingerprint. */
async function seal(target: SealTarget, cellId: number, sheet: SheetAnswers): Promise<string | null> {
	const { sealSheet } = await import('./seal-client');
	try {
		return await sealSheet(target.sealingKey, target.campaignId, cellId, sheet);
	} catch (error) {
		if (error instanceof Error && error.message === 'sealing_key_invalid') return null;
		throw error;
	}
}

export async function submitSheet(options: {
	slug: string;
	cell: Cell;
	target: SealTarget;
	sheet: SheetAnswers;
	pendingKey: string;
	onStep?: (step: Step) => void;
	texts: Texts;
}): Promise<SubmitResult> {
	const { slug, cell, target, sheet, pendingKey, onStep, texts } = options;
	const client = await import('./blind-client');

	onStep?.('key');
	// The keys must be the ones the campaign publishes: a per-person key could tag the answer sheet.
	const published = await fetchPublished(slug);
	if (!published) return { ok: false, kind: 'network', messages: [texts.network] };
	const listed = published.cells?.find((c) => c.id === cell.id);
	if (
		!listed ||
		listed.publicKey !== cell.publicKey ||
		(await client.spkiFingerprint(cell.publicKey)) !== listed.fingerprint ||
		!samePublishedSealing(target, published)
	) {
		return { ok: false, kind: 'keyMismatch', messages: [texts.keyMismatch] };
	}

	onStep?.('seal');
	// Sealed before the credential is asked for: a browser that cannot seal must not spend it.
	const sealed = await seal(target, cell.id, sheet);
	if (!sealed) return { ok: false, kind: 'keyMismatch', messages: [texts.keyMismatch] };

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
		// The browser's traits go with the credential request (participation side: it already names the link).
		const issued = await postJson(
			'/s/credential',
			{ blindedMessage: pending.blinded, traits: browserTraits() },
			'same-origin'
		);
		if (!issued) return { ok: false, kind: 'network', messages: [texts.network] };
		if (issued.status === 401 && issued.data?.error?.key === 'respondent.error.reverify')
			return { ok: false, kind: 'reverify', messages: messagesOf(issued.data, texts.network) };
		if (issued.status !== 200) return { ok: false, kind: 'refused', messages: messagesOf(issued.data, texts.network) };
		const signature = await client.finalizeCredential(
			cell.publicKey,
			message,
			client.fromBase64url(issued.data.blindSignature ?? '')!,
			client.fromBase64url(pending.inv!)!
		);
		pending = { ...pending, signature: client.toBase64url(signature) };
		writeStored(pendingKey, pending);
	}

	onStep?.('cast');
	// No cookies: the ballot endpoint must not be able to tell who is casting.
	const cast = await postJson(
		`/c/${encodeURIComponent(slug)}/ballot`,
		{ cell: cell.id, message: client.toBase64url(message), signature: pending.signature, sealed },
		'omit'
	);
	if (!cast) return { ok: false, kind: 'network', messages: [texts.network] };
	if (cast.status === 422) return { ok: false, kind: 'invalid', messages: messagesOf(cast.data, texts.network) };
	if (cast.status !== 200) return { ok: false, kind: 'refused', messages: messagesOf(cast.data, texts.network) };
	removeStored(pendingKey);
	return { ok: true, receipt: cast.data.receipt ?? '', revisionCode: formatRevisionCode(secret) };
}

/** A revision: the same m (from the revision code), a newly sealed sheet, no signature, no cookies. */
export async function reviseSheet(options: {
	slug: string;
	message: Uint8Array;
	cellId: number;
	target: SealTarget;
	sheet: SheetAnswers;
	texts: Texts;
}): Promise<{ ok: true; receipt: string } | { ok: false; invalid: boolean; messages: string[] }> {
	const { slug, message, cellId, target, sheet, texts } = options;
	const client = await import('./blind-client');
	const published = await fetchPublished(slug);
	if (!published) return { ok: false, invalid: false, messages: [texts.network] };
	if (!samePublishedSealing(target, published)) return { ok: false, invalid: false, messages: [texts.keyMismatch] };
	const sealed = await seal(target, cellId, sheet);
	if (!sealed) return { ok: false, invalid: false, messages: [texts.keyMismatch] };
	const cast = await postJson(
		`/c/${encodeURIComponent(slug)}/ballot`,
		{ message: client.toBase64url(message), sealed },
		'omit'
	);
	if (!cast) return { ok: false, invalid: false, messages: [texts.network] };
	if (cast.status !== 200)
		return { ok: false, invalid: cast.status === 422, messages: messagesOf(cast.data, texts.network) };
	return { ok: true, receipt: cast.data.receipt ?? '' };
}

export type OpenedSheet = {
	receipt: string;
	cell: number;
	campaignId: number;
	sealingKey: SealingKey;
	questionnaire: Questionnaire;
	ratedUnits: { id: string; name: string }[];
};

/** The questionnaire and the key to seal a revision to; never the answers held so far (nobody can read them). */
export async function openForRevision(
	slug: string,
	message: Uint8Array,
	networkText: string
): Promise<({ ok: true } & OpenedSheet) | { ok: false; messages: string[] }> {
	const client = await import('./blind-client');
	const opened = await postJson(
		`/c/${encodeURIComponent(slug)}/ballot/open`,
		{ message: client.toBase64url(message) },
		'omit'
	);
	if (!opened) return { ok: false, messages: [networkText] };
	if (opened.status !== 200) return { ok: false, messages: messagesOf(opened.data, networkText) };
	return { ok: true, ...(opened.data as OpenedSheet) };
}
