import { error } from '@sveltejs/kit';
import { exportFramework } from '$lib/domain/framework';
import { getApp } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { loadFramework } from '$lib/server/templates/documents';
import { downloadName, jsonDownload, parseDocumentId } from '../../../json-files';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	await requireStaff(event, 'templates');
	const id = parseDocumentId(event.params.id);
	const { db } = await getApp();
	const stored = id === null ? null : await loadFramework(db, id);
	if (!stored) error(404, { message: 'templates.error.notFound' });
	return jsonDownload(exportFramework(stored.framework), downloadName(stored.name, stored.version));
};
