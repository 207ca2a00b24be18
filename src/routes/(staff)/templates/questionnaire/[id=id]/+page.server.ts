import { error, fail, redirect } from '@sveltejs/kit';
import { message } from '$lib/domain/message';
import { importQuestionnaire } from '$lib/domain/questionnaire';
import { ERRORS_SHOWN } from '$lib/domain/template-files';
import { getApp } from '$lib/server/app';
import { staffActor } from '$lib/server/audit';
import { requireStaff } from '$lib/server/auth/guard';
import { readFields, refuseForm } from '$lib/server/http/form';
import { requestMeta } from '$lib/server/http/request';
import {
	findVersionCreatedAt,
	loadFramework,
	loadQuestionnaire,
	saveQuestionnaireVersion
} from '$lib/server/templates/documents';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function context(event: RequestEvent) {
	const user = await requireStaff(event, 'templates');
	const { db } = await getApp();
	const stored = await loadQuestionnaire(db, Number(event.params.id));
	if (!stored) error(404, { message: 'templates.error.notFound' });
	return { db, stored, actor: staffActor(user), meta: requestMeta(event) };
}

export const load: PageServerLoad = async (event) => {
	const { db, stored } = await context(event);
	const framework = await loadFramework(db, stored.frameworkVersionId);
	if (!framework) error(404, { message: 'templates.error.notFound' });
	return {
		stored: { ...stored, createdAt: await findVersionCreatedAt(db, 'questionnaire_version', stored.id) },
		framework: { id: framework.id, name: framework.name, version: framework.version, framework: framework.framework },
		saved: event.url.searchParams.has('saved'),
		imported: event.url.searchParams.has('imported')
	};
};

export const actions: Actions = {
	// The editor posts the whole document; it is validated here like any imported file.
	default: async (event) => {
		const { db, stored, actor, meta } = await context(event);
		const { document = '' } = await readFields(event);
		const parsed = importQuestionnaire(document);
		if (!parsed.ok) {
			const { data } = refuseForm('default', message('templates.q.saveRefused'));
			return fail(400, {
				...data,
				problems: parsed.errors.slice(0, ERRORS_SHOWN),
				more: Math.max(0, parsed.errors.length - ERRORS_SHOWN)
			});
		}
		const id = await saveQuestionnaireVersion(db, stored.name, stored.frameworkVersionId, parsed.value, actor, meta);
		redirect(303, `/templates/questionnaire/${id}?saved=1`);
	}
};
