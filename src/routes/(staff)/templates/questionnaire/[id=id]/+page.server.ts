import { staffActor } from '$lib/server/audit';
import { error, fail, redirect } from '@sveltejs/kit';
import { importQuestionnaire } from '$lib/domain/questionnaire';
import { getApp } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import {
	listQuestionnaireVersions,
	loadFramework,
	loadQuestionnaire,
	saveQuestionnaireVersion
} from '$lib/server/templates/documents';
import { requestMeta } from '$lib/server/http/request';
import { ERRORS_SHOWN, parseDocumentId } from '../../json-files';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function context(event: RequestEvent) {
	const user = await requireStaff(event, 'templates');
	const id = parseDocumentId(event.params.id);
	const { db } = await getApp();
	const stored = id === null ? null : await loadQuestionnaire(db, id);
	if (!stored) error(404, { message: 'templates.error.notFound' });
	return { db, stored, actor: staffActor(user), meta: requestMeta(event) };
}

export const load: PageServerLoad = async (event) => {
	const { db, stored } = await context(event);
	const framework = await loadFramework(db, stored.frameworkVersionId);
	if (!framework) error(404, { message: 'templates.error.notFound' });
	const row = (await listQuestionnaireVersions(db)).find((q) => q.id === stored.id);
	return {
		stored: { ...stored, createdAt: row?.created_at ?? 0 },
		framework: { id: framework.id, name: framework.name, version: framework.version, framework: framework.framework },
		saved: event.url.searchParams.has('saved'),
		imported: event.url.searchParams.has('imported')
	};
};

export const actions: Actions = {
	// The editor posts the whole document; it is validated here like any imported file.
	default: async (event) => {
		const { db, stored, actor, meta } = await context(event);
		const document = (await event.request.formData()).get('document');
		const parsed = importQuestionnaire(typeof document === 'string' ? document : '');
		if (!parsed.ok)
			return fail(400, {
				errors: parsed.errors.slice(0, ERRORS_SHOWN),
				more: Math.max(0, parsed.errors.length - ERRORS_SHOWN)
			});
		const id = await saveQuestionnaireVersion(db, stored.name, stored.frameworkVersionId, parsed.value, actor, meta);
		redirect(303, `/templates/questionnaire/${id}?saved=1`);
	}
};
