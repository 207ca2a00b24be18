// First run: a database with no active admin gets a one-time setup link (as Grafana and Gitea do).
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { message, type FieldErrors } from '$lib/domain/message';
import { findPasswordWeakness } from '$lib/domain/password-strength';
import type { StaffUserInput } from '$lib/domain/staff';
import type { Db } from '../db/open';
import { appendAuditEvent, type RequestMeta } from '../audit';
import { countActiveAdmins, createStaffUser } from './staff-users';
import { nowSeconds } from '../time';

const SETUP_LIFETIME = 24 * 60 * 60;

const hashToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

/** Issues a fresh setup token when there is no admin; older unused tokens stop working. */
export async function issueSetupTokenIfNeeded(db: Db, now = nowSeconds()): Promise<string | null> {
	if ((await countActiveAdmins(db)) > 0) return null;
	const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('setup_token').where('used_at', 'is', null).execute();
		await trx
			.insertInto('setup_token')
			.values({ token_hash: hashToken(token), created_at: now, expires_at: now + SETUP_LIFETIME })
			.execute();
		await appendAuditEvent(trx, { actor: { type: 'system' }, action: 'setup.token_issued' }, now);
	});
	return token;
}

export async function isSetupTokenValid(db: Db, token: string, now = nowSeconds()): Promise<boolean> {
	if (!/^[a-z2-7]{32}$/.test(token)) return false;
	const row = await db
		.selectFrom('setup_token')
		.selectAll()
		.where('token_hash', '=', hashToken(token))
		.executeTakeFirst();
	return !!row && row.used_at === null && row.expires_at > now && (await countActiveAdmins(db)) === 0;
}

export async function completeSetup(
	db: Db,
	token: string,
	input: Omit<StaffUserInput, 'role' | 'unitCode'>,
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true; id: number } | { ok: false; errors: FieldErrors }> {
	if (!(await isSetupTokenValid(db, token, now)))
		return { ok: false, errors: { form: message('error.setupTokenInvalid') } };
	const weakness = findPasswordWeakness(input.password, [input.username, input.displayName]);
	if (weakness) return { ok: false, errors: { password: weakness } };
	return db
		.transaction()
		.execute(async (trx): Promise<{ ok: true; id: number } | { ok: false; errors: FieldErrors }> => {
			// Marking the token first makes a second concurrent use find it spent.
			const spent = await trx
				.updateTable('setup_token')
				.set({ used_at: now })
				.where('token_hash', '=', hashToken(token))
				.where('used_at', 'is', null)
				.executeTakeFirst();
			if (Number(spent.numUpdatedRows) !== 1)
				return { ok: false, errors: { form: message('error.setupTokenInvalid') } };
			const created = await createStaffUser(
				trx,
				{ ...input, role: 'admin', unitCode: null },
				{ type: 'system', label: 'setup' },
				meta,
				now
			);
			if (!created.ok) throw new SetupRollback(created.errors);
			await appendAuditEvent(
				trx,
				{
					actor: { type: 'system', label: 'setup' },
					action: 'setup.completed',
					subject: { type: 'staff_user', id: created.id },
					meta
				},
				now
			);
			return created;
		})
		.catch((e) => {
			if (e instanceof SetupRollback) return { ok: false as const, errors: e.errors };
			throw e;
		});
}

class SetupRollback extends Error {
	constructor(readonly errors: FieldErrors) {
		super('setup rolled back');
	}
}
