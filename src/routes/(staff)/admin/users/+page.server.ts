import { requireStaff } from '$lib/server/auth/guard';
import { getApp } from '$lib/server/app';
import { listStaffUsers } from '$lib/server/admin/staff-users';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireStaff(event, 'users');
	const { db } = await getApp();
	return { users: await listStaffUsers(db) };
};
