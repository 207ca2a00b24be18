// A person's own open sessions (/account, ASVS 7.5.2): list them and end the others. Sessions are named
// by their random `handle`, never by id (half of the cookie); every query is scoped to the owner, so a
// handle of someone else's session matches nothing and ends nothing.
import { message, type Message, type Result, ok, refuse } from '$lib/domain/message';
import type { Db } from '../db/open';
import { appendAuditEvent, staffActor, type RequestMeta } from '../audit';
import { nowSeconds } from '../time';
import { DEFAULT_IDLE_TIMEOUT } from './session';

export interface OwnSession {
	handle: string | null;
	current: boolean;
	ip: string | null;
	userAgent: string | null;
	signedInAt: number;
	lastSeenAt: number;
}

type Owner = { id: number; username: string };

/** The person's sessions still alive (neither idle nor past their lifetime), the current one first. */
export async function listOwnSessions(
	db: Db,
	userId: number,
	currentSessionId: string | null,
	idleTimeout = DEFAULT_IDLE_TIMEOUT,
	now = nowSeconds()
): Promise<OwnSession[]> {
	const rows = await db
		.selectFrom('staff_session')
		.select(['id', 'handle', 'ip', 'user_agent', 'created_at', 'last_seen_at'])
		.where('user_id', '=', userId)
		.where('expires_at', '>', now)
		.where('last_seen_at', '>', now - idleTimeout)
		.orderBy('last_seen_at', 'desc')
		.orderBy('created_at', 'desc')
		.execute();
	const sessions = rows.map((r) => ({
		handle: r.handle,
		current: r.id === currentSessionId,
		ip: r.ip,
		userAgent: r.user_agent,
		signedInAt: r.created_at,
		lastSeenAt: r.last_seen_at
	}));
	return [...sessions.filter((s) => s.current), ...sessions.filter((s) => !s.current)];
}

const NOT_FOUND: Message = message('account.sessionNotFound');

/** Ends one other session of the person, audited in the same transaction; the current one stays. */
export async function endOwnSession(
	db: Db,
	owner: Owner,
	currentSessionId: string,
	handle: string,
	meta: RequestMeta
): Promise<Result> {
	return db.transaction().execute(async (trx) => {
		const ended = await trx
			.deleteFrom('staff_session')
			.where('handle', '=', handle)
			.where('user_id', '=', owner.id)
			.where('id', '!=', currentSessionId)
			.executeTakeFirst();
		if (Number(ended.numDeletedRows) === 0) return refuse(NOT_FOUND);
		await appendAuditEvent(trx, {
			actor: staffActor(owner),
			action: 'auth.session_ended',
			subject: { type: 'staff_user', id: owner.id },
			meta,
			payload: { count: 1 }
		});
		return ok(undefined);
	});
}

/** Ends every live session of the person but the current one, audited with how many ended. */
export async function endOtherSessions(
	db: Db,
	owner: Owner,
	currentSessionId: string,
	meta: RequestMeta,
	idleTimeout = DEFAULT_IDLE_TIMEOUT,
	now = nowSeconds()
): Promise<Result<number>> {
	return db.transaction().execute(async (trx) => {
		// Only the ones the list showed: dead sessions are maintenance's to sweep, not a count to report.
		const ended = await trx
			.deleteFrom('staff_session')
			.where('user_id', '=', owner.id)
			.where('id', '!=', currentSessionId)
			.where('expires_at', '>', now)
			.where('last_seen_at', '>', now - idleTimeout)
			.executeTakeFirst();
		const count = Number(ended.numDeletedRows);
		if (count === 0) return refuse(message('account.noOtherSessions'));
		await appendAuditEvent(trx, {
			actor: staffActor(owner),
			action: 'auth.sessions_ended_others',
			subject: { type: 'staff_user', id: owner.id },
			meta,
			payload: { count }
		});
		return ok(count);
	});
}
