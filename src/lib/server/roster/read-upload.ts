// Reads and validates an uploaded roster. Parsing 100,000 rows makes ~100 MiB of short-lived garbage around a
// live set of ~40 MiB, and V8 lets a heap grow to up to 4× its live size before collecting it (more on a busy
// machine): the server's peak reached 330–360 MiB, and the confirm step grew it further on top of what the
// upload left. A full collection every COLLECT_EVERY rows keeps the heap near its live size (~1 s more for 100,000 rows).
import { validateRosterStream, type ImportIssue, type RosterContext, type RosterPerson } from '$lib/domain/roster';
import { readTable, TableFileError } from '../files/tabular-file';
import { collectGarbage } from '../collect-garbage';
import { StagedPeople, type StagedBlock } from './staged-people';

export const COLLECT_EVERY = 20_000;

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

export async function readRosterUpload(
	file: Buffer,
	context: RosterContext,
	sampleRows: number,
	blockSize: number
): Promise<UploadOutcome> {
	const staged = new StagedPeople(blockSize);
	const sample: RosterPerson[] = [];
	try {
		const report = await validateRosterStream(collectingEvery(COLLECT_EVERY, readTable(file)), context, {
			onPerson(person) {
				if (sample.length < sampleRows) sample.push(person);
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

/** The rows as they come, with a full collection after every `n` of them and after the last of a large file. */
async function* collectingEvery<T>(n: number, rows: AsyncIterable<T>): AsyncGenerator<T> {
	let count = 0;
	for await (const row of rows) {
		if (++count % n === 0) collectGarbage();
		yield row;
	}
	if (count >= n) collectGarbage();
}
