// A respondent over HTTP, as the page's script drives the built server: the link, the code sent and typed,
// the attestation, keys.json, the blind credential and the cast sealed "in the browser" (prepared up front, so
// that only the server's work is timed or tested). Shared by the HTTP bench and the several-process test.
import {
	blindBallotMessage,
	deriveBallotMessage,
	finalizeCredential,
	newBallotSecret,
	toBase64url
} from '$lib/respondent/blind-client';
import { sealSheet } from '$lib/respondent/seal-client';
import { loadCellForm } from '$lib/server/ballot/cell-form';
import type { Db } from '$lib/server/db/open';
import { answersFor } from '../bench/respondent-steps';

export interface HttpRespondent {
	token: string;
	/** The client's address, as a proxy in front would pass it: one per respondent, like phones on their own networks. */
	ip: string;
	recipients: string[];
	cell: number;
	publicKey: string;
	message: Uint8Array;
	blinded: string;
	inv: Uint8Array;
	sealed: string;
}

const TRAITS = JSON.stringify({ tz: 'Asia/Ho_Chi_Minh', lang: 'vi', screen: '390x844', cores: 4 });
const HTML = 'text/html,application/xhtml+xml,*/*;q=0.8';

/** The i-th respondent of a person with a cell: answers picked by i, sealed and blinded now. */
export async function prepareHttpRespondent(
	db: Db,
	token: string,
	person: { cell_id: number | null; email: string | null; phone: string | null },
	i: number
): Promise<HttpRespondent> {
	const form = (await loadCellForm(db, person.cell_id!))!;
	const sheet = answersFor(
		form.questionnaire,
		form.ratedUnits.map((u) => u.id),
		i
	);
	const message = await deriveBallotMessage(newBallotSecret());
	const blinded = await blindBallotMessage(form.publicKey, message);
	return {
		token,
		ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
		recipients: [person.email, person.phone].filter((x): x is string => !!x),
		cell: form.cellId,
		publicKey: form.publicKey,
		message,
		blinded: toBase64url(blinded.blindedMsg),
		inv: blinded.inv,
		sealed: await sealSheet(form.sealingKey!, form.campaignId, form.cellId, sheet)
	};
}

/** Wraps each request, e.g. to measure the server's CPU around it (label: step, method, path, status). */
export type AroundRequest = (label: (status: number) => string, send: () => Promise<Response>) => Promise<Response>;

/** One respondent's 11 requests, as the browser sends them; resolves with the cast's receipt. */
export async function completePath(
	url: string,
	slug: string,
	r: HttpRespondent,
	codeFor: (r: HttpRespondent) => Promise<string>,
	around: AroundRequest = (_label, send) => send()
): Promise<string> {
	const jar = new Map<string, string>();
	let step = 0;
	const call = async (p: string, expect: number, init: RequestInit = {}, cookies = true) => {
		step++;
		// A browser's Accept: SvelteKit answers an action with JSON when the client prefers it.
		const headers: Record<string, string> = {
			origin: url,
			accept: HTML,
			'x-forwarded-for': r.ip,
			...(init.headers as Record<string, string>)
		};
		if (cookies) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
		const label = (status: number) =>
			`${String(step).padStart(2)}. ${init.method ?? 'GET'} ${p.replace(r.token, '<token>')} ${status}`;
		const res = await around(label, () => fetch(url + p, { ...init, headers, redirect: 'manual' }));
		for (const c of res.headers.getSetCookie()) {
			const pair = c.split(';')[0];
			jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
		}
		const text = await res.text();
		if (res.status !== expect) throw new Error(`${init.method ?? 'GET'} ${p}: ${res.status} ${text.slice(0, 300)}`);
		return text;
	};
	const form = (body: Record<string, string>, enhanced = false): RequestInit => ({
		method: 'POST',
		body: new URLSearchParams(body).toString(),
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			...(enhanced ? { 'x-sveltekit-action': 'true', accept: 'application/json' } : {})
		}
	});
	const postJson = (body: unknown): RequestInit => ({
		method: 'POST',
		body: JSON.stringify(body),
		headers: { 'content-type': 'application/json', accept: 'application/json' }
	});
	// As the page's script does it (src/lib/respondent/step-enhance.ts): each step posts enhanced and then
	// reloads only the page's data (x-sveltekit-invalidated=01: the layout's texts are not sent again).
	const moveOn = async (action: string, body: Record<string, string>, expect: string) => {
		const result = JSON.parse(await call(`/s?/${action}`, 200, form(body, true))) as { type: string };
		if (result.type !== expect) throw new Error(`${action}: ${JSON.stringify(result)}`);
		await call('/s/__data.json?x-sveltekit-invalidated=01', 200);
	};
	await call(`/s/${r.token}`, 303);
	await call('/s', 200);
	await moveOn('send', { traits: TRAITS }, 'success');
	await moveOn('verify', { code: await codeFor(r), traits: TRAITS }, 'redirect');
	await moveOn('attest', { mode: 'personal', confirm: '1' }, 'redirect');
	const keys = JSON.parse(await call(`/c/${slug}/keys.json`, 200, {}, false)) as { cells: { publicKey: string }[] };
	if (!keys.cells.some((c) => c.publicKey === r.publicKey)) throw new Error('keys.json lacks the cell key');
	const issued = JSON.parse(await call('/s/credential', 200, postJson({ blindedMessage: r.blinded, traits: TRAITS })));
	const signature = await finalizeCredential(
		r.publicKey,
		r.message,
		Buffer.from(issued.blindSignature, 'base64url'),
		r.inv
	);
	const body = { cell: r.cell, message: toBase64url(r.message), signature: toBase64url(signature), sealed: r.sealed };
	const cast = JSON.parse(await call(`/c/${slug}/ballot`, 200, postJson(body), false)) as { receipt: string };
	return cast.receipt;
}
