// The demo outbox: codes and links "sent" in demo mode. It does not exist outside demo mode, where
// an administrator who could read codes could answer for anyone.
import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { listDemoOutbox } from '$lib/server/outreach/outbox';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const app = await getApp();
	if (!app.demo) error(404, { message: 'error.notFound' });
	await requireStaff(event, 'users');
	event.setHeaders({ 'cache-control': 'no-store' });
	return { messages: await listDemoOutbox(app.db) };
};
