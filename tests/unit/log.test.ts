// Logging must never take the server down (issue 14): a log device that is full, or a stream that emits
// 'error', costs lines at most; lines that could not be written are written late once space is back.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, guardLogStreams, type LogSink } from '$lib/server/log';

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

/** A log device that refuses every write while `full` is set. */
function device() {
	const state = { full: false, lines: [] as string[] };
	const sink: LogSink = (text) => {
		if (state.full) throw enospc();
		state.lines.push(text);
	};
	return { state, sink };
}

describe('the server logger', () => {
	it('never throws on a full device, and writes the kept lines late and in order once it has space', () => {
		const err = device();
		const out = device();
		const log = createLogger(
			{ out: out.sink, err: err.sink },
			{ retryMs: 60_000, now: () => new Date('2026-12-06T08:00:00Z') }
		);
		log.error('[par-survey] before');
		err.state.full = true;
		expect(() => log.error('[par-survey] during 1', new Error('boom'))).not.toThrow();
		expect(() => log.error('[par-survey] during 2')).not.toThrow();
		expect(log.unwritten()).toBe(2);
		err.state.full = false;
		log.error('[par-survey] after');
		expect(log.unwritten()).toBe(0);
		expect(err.state.lines[0]).toBe('[par-survey] before\n');
		expect(err.state.lines[1]).toMatch(
			/^\[2026-12-06T08:00:00\.000Z, ghi muộn \/ written late\] \[par-survey\] during 1 Error: boom/
		);
		expect(err.state.lines[2]).toContain('[par-survey] during 2');
		expect(err.state.lines[3]).toBe('[par-survey] after\n');
		expect(out.state.lines).toEqual([]);
	});

	it('keeps a bounded number of unwritten lines and says how many were lost', () => {
		const err = device();
		const log = createLogger({ out: err.sink, err: err.sink }, { keep: 3, retryMs: 60_000 });
		err.state.full = true;
		for (let i = 0; i < 10; i++) log.error(`line ${i}`);
		expect(log.unwritten()).toBe(3);
		err.state.full = false;
		log.info('back');
		expect(err.state.lines.map((l) => l.replace(/^\[[^\]]*written late\] /, ''))).toEqual([
			'[par-survey] 7 dòng nhật ký bị mất (log lines lost)\n',
			'line 7\n',
			'line 8\n',
			'line 9\n',
			'back\n'
		]);
	});

	it('survives a sink that throws something other than an Error, and arguments that cannot be formatted', () => {
		const log = createLogger({
			out: () => {
				throw 'EPIPE';
			},
			err: () => {
				throw enospc();
			}
		});
		const hostile = {
			[Symbol.for('nodejs.util.inspect.custom')]() {
				throw new Error('cannot inspect');
			}
		};
		expect(() => log.info('x', hostile)).not.toThrow();
		expect(() => log.error('y')).not.toThrow();
		expect(log.unwritten()).toBe(2);
	});
});

describe('guardLogStreams', () => {
	it("turns a stream's asynchronous 'error' (ENOSPC, EPIPE) into nothing worse than a lost line", async () => {
		const stream = new Writable({
			write(_chunk, _encoding, callback) {
				callback(enospc());
			}
		});
		const seen: unknown[] = [];
		guardLogStreams([stream], (e) => seen.push(e));
		guardLogStreams([stream], (e) => seen.push(e)); // installed once, however often called
		stream.write('a line\n');
		stream.write('another\n');
		await new Promise((r) => setTimeout(r, 20));
		// Without the guard, this 'error' event has no listener and ends the process.
		expect(seen).toHaveLength(1);
		expect((seen[0] as { code?: string }).code).toBe('ENOSPC');
		expect(stream.listenerCount('error')).toBe(1);
	});
});
