// The respondent behind a request, from the respondent session cookie; null without a live session.
import type { RequestEvent } from '@sveltejs/kit';
import { getApp } from '../app';
import { deleteRespondentCookie, respondentCookieName } from './cookies';
import { validateRespondentSession, type RespondentContext } from './sessions';

export async function respondentFromEvent(event: RequestEvent): Promise<RespondentContext | null> {
	const token = event.cookies.get(respondentCookieName(event.url));
	if (!token) return null;
	const { db } = await getApp();
	const ctx = await validateRespondentSession(db, token);
	if (!ctx) deleteRespondentCookie(event.cookies, event.url);
	return ctx;
}
