// Each step of signing in or out swaps the browser's session for a fresh one (docs/security.md):
// a token from before a step is never reused after it.
import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db/open';
import { appendAuditEvent, staffActor, type RequestMeta } from '../audit';
import { deleteSessionCookie, setSessionCookie } from './cookie';
import { createSession, invalidateSession } from './session';

type Browser = { cookies: Cookies; url: URL };

/** Ends the old session (if any), opens a new one and hands its cookie to the browser. */
export async function renewSession(
	db: Db,
	browser: Browser,
	previousSessionId: string | null,
	userId: number,
	options: { twoFactorVerified: boolean; meta: RequestMeta }
): Promise<void> {
	if (previousSessionId) await invalidateSession(db, previousSessionId);
	const { token, session } = await createSession(db, userId, options);
	setSessionCookie(browser.cookies, browser.url, token, session.expiresAt);
}

/** Ends the session with its audit event in one transaction, then clears the cookie. */
export async function signOut(
	db: Db,
	browser: Browser,
	signedIn: { user: { id: number; username: string }; sessionId: string } | null,
	meta: RequestMeta
): Promise<void> {
	if (signedIn) {
		const { user, sessionId } = signedIn;
		await db.transaction().execute(async (trx) => {
			await invalidateSession(trx, sessionId);
			await appendAuditEvent(trx, {
				actor: staffActor(user),
				action: 'auth.logout',
				subject: { type: 'staff_user', id: user.id },
				meta
			});
		});
	}
	deleteSessionCookie(browser.cookies, browser.url);
}
