import { error } from '@sveltejs/kit';
import { exportFramework } from '$lib/domain/framework';
import { getApp } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { loadFramework } from '$lib/server/templates/documents';
import { downloadName, jsonDownload } from '$lib/server/templates/json-files';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	await requireStaff(event, 'templates');
	const { db } = await getApp();
	const stored = await loadFramework(db, Number(event.params.id));
	if (!stored) error(404, { message: 'templates.error.notFound' });
	return jsonDownload(exportFramework(stored.framework), downloadName(stored.name, stored.version));
};
