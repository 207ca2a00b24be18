// Real counterparts for delivery tests: an SMTP server (smtp-server, mails parsed with mailparser)
// and an HTTP gateway (node:http), both on 127.0.0.1 and started by the test; plus a movable clock.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Db } from '$lib/server/db/open';
import type { DeliveryStatus } from '$lib/server/db/schema';
import { tableNames } from './support';

export interface ReceivedMail {
	to: string[];
	mail: ParsedMail;
	raw: string;
}

export interface SmtpOptions {
	/** An SMTP reply code to refuse this recipient with (e.g. 550), or null to accept. */
	rejectRecipient?: (address: string) => number | null;
	/** Called when a message is in, before the server says 250: a test can act "mid-send". */
	beforeAccept?: (received: ReceivedMail, count: number) => Promise<void> | void;
}

export async function startSmtp(options: SmtpOptions = {}) {
	const received: ReceivedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onRcptTo(address, _session, callback) {
			const code = options.rejectRecipient?.(address.address) ?? null;
			if (code)
				return callback(
					Object.assign(new Error(`<${address.address}>: Recipient address rejected: User unknown`), {
						responseCode: code
					})
				);
			callback();
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', async () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				const item = { to: session.envelope.rcptTo.map((r) => r.address), mail: await simpleParser(raw), raw };
				received.push(item);
				await options.beforeAccept?.(item, received.length);
				callback();
			});
		}
	});
	// A client killed mid-session resets its socket; that is expected here, not a test failure.
	server.on('error', () => {});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const port = (server.server.address() as AddressInfo).port;
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

export interface GatewayRequest {
	at: number;
	headers: IncomingMessage['headers'];
	body: Record<string, string>;
	path: string;
}

/** A gateway whose answer the test sets per request (status, or 'hang' to never answer). */
export async function startGateway(
	answer: (req: GatewayRequest, n: number) => number | 'hang' | { status: number; location: string }
) {
	const requests: GatewayRequest[] = [];
	const hanging: ServerResponse[] = [];
	const server = createHttpServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			const entry: GatewayRequest = {
				at: Date.now(),
				headers: req.headers,
				body: text ? JSON.parse(text) : {},
				path: req.url ?? ''
			};
			requests.push(entry);
			const a = answer(entry, requests.length);
			if (a === 'hang') return void hanging.push(res);
			if (typeof a === 'object') return void res.writeHead(a.status, { location: a.location }).end();
			res.writeHead(a, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: a < 300 }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}/send`,
		port,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				hanging.forEach((r) => r.destroy());
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

/** A port nothing listens on: connecting to it is refused at once. */
export function closedPort(): Promise<number> {
	return new Promise((resolve) => {
		const srv = createNetServer();
		srv.listen(0, '127.0.0.1', () => {
			const port = (srv.address() as AddressInfo).port;
			srv.close(() => resolve(port));
		});
	});
}

export function testClock(start = 1_780_000_000) {
	let now = start;
	return {
		now: () => now,
		advance: (seconds: number) => (now += seconds),
		get value() {
			return now;
		}
	};
}

export async function statusCounts(db: Db): Promise<Partial<Record<DeliveryStatus, number>>> {
	const rows = await db
		.selectFrom('delivery')
		.select((eb) => ['status', eb.fn.countAll<number>().as('n')])
		.groupBy('status')
		.execute();
	return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Every text value in the database, to search for secrets that must not be there. */
export async function allTextValues(db: Db): Promise<string[]> {
	const values: string[] = [];
	for (const name of await tableNames(db)) {
		const rows = await db
			.selectFrom(name as never)
			.selectAll()
			.execute();
		for (const row of rows as Record<string, unknown>[])
			for (const v of Object.values(row)) if (typeof v === 'string') values.push(v);
	}
	return values;
}
