// Server logging that never throws and never takes the server down (issue 14): a full disk or a closed
// pipe behind stdout/stderr costs log lines, not the service. Lines that could not be written wait in a
// short queue and are written, marked as late, once the device accepts writes again.
import { writeSync } from 'node:fs';
import { format } from 'node:util';

/** Where a log stream goes: throws when the line could not be written. */
export type LogSink = (text: string) => void;

export interface Logger {
	info(...args: unknown[]): void;
	error(...args: unknown[]): void;
	/** Lines waiting for their device to accept writes again. */
	unwritten(): number;
}

const KEEP_UNWRITTEN = 200;
const RETRY_MS = 5_000;

/** Writes the whole text to a file descriptor, synchronously, as Node itself does for files. */
export function fdSink(fd: number): LogSink {
	return (text) => {
		const bytes = Buffer.from(text, 'utf8');
		for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
	};
}

export function createLogger(
	sinks: { out: LogSink; err: LogSink },
	options: { keep?: number; retryMs?: number; now?: () => Date } = {}
): Logger {
	const keep = options.keep ?? KEEP_UNWRITTEN;
	const now = options.now ?? (() => new Date());
	const queue: { sink: LogSink; text: string; at: Date }[] = [];
	let dropped = 0;
	let retry: ReturnType<typeof setTimeout> | null = null;

	const tryWrite = (sink: LogSink, text: string) => {
		try {
			sink(text);
			return true;
		} catch {
			return false;
		}
	};
	// Oldest first (the lost ones before the kept ones), stopping at the first line that still fails.
	const flush = () => {
		if (dropped) {
			if (!tryWrite(sinks.err, `[par-survey] ${dropped} dòng nhật ký bị mất (log lines lost)\n`)) return false;
			dropped = 0;
		}
		while (queue.length) {
			const { sink, text, at } = queue[0];
			if (!tryWrite(sink, `[${at.toISOString()}, ghi muộn / written late] ${text}`)) return false;
			queue.shift();
		}
		return true;
	};
	const scheduleRetry = () => {
		if (retry) return;
		retry = setTimeout(() => {
			retry = null;
			if (!flush()) scheduleRetry();
		}, options.retryMs ?? RETRY_MS);
		retry.unref?.();
	};
	const write = (sink: LogSink, args: unknown[]) => {
		let text: string;
		try {
			text = `${format(...args)}\n`;
		} catch {
			text = '[par-survey] (dòng nhật ký không định dạng được / unformattable log line)\n';
		}
		if (flush() && tryWrite(sink, text)) return;
		queue.push({ sink, text, at: now() });
		if (queue.length > keep) {
			queue.shift();
			dropped++;
		}
		scheduleRetry();
	};
	return {
		info: (...args) => write(sinks.out, args),
		error: (...args) => write(sinks.err, args),
		unwritten: () => queue.length
	};
}

const serverLog = createLogger({ out: fdSink(1), err: fdSink(2) });

/** A problem for the operator, on stderr. Never throws. */
export const logError = (...args: unknown[]): void => serverLog.error(...args);
/** Information for the operator, on stdout. Never throws. */
export const logInfo = (...args: unknown[]): void => serverLog.info(...args);

const guarded = new WeakSet<NodeJS.EventEmitter>();

/**
 * An 'error' event with no listener kills the process: an ENOSPC or EPIPE on stdout/stderr (from any
 * console call, ours or a library's) must only cost that line. Installed once at server start.
 */
export function guardLogStreams(
	streams: NodeJS.EventEmitter[] = [process.stdout, process.stderr],
	onError: (error: unknown) => void = () => {}
): void {
	for (const stream of streams) {
		if (guarded.has(stream)) continue;
		guarded.add(stream);
		stream.on('error', (error) => {
			try {
				onError(error);
			} catch {
				// Nothing to do: the guard itself must not throw.
			}
		});
	}
}
