// What `src/serve.js` adds to every response adapter-node writes, static files included (they are
// served before the hooks run): the security headers, a utf-8 charset on text, and brotli or gzip
// compression by the `compression` middleware. Plain JavaScript: node runs it without a build step.
import zlib from 'node:zlib';
import compression from 'compression';
import onHeaders from 'on-headers';
import { securityHeaders } from './security-headers.js';

/** Text types whose charset must be explicit (ASVS 4.1.1). */
const TEXT_TYPE = /^(text\/[\w.+-]+|application\/(javascript|json|xml|[\w.-]+\+(json|xml))|image\/svg\+xml)\s*(;|$)/i;
/** Brotli's default (11) is meant for build time; 5 is as fast as gzip and still smaller. */
const BROTLI_QUALITY = 5;
/** No body (204, 304), or a byte range whose offsets count the plain bytes (206). */
const NEVER_COMPRESSED = new Set([204, 206, 304]);

/**
 * @typedef {import('node:http').IncomingMessage} Req
 * @typedef {import('node:http').ServerResponse & { flush?: () => void }} Res
 */

/**
 * A middleware, `(req, res, next)`, that dresses every response before `next` writes it: the
 * security headers (unless the handler set its own), a charset on text, and compression when the
 * client accepts it (brotli first; never HEAD, tiny, already encoded or no-transform bodies).
 * @param {{ https: boolean }} options whether the public origin is https (then HSTS too)
 * @returns {(req: Req, res: Res, next: () => void) => void}
 */
export function dressResponses({ https }) {
	const headers = securityHeaders(https);
	const compress = compression({
		brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
		filter: (req, res) => !NEVER_COMPRESSED.has(res.statusCode) && compression.filter(req, res)
	});
	return (req, res, next) =>
		compress(req, res, () => {
			// Registered after compression's own hook, so it runs first: the filter sees the final type.
			onHeaders(res, () => completeHeaders(res, headers));
			flushEachTick(res);
			waitForDrainOnce(res);
			next();
		});
}

/**
 * @param {Res} res
 * @param {[string, string][]} headers
 */
function completeHeaders(res, headers) {
	for (const [name, value] of headers) if (!res.hasHeader(name)) res.setHeader(name, value);
	const type = String(res.getHeader('content-type') ?? '');
	if (TEXT_TYPE.test(type) && !/;\s*charset=/i.test(type)) res.setHeader('content-type', `${type}; charset=utf-8`);
}

/**
 * The compressor holds output back until it has a block's worth: flush what one tick wrote, so a
 * streamed page shows each part as SvelteKit sends it, and a slow download keeps moving.
 * @param {Res} res
 */
function flushEachTick(res) {
	const write = res.write;
	let queued = false;
	/** @type {any} */ (res).write = function (/** @type {any[]} */ ...args) {
		if (!queued) {
			queued = true;
			setImmediate(() => {
				queued = false;
				if (!res.destroyed) res.flush?.();
			});
		}
		return write.apply(res, /** @type {any} */ (args));
	};
}

/**
 * SvelteKit waits with `res.once('drain')`, which compression hands to its compressor, where node's
 * once-wrapper cannot remove itself (expressjs/compression#135): every wait would stay registered.
 * Remove it from the emitter it was really added to, which calls it as `this`.
 * @param {Res} res
 */
function waitForDrainOnce(res) {
	const once = res.once;
	/** @type {any} */ (res).once = function (/** @type {string | symbol} */ event, /** @type {Function} */ listener) {
		if (event !== 'drain') return once.call(res, event, /** @type {any} */ (listener));
		/** @this {NodeJS.EventEmitter} @param {any[]} args */
		function drained(...args) {
			this.removeListener('drain', drained);
			listener.apply(this, args);
		}
		return res.on('drain', drained);
	};
}
