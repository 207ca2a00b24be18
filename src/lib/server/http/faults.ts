// A full or failing disk is not a bug in a request: say so plainly in the log (once per episode, not once
// per request), and answer "try again in a few minutes" with 503 instead of a 500 and a stack trace.
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { logError } from '../log';

export type StorageFault = 'full' | 'io';

/** The i18n key of the answer (vi.ts/en.ts), also what the error page is given as its message. */
export const UNAVAILABLE_KEY = 'error.unavailable';
const UNAVAILABLE_VI = 'Hệ thống đang tạm thời không ghi được dữ liệu, vui lòng thử lại sau ít phút.';
const UNAVAILABLE_EN = 'The system cannot save data at the moment. Please try again in a few minutes.';
const RETRY_AFTER_SECONDS = '120';
// Faults closer together than this belong to one episode, which is logged once.
const EPISODE_QUIET_MS = 5 * 60 * 1000;

const FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);

/** 'full' for a full disk (SQLite or the file system), 'io' for a failing one, else null. */
export function storageFaultOf(error: unknown): StorageFault | null {
	for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as Error).cause, depth++) {
		const code = (e as { code?: unknown }).code;
		if (typeof code !== 'string') continue;
		if (FULL_CODES.has(code)) return 'full';
		if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'io';
	}
	return null;
}

let episode: { kind: StorageFault; lastAt: number; count: number } | null = null;

/** Logs the fault if it opens a new episode; counts it otherwise. */
export function reportStorageFault(kind: StorageFault, error: unknown, now = Date.now(), log = logError): void {
	if (episode && episode.kind === kind && now - episode.lastAt < EPISODE_QUIET_MS) {
		episode.lastAt = now;
		episode.count++;
		return;
	}
	const before = episode ? ` (${episode.count} lỗi trong đợt trước / failures in the previous episode)` : '';
	episode = { kind, lastAt: now, count: 1 };
	const detail = error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : '';
	log(
		kind === 'full'
			? `[par-survey] ĐĨA ĐẦY / DISK FULL: không ghi được dữ liệu; người dùng nhận lời "thử lại sau ít phút" (503) cho đến khi giải phóng dung lượng (the disk is full: writes are refused with 503 until space is freed) — ${detail}${before}`
			: `[par-survey] LỖI GHI ĐĨA / DISK I/O ERROR: không ghi được dữ liệu; người dùng nhận lời "thử lại sau ít phút" (503) (the disk failed a read or write: check the device) — ${detail}${before}`
	);
}

/** True (and reported, once per episode) when the error is a storage fault: the caller logs nothing more. */
export function reportIfStorageFault(error: unknown): boolean {
	const kind = storageFaultOf(error);
	if (kind) reportStorageFault(kind, error);
	return kind !== null;
}

/** Logs a background task's failure: a storage fault plainly (once per episode), anything else in full. */
export function logFailure(context: string, error: unknown): void {
	if (!reportIfStorageFault(error)) logError(`[par-survey] ${context}:`, error);
}

// Requests whose error went through handleError as a storage fault, with the reference it was given.
const faulted = new WeakMap<App.Locals, string>();

/** For handleError: the App.Error of a storage fault (logged, and marked for the 503), else null. */
export function storageFaultError(error: unknown, event: RequestEvent): App.Error | null {
	const kind = storageFaultOf(error);
	if (!kind) return null;
	reportStorageFault(kind, error);
	const id = crypto.randomUUID();
	faulted.set(event.locals, id);
	return { message: UNAVAILABLE_KEY, id };
}

function unavailable(event: RequestEvent, id: string): Response {
	const headers = { 'retry-after': RETRY_AFTER_SECONDS, 'cache-control': 'no-store' };
	const wantsJson =
		event.isDataRequest ||
		event.request.headers.has('x-sveltekit-action') ||
		(event.request.headers.get('accept') ?? '').includes('application/json');
	if (wantsJson) {
		// One body for every reader: a form action (type, error), a client-side navigation (message, id),
		// and the respondent's scripts (errors[].message, shown as is).
		const message = `${UNAVAILABLE_VI} (${UNAVAILABLE_EN})`;
		const body = {
			type: 'error',
			message: UNAVAILABLE_KEY,
			id,
			error: { key: UNAVAILABLE_KEY, message: UNAVAILABLE_KEY, id },
			errors: [{ key: UNAVAILABLE_KEY, params: {}, message }]
		};
		return new Response(JSON.stringify(body), {
			status: 503,
			headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }
		});
	}
	// A page of its own: the layout's data may need the very disk that failed.
	const html = `<!doctype html>
<html lang="vi">
	<head>
		<meta charset="utf-8" />
		<meta name="viewport" content="width=device-width, initial-scale=1" />
		<title>Tạm thời không ghi được dữ liệu — PAR Survey</title>
	</head>
	<body>
		<main>
			<h1>Tạm thời không ghi được dữ liệu</h1>
			<p>${UNAVAILABLE_VI}</p>
			<p lang="en">${UNAVAILABLE_EN}</p>
			<p>Mã tham chiếu / reference: ${id}</p>
			<p><a href="">Thử lại / Try again</a></p>
		</main>
	</body>
</html>
`;
	return new Response(html, { status: 503, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
}

/** Handle: a storage fault, thrown in a hook or reported by handleError, becomes a 503 "try again". */
export const answerStorageFaults: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (error) {
		const fault = storageFaultError(error, event);
		if (!fault) throw error;
		return unavailable(event, fault.id!);
	}
	const id = faulted.get(event.locals);
	// A client-side navigation gets its load errors inside a 200 answer: replace that one too.
	if (id === undefined || (response.status < 500 && !event.isDataRequest)) return response;
	await response.body?.cancel();
	return unavailable(event, id);
};
