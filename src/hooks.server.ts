import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { deleteSessionCookie, sessionCookieName } from '$lib/server/auth/cookie';
import { secondFactorStep } from '$lib/server/auth/second-factor';
import { validateSessionToken } from '$lib/server/auth/session';
import { readSettings } from '$lib/server/admin/settings';
import { issueSetupTokenIfNeeded } from '$lib/server/admin/setup';
import { startWorker, stopWorker } from '$lib/server/delivery/worker';
import { startProcessJobs } from '$lib/server/cluster/jobs';
import { securityHeaders } from '$lib/server/http/security-headers';
import { auditCrossSiteRefusal } from '$lib/server/http/cross-site';
import { compressResponses } from '$lib/server/http/compress';
import { answerStorageFaults, logFailure, storageFaultError } from '$lib/server/http/faults';
import { guardLogStreams, logError, logInfo } from '$lib/server/log';

export const init: ServerInit = async () => {
	// First: a full disk or a closed pipe behind stdout/stderr must not end the process.
	guardLogStreams();
	const app = await getApp();
	// Heartbeat, maintenance and (not while `vite build` analyses or prerenders) scheduled reminders.
	const jobs = await startProcessJobs(app, { reminders: !building });
	// Only a real server sends messages.
	if (!building) {
		await startWorker(app, { processId: app.processId, sharedBy: jobs.liveProcesses });
		// adapter-node emits this on SIGTERM/SIGINT once requests are done: let messages in flight finish.
		process.once('sveltekit:shutdown', () => void stopWorker().finally(() => jobs.stop()));
	}
	// One setup link, from one process.
	if (app.demo || !(await jobs.isLeader())) return;
	const token = await issueSetupTokenIfNeeded(app.db);
	if (token) {
		const origin = app.config.origin ?? `http://localhost:${process.env.PORT ?? 3000}`;
		logInfo(
			`[par-survey] No administrator yet. Open this one-time link to create one (valid 24 h):\n  ${origin}/setup/${token}`
		);
	}
};

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Under Referrer-Policy: no-referrer a browser sends "Origin: null" on its own same-origin form
// posts; Sec-Fetch-Site, which page scripts cannot set, then tells whether the post is ours.
function isSameOrigin(event: RequestEvent): boolean {
	const origin = event.request.headers.get('origin');
	if (origin === event.url.origin) return true;
	return origin === 'null' && event.request.headers.get('sec-fetch-site') === 'same-origin';
}

// Every state-changing request must come from our own pages: SvelteKit's check covers forms only.
const checkOrigin: Handle = async ({ event, resolve }) => {
	if (UNSAFE_METHODS.has(event.request.method) && !isSameOrigin(event)) {
		// Audited (a few events a minute at most); a failing write must not turn the refusal into a 500.
		await auditCrossSiteRefusal(event).catch((e) => logFailure('audit of a cross-site refusal failed', e));
		const message =
			'Yêu cầu bị từ chối: biểu mẫu được gửi từ một trang web khác. (Request refused: cross-site submission.)';
		const json = (event.request.headers.get('accept') ?? '').includes('application/json');
		return json
			? new Response(JSON.stringify({ type: 'error', error: { message } }), {
					status: 403,
					headers: { 'content-type': 'application/json' }
				})
			: new Response(message, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	}
	return resolve(event);
};

const authenticate: Handle = async ({ event, resolve }) => {
	const app = await getApp();
	const lang = event.cookies.get('lang');
	event.locals.locale = isLocale(lang) ? lang : 'vi';
	event.locals.demo = app.demo;
	event.locals.user = null;
	event.locals.session = null;
	event.locals.secondFactor = 'none';
	const token = event.cookies.get(sessionCookieName(event.url));
	if (token) {
		const settings = await readSettings(app.db);
		const { session, user } = await validateSessionToken(app.db, token, settings.session_idle_minutes * 60);
		if (session) {
			event.locals.session = session;
			event.locals.user = user;
			event.locals.secondFactor = secondFactorStep(user, session, {
				demo: app.demo,
				requireForAllStaff: settings.require_totp_all_staff
			});
		} else {
			deleteSessionCookie(event.cookies, event.url);
		}
	}
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%par.lang%', event.locals.locale)
	});
};

const secureHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	// The same list src/serve.js puts on static files, which never reach this hook.
	for (const [name, value] of securityHeaders(event.url.protocol === 'https:')) h.set(name, value);
	// Pages of signed-in staff must not linger in shared caches or the back button.
	if (event.locals.user && !h.has('cache-control')) h.set('Cache-Control', 'no-store');
	return response;
};

export const handle = sequence(compressResponses, secureHeaders, answerStorageFaults, checkOrigin, authenticate);

export const handleError: HandleServerError = ({ error, event, status }) => {
	// A full or failing disk: logged plainly once, answered 503 by answerStorageFaults.
	const fault = storageFaultError(error, event);
	if (fault) return fault;
	const id = crypto.randomUUID();
	// The route id, never the path: respondent paths carry personal tokens.
	if (status !== 404)
		logError(`[par-survey] error ${id} on ${event.request.method} ${event.route.id ?? '(no route)'}:`, error);
	return { message: status === 404 ? 'error.notFound' : 'error.unexpected', id };
};
