// The worker side of read-upload.ts: reads and validates an uploaded roster; the people to stage go back as
// UTF-8 JSON in transferred buffers (staged-people.ts), the rest as plain data.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { validateRosterStream, type ImportIssue, type RosterContext, type RosterPerson } from '$lib/domain/roster';
import { readTable, TableFileError } from '../files/tabular-file';
import { StagedPeople, type StagedBlock } from './staged-people';

/** This module's own address: the worker loads it (from the build's chunk, or through tsx in tests). */
export const WORKER_URL = import.meta.url;
export const WORKER_TASK = 'par-roster-upload';

export interface UploadJob {
	task: typeof WORKER_TASK;
	file: Uint8Array;
	context: RosterContext;
	sampleRows: number;
	blockSize: number;
}

export type UploadOutcome =
	| {
			ok: true;
			errors: ImportIssue[];
			warnings: ImportIssue[];
			counts: { rows: number; valid: number; invalid: number; errors: number; warnings: number };
			/** The first people read without errors, as read. */
			sample: RosterPerson[];
			/** The people to stage: none when the file has errors. */
			staged: StagedBlock[];
	  }
	| { ok: false; error: { key: TableFileError['key']; params: TableFileError['params'] } };

async function readUpload(job: Omit<UploadJob, 'task'>): Promise<UploadOutcome> {
	const staged = new StagedPeople(job.blockSize);
	const sample: RosterPerson[] = [];
	try {
		const file = Buffer.from(job.file.buffer, job.file.byteOffset, job.file.byteLength);
		const report = await validateRosterStream(readTable(file), job.context, {
			onPerson(person) {
				if (sample.length < job.sampleRows) sample.push(person);
				staged.push(person);
			}
		});
		return {
			ok: true,
			errors: report.errors,
			warnings: report.warnings,
			counts: report.counts,
			sample,
			staged: report.counts.errors === 0 ? staged.finish().blocks : []
		};
	} catch (e) {
		if (e instanceof TableFileError) return { ok: false, error: { key: e.key, params: e.params } };
		throw e;
	}
}

if (!isMainThread && (workerData as UploadJob | null)?.task === WORKER_TASK) {
	const outcome = await readUpload(workerData as UploadJob);
	const transfer = outcome.ok ? outcome.staged.flatMap((b) => [b.lines.buffer, b.ends.buffer, b.json.buffer]) : [];
	parentPort!.postMessage(outcome, transfer as ArrayBuffer[]);
}
