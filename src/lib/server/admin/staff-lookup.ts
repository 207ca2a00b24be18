// Finding a staff account by its sign-in name, for operator commands that name people rather than ids.
import type { Db } from '../db/open';

export async function findStaffUserByUsername(
	db: Db,
	username: string
): Promise<{ id: number; username: string; displayName: string; totpEnabled: boolean } | null> {
	const row = await db
		.selectFrom('staff_user')
		.select(['id', 'username', 'display_name', 'totp_key_enc'])
		.where('username', '=', username)
		.executeTakeFirst();
	return row
		? { id: row.id, username: row.username, displayName: row.display_name, totpEnabled: row.totp_key_enc !== null }
		: null;
}
