// The people of an upload waiting to be staged, kept as the UTF-8 JSON each staging row stores, in blocks
// of one staging INSERT each: 100,000 people weigh ~20 MiB outside the heap instead of ~30 MiB of objects
// the garbage collector walks (and lets the heap grow around) until the preview is written.
import type { RosterPerson } from '$lib/domain/roster';

export interface StagedBlock {
	count: number;
	lines: Uint32Array;
	ends: Uint32Array;
	json: Uint8Array;
}

export class StagedPeople {
	readonly blocks: StagedBlock[] = [];
	#json = Buffer.alloc(0);
	#used = 0;

	constructor(readonly blockSize: number) {}

	get count(): number {
		return this.blocks.reduce((n, b) => n + b.count, 0);
	}

	push(person: RosterPerson): void {
		let block = this.blocks.at(-1);
		if (!block || block.count === this.blockSize) {
			if (block) block.json = this.#seal();
			block = {
				count: 0,
				lines: new Uint32Array(this.blockSize),
				ends: new Uint32Array(this.blockSize),
				json: this.#json
			};
			this.blocks.push(block);
			this.#json = Buffer.allocUnsafe(this.blockSize * 256);
			this.#used = 0;
		}
		const text = JSON.stringify(person);
		const needed = this.#used + Buffer.byteLength(text);
		if (needed > this.#json.length) {
			const bigger = Buffer.allocUnsafe(Math.max(needed, this.#json.length * 2));
			this.#json.copy(bigger, 0, 0, this.#used);
			this.#json = bigger;
		}
		this.#used += this.#json.write(text, this.#used);
		block.lines[block.count] = person.line;
		block.ends[block.count++] = this.#used;
		block.json = this.#json;
	}

	/** The last block's bytes, trimmed: call once every person is pushed. */
	finish(): this {
		const last = this.blocks.at(-1);
		if (last) last.json = this.#seal();
		return this;
	}

	#seal(): Uint8Array {
		const exact = new Uint8Array(this.#used);
		exact.set(this.#json.subarray(0, this.#used));
		return exact;
	}
}

/** One block as roster_staging rows. */
export function stagingRows(block: StagedBlock, importId: number) {
	const json = Buffer.from(block.json.buffer, block.json.byteOffset, block.json.byteLength);
	const rows = [];
	for (let i = 0; i < block.count; i++) {
		const start = i === 0 ? 0 : block.ends[i - 1];
		rows.push({ import_id: importId, line: block.lines[i], data: json.toString('utf8', start, block.ends[i]) });
	}
	return rows;
}
