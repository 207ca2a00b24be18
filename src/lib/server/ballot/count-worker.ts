// The campaign's total of sheets (count.ts) counted on a worker thread. Counting walks an index entry per
// sheet: 53 ms at 520,000 sheets, during which the main thread would serve no one (issue 16: a poll never
// blocks the process more than 50 ms). The worker opens the same file read-only, runs the same two counts and
// answers with one number; the main thread only awaits. Nothing but that total leaves the worker: no row, no
// column, no order, and nothing is written anywhere.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { databaseFileOf, whenDatabaseDestroyed, type Db } from '../db/open';
import { countSheets } from './count';

/** A count that never answers (a hung worker) is given up after this long and done in the thread. */
const ANSWER_WITHIN_MS = 60_000;

// CommonJS run with `eval`: no file for Vite to bundle or for the built server to find, so it loads the same in
// Vitest, tsx and `node build`. better-sqlite3 comes from the path the main thread resolved.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const sealed = db.prepare('select count(*) as n from sealed_sheet where campaign_id = ?').pluck();
const opened = db.prepare('select count(*) as n from opened_sheet where campaign_id = ?').pluck();
// One read transaction: both stores from one snapshot, so a sheet moved by an opening counts once.
const count = db.transaction((campaignId) => sealed.get(campaignId) + opened.get(campaignId));
parentPort.on('message', ({ id, campaignId }) => {
	try {
		parentPort.postMessage({ id, n: Number(count(campaignId)) });
	} catch (e) {
		parentPort.postMessage({ id, error: String((e && e.message) || e) });
	}
});
`;

type Answer = { id: number; n: number } | { id: number; error: string };

/** One worker on one database file, answering counts in the order asked. */
class SheetCounter {
	readonly #worker: Worker;
	readonly #waiting = new Map<number, { resolve: (n: number) => void; reject: (e: Error) => void }>();
	#next = 0;
	#ended = false;
	readonly #onEnd: () => void;

	constructor(file: string, onEnd: () => void) {
		this.#onEnd = onEnd;
		const driver = createRequire(import.meta.url).resolve('better-sqlite3');
		this.#worker = new Worker(SOURCE, { eval: true, workerData: { file, driver } });
		// Idle, it never keeps the process alive; Node ends it with the process.
		this.#worker.unref();
		this.#worker.on('message', (a: Answer) => this.#answer(a));
		this.#worker.on('error', (e) => this.end(e));
		this.#worker.on('exit', (code) => this.end(new Error(`sheet counter exited (${code})`)));
	}

	count(campaignId: number): Promise<number> {
		if (this.#ended) return Promise.reject(new Error('sheet counter ended'));
		const id = this.#next++;
		return new Promise<number>((resolve, reject) => {
			const timer = setTimeout(() => this.end(new Error('sheet counter did not answer')), ANSWER_WITHIN_MS);
			timer.unref();
			const settle =
				<T>(f: (v: T) => void) =>
				(v: T) => {
					clearTimeout(timer);
					this.#waiting.delete(id);
					// While a count is awaited the worker keeps the process alive, so a script awaiting it is not cut short.
					if (this.#waiting.size === 0) this.#worker.unref();
					f(v);
				};
			this.#waiting.set(id, { resolve: settle(resolve), reject: settle(reject) });
			this.#worker.ref();
			this.#worker.postMessage({ id, campaignId });
		});
	}

	/** Stops the worker and fails what it still owed; the next count starts another. */
	end(cause: Error = new Error('sheet counter ended')): void {
		if (this.#ended) return;
		this.#ended = true;
		this.#onEnd();
		for (const { reject } of [...this.#waiting.values()]) reject(cause);
		void this.#worker.terminate();
	}

	#answer(a: Answer) {
		const waiting = this.#waiting.get(a.id);
		if (!waiting) return;
		if ('error' in a) waiting.reject(new Error(a.error));
		else waiting.resolve(a.n);
	}
}

const counters = new WeakMap<Db, SheetCounter>();

function counterFor(db: Db, file: string): SheetCounter {
	let counter = counters.get(db);
	if (!counter) {
		const started = new SheetCounter(file, () => {
			if (counters.get(db) === started) counters.delete(db);
		});
		counters.set(db, (counter = started));
		whenDatabaseDestroyed(db, () => started.end());
	}
	return counter;
}

/**
 * countSheets, off the main thread when the handle has a file. In the thread instead, exactly as count.ts does,
 * for a database in memory (a second connection cannot see it; only tests and throwaway rounds use one, small)
 * and when the worker cannot start or fails (one slow count is better than no total; the next one retries).
 */
export async function countSheetsOffThread(db: Db, campaignId: number): Promise<number> {
	const file = databaseFileOf(db);
	if (file === null) return countSheets(db, campaignId);
	let counter: SheetCounter | undefined;
	try {
		counter = counterFor(db, file);
		return await counter.count(campaignId);
	} catch (e) {
		counter?.end();
		console.warn(`Đếm phiếu ngoài luồng chính thất bại, đếm trong luồng (off-thread sheet count failed): ${e}`);
		return countSheets(db, campaignId);
	}
}
