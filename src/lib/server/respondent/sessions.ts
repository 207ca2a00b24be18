// Respondent sessions, the Lucia way like staff sessions ("id.secret", SHA-256 of the secret
// stored): bound to one invitation and one device; "verified" only after a one-time code.
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeHex, encodeHexLowerCase } from '@oslojs/encoding';
import type { CampaignState } from '$lib/domain/campaign';
import type { Db } from '../db/open';
import { nowSeconds } from '../time';
import { randomToken } from './cookies';

export const SESSION_LIFETIME = 12 * 60 * 60;
// Long enough to read and answer a questionnaire; answers are in the browser, not here.
export const SESSION_IDLE = 2 * 60 * 60;
/** A credential needs a code entered within the last hour (docs/integrity.md step 6). */
export const VERIFICATION_FRESHNESS = 60 * 60;
const TOUCH_INTERVAL = 60;

const hashSecret = (secret: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));

export interface RespondentContext {
	sessionId: string;
	deviceHash: string;
	verifiedAt: number | null;
	invitation: {
		id: number;
		status: 'active' | 'revoked';
		attestation: 'personal' | 'assisted' | null;
		credentialAt: number | null;
		lockedUntil: number | null;
		failedCodes: number;
	};
	person: {
		id: number;
		fullName: string;
		email: string | null;
		phone: string | null;
		unitId: number;
		groupId: number;
		cellId: number | null;
	};
	campaign: { id: number; slug: string; title: string; state: CampaignState; closesOn: string | null };
}

export async function createRespondentSession(
	db: Db,
	invitationId: number,
	deviceHash: string,
	now = nowSeconds(),
	linkId: number | null = null
): Promise<{ token: string; expiresAt: number }> {
	const id = randomToken();
	const secret = randomToken();
	const expiresAt = now + SESSION_LIFETIME;
	await db
		.insertInto('respondent_session')
		.values({
			id,
			secret_hash: hashSecret(secret),
			invitation_id: invitationId,
			device_hash: deviceHash,
			created_at: now,
			last_seen_at: now,
			expires_at: expiresAt,
			verified_at: null,
			link_id: linkId
		})
		.execute();
	return { token: `${id}.${secret}`, expiresAt };
}

export async function validateRespondentSession(
	db: Db,
	token: string,
	now = nowSeconds()
): Promise<RespondentContext | null> {
	const [id, secret] = token.split('.');
	if (!id || !secret || token.length > 100) return null;
	const row = await db
		.selectFrom('respondent_session as s')
		.innerJoin('invitation as i', 'i.id', 's.invitation_id')
		.innerJoin('person as p', 'p.id', 'i.person_id')
		.innerJoin('campaign as c', 'c.id', 'i.campaign_id')
		.select([
			's.id',
			's.secret_hash',
			's.device_hash',
			's.verified_at',
			's.last_seen_at',
			's.expires_at',
			'i.id as invitation_id',
			'i.status',
			'i.attestation',
			'i.credential_at',
			'i.locked_until',
			'i.failed_codes',
			'p.id as person_id',
			'p.full_name',
			'p.email',
			'p.phone',
			'p.unit_id',
			'p.group_id',
			'p.cell_id',
			'c.id as campaign_id',
			'c.slug',
			'c.title',
			'c.state',
			'c.closes_on'
		])
		.where('s.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	if (!constantTimeEqual(decodeHex(row.secret_hash), decodeHex(hashSecret(secret)))) return null;
	if (now >= row.expires_at || now - row.last_seen_at >= SESSION_IDLE || row.status !== 'active') {
		await db.deleteFrom('respondent_session').where('id', '=', id).execute();
		return null;
	}
	if (now - row.last_seen_at >= TOUCH_INTERVAL) {
		await db.updateTable('respondent_session').set({ last_seen_at: now }).where('id', '=', id).execute();
	}
	return {
		sessionId: row.id,
		deviceHash: row.device_hash,
		verifiedAt: row.verified_at,
		invitation: {
			id: row.invitation_id,
			status: row.status,
			attestation: row.attestation,
			credentialAt: row.credential_at,
			lockedUntil: row.locked_until,
			failedCodes: row.failed_codes
		},
		person: {
			id: row.person_id,
			fullName: row.full_name,
			email: row.email,
			phone: row.phone,
			unitId: row.unit_id,
			groupId: row.group_id,
			cellId: row.cell_id
		},
		campaign: { id: row.campaign_id, slug: row.slug, title: row.title, state: row.state, closesOn: row.closes_on }
	};
}

export function isFreshlyVerified(ctx: Pick<RespondentContext, 'verifiedAt'>, now = nowSeconds()): boolean {
	return ctx.verifiedAt !== null && now - ctx.verifiedAt < VERIFICATION_FRESHNESS;
}

export async function deleteRespondentSession(db: Db, sessionId: string): Promise<void> {
	await db.deleteFrom('respondent_session').where('id', '=', sessionId).execute();
}

export async function deleteExpiredRespondentSessions(db: Db, now = nowSeconds()): Promise<void> {
	await db
		.deleteFrom('respondent_session')
		.where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', now - SESSION_IDLE)]))
		.execute();
}
