// Staff sessions the Lucia way (lucia-auth.com/sessions): a token "id.secret", where only
// SHA-256(secret) is stored, compared in constant time. Idle timeout plus an absolute lifetime.
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Role } from '$lib/domain/roles';
import type { Db } from '../db/open';
import type { RequestMeta } from '../audit';
import { nowSeconds } from '../time';

export const ABSOLUTE_LIFETIME = 12 * 60 * 60;
export const DEFAULT_IDLE_TIMEOUT = 30 * 60;
// Writing last_seen_at on every request would turn each page view into a write.
const TOUCH_INTERVAL = 60;

export interface StaffSession {
	id: string;
	userId: number;
	twoFactorVerified: boolean;
	createdAt: number;
	lastSeenAt: number;
	expiresAt: number;
}

export interface SessionUser {
	id: number;
	username: string;
	displayName: string;
	role: Role;
	unitId: number | null;
	totpEnabled: boolean;
}

function randomToken(): string {
	// 20 random bytes = 160 bits, above the 128-bit floor of docs/security.md.
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

/** The opaque name of a session in its owner's list: 128 random bits, unrelated to the token. */
function randomHandle(): string {
	return encodeHexLowerCase(crypto.getRandomValues(new Uint8Array(16)));
}

function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

export async function createSession(
	db: Db,
	userId: number,
	options: { twoFactorVerified: boolean; meta: RequestMeta },
	now = nowSeconds()
): Promise<{ token: string; session: StaffSession }> {
	const id = randomToken();
	const secret = randomToken();
	const session: StaffSession = {
		id,
		userId,
		twoFactorVerified: options.twoFactorVerified,
		createdAt: now,
		lastSeenAt: now,
		expiresAt: now + ABSOLUTE_LIFETIME
	};
	await db
		.insertInto('staff_session')
		.values({
			id,
			secret_hash: encodeHexLowerCase(hashSecret(secret)),
			user_id: userId,
			two_factor_verified: options.twoFactorVerified ? 1 : 0,
			created_at: now,
			last_seen_at: now,
			expires_at: session.expiresAt,
			ip: options.meta.ip,
			user_agent: options.meta.userAgent?.slice(0, 512) ?? null,
			handle: randomHandle()
		})
		.execute();
	return { token: `${id}.${secret}`, session };
}

export type SessionValidation = { session: StaffSession; user: SessionUser } | { session: null; user: null };
const NONE: SessionValidation = { session: null, user: null };

export async function validateSessionToken(
	db: Db,
	token: string,
	idleTimeout = DEFAULT_IDLE_TIMEOUT,
	now = nowSeconds()
): Promise<SessionValidation> {
	const parts = token.split('.');
	if (parts.length !== 2 || !/^[a-z2-7]{32}$/.test(parts[0]) || !/^[a-z2-7]{32}$/.test(parts[1])) return NONE;
	const [id, secret] = parts;
	const row = await db
		.selectFrom('staff_session')
		.innerJoin('staff_user', 'staff_user.id', 'staff_session.user_id')
		.select([
			'staff_session.id',
			'staff_session.secret_hash',
			'staff_session.user_id',
			'staff_session.two_factor_verified',
			'staff_session.created_at',
			'staff_session.last_seen_at',
			'staff_session.expires_at',
			'staff_user.username',
			'staff_user.display_name',
			'staff_user.role',
			'staff_user.unit_id',
			'staff_user.totp_key_enc',
			'staff_user.disabled_at'
		])
		.where('staff_session.id', '=', id)
		.executeTakeFirst();
	if (!row) return NONE;
	const stored = Uint8Array.from(Buffer.from(row.secret_hash, 'hex'));
	if (!constantTimeEqual(hashSecret(secret), stored)) return NONE;
	if (now >= row.expires_at || now - row.last_seen_at >= idleTimeout || row.disabled_at !== null) {
		await invalidateSession(db, id);
		return NONE;
	}
	let lastSeenAt = row.last_seen_at;
	if (now - lastSeenAt >= TOUCH_INTERVAL) {
		lastSeenAt = now;
		await db.updateTable('staff_session').set({ last_seen_at: now }).where('id', '=', id).execute();
	}
	return {
		session: {
			id,
			userId: row.user_id,
			twoFactorVerified: row.two_factor_verified === 1,
			createdAt: row.created_at,
			lastSeenAt,
			expiresAt: row.expires_at
		},
		user: {
			id: row.user_id,
			username: row.username,
			displayName: row.display_name,
			role: row.role,
			unitId: row.unit_id,
			totpEnabled: row.totp_key_enc !== null
		}
	};
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.deleteFrom('staff_session').where('id', '=', sessionId).execute();
}

export async function invalidateUserSessions(db: Db, userId: number): Promise<void> {
	await db.deleteFrom('staff_session').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db, idleTimeout = DEFAULT_IDLE_TIMEOUT, now = nowSeconds()) {
	await db
		.deleteFrom('staff_session')
		.where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', now - idleTimeout)]))
		.execute();
}
