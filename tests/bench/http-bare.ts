// The bare baseline for http-path.ts: node:http + better-sqlite3 (WAL, synchronous FULL) doing the least
// work each respondent request needs — token lookup by SHA-256, a session cookie, a one-time code stored
// hashed and checked, an atomic credential claim with the native RSA blind signature (the key size of our
// cell keys), PSS verify of the credential and the sheet stored in one transaction. No framework, no
// rendering beyond a fixed page: the floor our server is measured against.
// Environment: PORT, BARE_DB (created fresh), BARE_SEED (JSON: { slug, tokens, keyPem, sealing }).
import { constants, createHash, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt } from 'node:crypto';
import { randomBytes, randomInt, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Database from 'better-sqlite3';

const seed = JSON.parse(readFileSync(process.env.BARE_SEED!, 'utf8')) as {
	slug: string;
	tokens: string[];
	keyPem: string;
	sealing: { publicKey: string; fingerprint: string };
};
const key = createPrivateKey(seed.keyPem);
const pub = createPublicKey(key);
const spki = pub.export({ type: 'spki', format: 'der' });
const keysJson = JSON.stringify({
	campaign: seed.slug,
	sealing: seed.sealing,
	cells: [
		{ id: 1, publicKey: spki.toString('base64url'), fingerprint: createHash('sha256').update(spki).digest('hex') }
	]
});
const hash = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

const db = new Database(process.env.BARE_DB!);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`create table link (token_hash text primary key, person integer not null, credential_at integer);
create table session (id text primary key, person integer not null, verified integer not null default 0, attested integer not null default 0);
create table otp (person integer primary key, code_hash text not null, expires integer not null, used integer not null default 0);
create table outbox (id integer primary key, recipient text not null, body text not null);
create table sheet (key_hash text primary key, cell integer not null, receipt text not null, sealed blob not null);`);
const addLink = db.prepare('insert into link (token_hash, person) values (?, ?)');
db.transaction(() => seed.tokens.forEach((t, i) => addLink.run(hash(t), i)))();

const q = {
	link: db.prepare<[string], { person: number }>('select person from link where token_hash = ?'),
	addSession: db.prepare('insert into session (id, person) values (?, ?)'),
	session: db.prepare<[string], { id: string; person: number; verified: number; attested: number }>(
		'select * from session where id = ?'
	),
	putOtp: db.prepare('insert or replace into otp (person, code_hash, expires) values (?, ?, ?)'),
	outbox: db.prepare('insert into outbox (recipient, body) values (?, ?)'),
	useOtp: db.prepare('update otp set used = 1 where person = ? and code_hash = ? and used = 0 and expires > ?'),
	verified: db.prepare('update session set verified = 1 where id = ?'),
	attested: db.prepare('update session set attested = 1 where id = ? and verified = 1'),
	claim: db.prepare('update link set credential_at = ? where person = ? and credential_at is null'),
	sheet: db.prepare('insert into sheet (key_hash, cell, receipt, sealed) values (?, ?, ?, ?)'),
	ping: db.prepare('select 1')
};
const sendCode = db.transaction((person: number, code: string) => {
	q.putOtp.run(person, hash(code), Date.now() + 600_000);
	q.outbox.run(`p${person}`, `Mã xác minh: ${code}`);
});
const castSheet = db.transaction((keyHash: string, sealed: Buffer) =>
	q.sheet.run(keyHash, 1, keyHash.slice(0, 16), sealed)
);

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
	res.writeHead(status, { 'cache-control': 'no-store', ...headers });
	res.end(body);
}
const page = (text: string) =>
	`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>PAR</title></head><body><main>${text}</main></body></html>`;

async function handle(req: IncomingMessage, res: ServerResponse) {
	const url = new URL(req.url!, 'http://bare');
	const chunks: Buffer[] = [];
	for await (const c of req) chunks.push(c as Buffer);
	const body = Buffer.concat(chunks).toString();
	const sid = /(?:^|; )sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
	const s = sid ? q.session.get(sid) : undefined;
	const json = (status: number, value: unknown) =>
		send(res, status, JSON.stringify(value), { 'content-type': 'application/json' });
	// As ours: one `select 1` (the connection is alive) and a small JSON.
	if (url.pathname === '/healthz') return (q.ping.get(), json(200, { status: 'ok' }));
	if (url.pathname === `/c/${seed.slug}/keys.json`)
		return send(res, 200, keysJson, { 'content-type': 'application/json' });
	if (url.pathname === `/c/${seed.slug}/ballot` && req.method === 'POST') {
		const b = JSON.parse(body) as { message: string; signature: string; sealed: string };
		const message = Buffer.from(b.message, 'base64url');
		const ok = verify(
			'sha384',
			message,
			{ key: pub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 },
			Buffer.from(b.signature, 'base64url')
		);
		if (!ok) return json(422, { error: 'signature' });
		const keyHash = hash(message);
		castSheet(keyHash, Buffer.from(b.sealed, 'base64url'));
		return json(200, { receipt: keyHash.slice(0, 16), revised: false });
	}
	if (url.pathname.startsWith('/s/') && url.pathname.length > 20 && req.method === 'GET') {
		const link = q.link.get(hash(url.pathname.slice(3)));
		if (!link) return send(res, 303, '', { location: '/s?link=unknown' });
		const id = randomBytes(24).toString('base64url');
		q.addSession.run(id, link.person);
		return send(res, 303, '', { location: '/s', 'set-cookie': `sid=${id}; Path=/; HttpOnly; SameSite=Lax` });
	}
	if (!s) return json(401, { error: 'session' });
	if (url.pathname === '/s/credential' && req.method === 'POST') {
		if (!s.attested || q.claim.run(Date.now(), s.person).changes !== 1) return json(409, { error: 'claimed' });
		const blinded = Buffer.from((JSON.parse(body) as { blindedMessage: string }).blindedMessage, 'base64url');
		const sig = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, blinded);
		if (!publicEncrypt({ key: pub, padding: constants.RSA_NO_PADDING }, sig).equals(blinded)) return json(500, {});
		return json(200, { blindSignature: sig.toString('base64url'), cell: 1 });
	}
	if (url.pathname === '/s/__data.json')
		return json(200, { step: s.attested ? 'answer' : s.verified ? 'attest' : 'verify' });
	if (url.pathname === '/s' && req.method === 'GET')
		return send(res, 200, page(s.attested ? 'questionnaire' : s.verified ? 'attest' : 'verify'), {
			'content-type': 'text/html'
		});
	const form = new URLSearchParams(body);
	if (url.search === '?/send') {
		sendCode(s.person, String(randomInt(0, 1_000_000)).padStart(6, '0'));
		return json(200, { type: 'success', data: { sent: 'demo' } });
	}
	// An enhanced post (the page's script) is answered with JSON, a plain one with a redirect.
	const moveOn = () =>
		req.headers['x-sveltekit-action']
			? json(200, { type: 'redirect', status: 303, location: '/s' })
			: send(res, 303, '', { location: '/s' });
	if (url.search === '?/verify') {
		if (q.useOtp.run(s.person, hash(form.get('code') ?? ''), Date.now()).changes !== 1)
			return send(res, 400, page('wrong code'));
		q.verified.run(s.id);
		return moveOn();
	}
	if (url.search === '?/attest' && form.get('confirm') === '1' && q.attested.run(s.id).changes === 1) return moveOn();
	return send(res, 400, page('bad request'));
}

createServer((req, res) => {
	handle(req, res).catch((e) => send(res, 500, String(e)));
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`bare on ${process.env.PORT}`));
// A normal exit on SIGTERM, so that `--cpu-prof` (BENCH_HTTP_NODE_ARGS in http-path.ts) writes its profile.
process.on('SIGTERM', () => process.exit(0));
