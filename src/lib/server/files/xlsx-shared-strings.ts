// exceljs's cache of an XLSX's shared strings, kept as UTF-8 in one growing buffer: a 100,000-row roster has
// some 400,000 of them, which as JS strings weigh twice as much and sit on the heap the whole read long.
import type ExcelJS from 'exceljs';
import { collectGarbage } from '../collect-garbage';

// Reading them makes much short-lived garbage (XML events) and no rows yet: a full collection every so
// many keeps the heap near its live size (see roster/read-upload.ts).
const COLLECT_EVERY = 100_000;

export class CompactSharedStrings {
	#bytes: Buffer = Buffer.allocUnsafe(1 << 16);
	#ends = new Uint32Array(1 << 12);
	#count = 0;
	/** Rich text, empty or odd entries, by index: rare, kept as exceljs made them. */
	#other = new Map<number, unknown>();
	/** Strings asked for more than once (a group, a position, a unit code on every row): one copy each. */
	#seen = new Uint8Array(0);
	#repeated = new Map<number, string>();

	push(value: unknown): number {
		const index = this.#count;
		const start = index === 0 ? 0 : this.#ends[index - 1];
		let end = start;
		if (typeof value === 'string' && value !== '') {
			const needed = start + Buffer.byteLength(value);
			if (needed > this.#bytes.length) this.#bytes = grow(this.#bytes, needed);
			end = start + this.#bytes.write(value, start);
		} else this.#other.set(index, value);
		if (index === this.#ends.length) {
			const ends = new Uint32Array(this.#ends.length * 2);
			ends.set(this.#ends);
			this.#ends = ends;
		}
		this.#ends[index] = end;
		if ((index + 1) % COLLECT_EVERY === 0) collectGarbage();
		return ++this.#count;
	}

	get(index: number): unknown {
		if (!(index >= 0 && index < this.#count)) return undefined;
		if (this.#other.has(index)) return this.#other.get(index);
		const known = this.#repeated.get(index);
		if (known !== undefined) return known;
		const text = this.#bytes.toString('utf8', index === 0 ? 0 : this.#ends[index - 1], this.#ends[index]);
		if (this.#seen.length < this.#count) {
			const seen = new Uint8Array(this.#count);
			seen.set(this.#seen);
			this.#seen = seen;
		}
		if (this.#seen[index]++ > 0) this.#repeated.set(index, text);
		return text;
	}
}

function grow(bytes: Buffer, needed: number): Buffer {
	const bigger = Buffer.allocUnsafe(Math.max(needed, bytes.length * 2));
	bytes.copy(bigger);
	return bigger;
}

/**
 * Puts `store` in the place of exceljs's own cache (workbook-reader.js: `this.sharedStrings = []`, then
 * `.push(...)` for each string and `sharedStrings[index]` for each cell), before the reader starts.
 */
export function useCompactSharedStrings(workbook: ExcelJS.stream.xlsx.WorkbookReader, store: CompactSharedStrings) {
	const view = new Proxy(store, {
		get(target, key) {
			if (key === 'push') return (value: unknown) => target.push(value);
			return typeof key === 'string' && /^\d+$/.test(key) ? target.get(Number(key)) : undefined;
		}
	});
	Object.defineProperty(workbook, 'sharedStrings', { get: () => view, set: () => {}, configurable: true });
}
