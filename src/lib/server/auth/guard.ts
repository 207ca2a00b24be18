// Authorization, called at the top of every staff load, action and endpoint (never only in a layout).
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { rolesForArea, type Area } from '$lib/domain/roles';
import { appendAuditEvent, staffActor } from '../audit';
import { getApp } from '../app';
import { requestMeta } from '../http/request';
import type { SessionUser } from './session';

export async function requireStaff(event: RequestEvent, area: Area): Promise<SessionUser> {
	const { user, secondFactor } = event.locals;
	if (!user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	if (secondFactor === 'verify') redirect(303, '/login/two-factor');
	if (secondFactor === 'enrol') redirect(303, '/account/two-factor');
	if (!rolesForArea(area).includes(user.role)) await denyAccess(event, user, area);
	return user;
}

/** Records the refusal, then answers 403: for checks finer than an area (a role, a unit scope). */
export async function denyAccess(event: RequestEvent, user: SessionUser, reason: string): Promise<never> {
	const { db } = await getApp();
	await appendAuditEvent(db, {
		actor: staffActor(user),
		action: 'access.denied',
		subject: { type: 'path', id: event.url.pathname },
		meta: requestMeta(event),
		payload: { reason, method: event.request.method }
	});
	error(403, { message: 'error.forbidden' });
}

/** A signed-in person who may still be mid sign-in (second factor pending). */
export function requireSignedIn(event: RequestEvent): SessionUser {
	if (!event.locals.user) redirect(303, '/login');
	return event.locals.user;
}
