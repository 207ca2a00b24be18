// The production server (`npm start`, `npm run demo`, the e2e tests): adapter-node's request handler
// (`build/handler.js`) behind our own node:http server, so that every response, static files included,
// gets the security headers, an explicit charset and compression (`lib/server/http/dress-response.js`,
// the `compression` middleware underneath).
// Plain JavaScript run by node itself: no TypeScript loader on the production path, and a fast start.
// Same environment as adapter-node's own `build/index.js`: HOST, PORT, ORIGIN, BODY_SIZE_LIMIT,
// SHUTDOWN_TIMEOUT, KEEP_ALIVE_TIMEOUT, HEADERS_TIMEOUT (the handler reads the rest itself).
import http from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dressResponses } from './lib/server/http/dress-response.js';

const HANDLER = new URL('../build/handler.js', import.meta.url);
if (!existsSync(fileURLToPath(HANDLER))) {
	console.error('Chưa có bản build: hãy chạy `npm run build` trước (no build/: run `npm run build` first).');
	process.exit(1);
}
// Importing the handler runs the app's `init` (database, migrations, delivery worker) before we listen.
/** @type {{ handler: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => unknown }} */
const { handler } = await import(HANDLER.href);

const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT ?? '3000');
const shutdownSeconds = Number(process.env.SHUTDOWN_TIMEOUT ?? '30');
const dress = dressResponses({ https: (process.env.ORIGIN ?? '').startsWith('https:') });

/** @type {http.RequestListener} */
function serve(req, res) {
	const notFound = () => {
		res.statusCode = 404;
		res.end('Not Found');
	};
	Promise.resolve(handler(req, res, notFound)).catch((error) => {
		console.error('[par-survey] request failed:', error);
		if (res.headersSent) res.destroy();
		else {
			res.statusCode = 500;
			res.end('Internal Server Error');
		}
	});
}
const server = http.createServer((req, res) => dress(req, res, () => serve(req, res)));
if (process.env.KEEP_ALIVE_TIMEOUT) server.keepAliveTimeout = Number(process.env.KEEP_ALIVE_TIMEOUT) * 1000;
if (process.env.HEADERS_TIMEOUT) server.headersTimeout = Number(process.env.HEADERS_TIMEOUT) * 1000;

server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

// As adapter-node: stop accepting, let requests in flight finish, then tell the app (the hooks stop
// the delivery worker on 'sveltekit:shutdown'); connections still open after SHUTDOWN_TIMEOUT are cut.
/** @type {NodeJS.Timeout | undefined} */
let shutdownTimer;
/** @param {string} reason */
function shutDown(reason) {
	if (shutdownTimer) return;
	server.closeIdleConnections();
	server.close((error) => {
		if (error) return;
		clearTimeout(shutdownTimer);
		/** @type {any} */ (process).emit('sveltekit:shutdown', reason);
	});
	shutdownTimer = setTimeout(() => server.closeAllConnections(), shutdownSeconds * 1000);
	shutdownTimer.unref();
}
// Keep-alive connections would hold close() open: end each one as soon as its request is done.
server.on('request', (req) => req.on('close', () => shutdownTimer && server.closeIdleConnections()));
process.on('SIGTERM', () => shutDown('SIGTERM'));
process.on('SIGINT', () => shutDown('SIGINT'));
