// Types for the two CommonJS packages `dress-response.js` uses, which ship none (the part we call).

declare module 'compression' {
	import type { IncomingMessage, ServerResponse } from 'node:http';
	import type { BrotliOptions, ZlibOptions } from 'node:zlib';

	type Filter = (req: IncomingMessage, res: ServerResponse) => boolean;
	interface Options extends ZlibOptions {
		brotli?: BrotliOptions;
		filter?: Filter;
		threshold?: number | string;
	}
	function compression(options?: Options): (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
	namespace compression {
		/** The default filter: compressible Content-Type (mime-db). */
		const filter: Filter;
	}
	export = compression;
}

declare module 'on-headers' {
	import type { ServerResponse } from 'node:http';

	/** Calls `listener` once, just before the status and headers are written. */
	function onHeaders(res: ServerResponse, listener: (this: ServerResponse) => void): void;
	export = onHeaders;
}
