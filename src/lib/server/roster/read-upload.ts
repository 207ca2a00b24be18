// Reads and validates an uploaded roster in a worker thread (upload-worker.ts). In the server's own heap a
// 100,000-row XLSX left ~100 MiB of garbage that V8 let grow (up to 4× the live size between collections,
// more on a busy machine), and the confirm step then grew the heap further on top of it: the server's peak
// missed 300 MiB. A worker's heap is capped, so V8 collects it eagerly, and it is given back whole at the end.
import { Worker } from 'node:worker_threads';
import type { RosterContext } from '$lib/domain/roster';
import { TableFileError } from '../files/tabular-file';
import type { UploadJob, UploadOutcome } from './upload-worker';

// Room for the largest accepted file (20 MiB, 200,000 rows); a small heap limit is what makes V8 collect
// often. A file that exhausts it anyway is refused as unreadable instead of taking the server down.
const WORKER_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 };

export async function readRosterUpload(
	file: Buffer,
	context: RosterContext,
	sampleRows: number,
	blockSize: number
): Promise<UploadOutcome> {
	// A dynamic import: the build gives the worker's module a chunk of its own, with only what it imports.
	const { WORKER_URL, WORKER_TASK } = await import('./upload-worker');
	// The caller keeps its buffer: the worker gets a copy it owns.
	const copy = new Uint8Array(file);
	const job: UploadJob = { task: WORKER_TASK, file: copy, context, sampleRows, blockSize };
	const { entry, isCode } = workerEntry(WORKER_URL);
	const worker = new Worker(entry, {
		eval: isCode,
		workerData: job,
		transferList: [copy.buffer],
		resourceLimits: WORKER_LIMITS,
		execArgv: []
	});
	try {
		return await new Promise<UploadOutcome>((resolve, reject) => {
			worker.once('message', resolve);
			worker.once('error', (e: Error & { code?: string }) =>
				reject(
					e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new TableFileError('table.error.unreadable', {}, { cause: e }) : e
				)
			);
			worker.once('exit', (code) => reject(new Error(`roster upload worker exited (${code}) without a result`)));
		});
	} finally {
		await worker.terminate();
	}
}

/** The built chunk as it is; in tests and `vite dev` the module is TypeScript, loaded through tsx. */
function workerEntry(url: string): { entry: URL | string; isCode: boolean } {
	if (!url.endsWith('.ts')) return { entry: new URL(url), isCode: false };
	// Resolved from the working directory: tests and `vite dev` run from the project's root.
	const code = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(url)}); });`;
	return { entry: code, isCode: true };
}
