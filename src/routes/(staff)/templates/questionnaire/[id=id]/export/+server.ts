import { error } from '@sveltejs/kit';
import { exportQuestionnaire } from '$lib/domain/questionnaire';
import { getApp } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { loadQuestionnaire } from '$lib/server/templates/documents';
import { downloadName, jsonDownload } from '$lib/server/templates/json-files';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	await requireStaff(event, 'templates');
	const { db } = await getApp();
	const stored = await loadQuestionnaire(db, Number(event.params.id));
	if (!stored) error(404, { message: 'templates.error.notFound' });
	return jsonDownload(exportQuestionnaire(stored.questionnaire), downloadName(stored.name, stored.version));
};
