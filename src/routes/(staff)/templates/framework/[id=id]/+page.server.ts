import { staffActor } from '$lib/server/audit';
import { error, fail, redirect } from '@sveltejs/kit';
import { applyPointsValues, readPointsForm } from '$lib/components/questionnaire/points-form';
import { getApp } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import {
	listFrameworkVersions,
	listQuestionnaireVersions,
	loadFramework,
	saveFrameworkVersion
} from '$lib/server/templates/documents';
import { requestMeta } from '$lib/server/http/request';
import { parseDocumentId } from '../../json-files';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function context(event: RequestEvent) {
	const user = await requireStaff(event, 'templates');
	const id = parseDocumentId(event.params.id);
	const { db } = await getApp();
	const stored = id === null ? null : await loadFramework(db, id);
	if (!stored) error(404, { message: 'templates.error.notFound' });
	return { db, stored, actor: staffActor(user), meta: requestMeta(event) };
}

export const load: PageServerLoad = async (event) => {
	const { db, stored } = await context(event);
	const [versions, questionnaires] = await Promise.all([listFrameworkVersions(db), listQuestionnaireVersions(db)]);
	return {
		stored: { ...stored, createdAt: versions.find((v) => v.id === stored.id)?.created_at ?? 0 },
		questionnaires: questionnaires
			.filter((q) => q.framework_version_id === stored.id)
			.map((q) => ({ id: q.id, name: q.name, version: q.version })),
		saved: event.url.searchParams.has('saved'),
		imported: event.url.searchParams.has('imported')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { db, stored, actor, meta } = await context(event);
		const values = readPointsForm(stored.framework, await event.request.formData());
		const { framework, errors } = applyPointsValues(stored.framework, values);
		if (Object.keys(errors).length > 0) return fail(400, { values, errors });
		const id = await saveFrameworkVersion(db, stored.name, framework, actor, meta);
		redirect(303, `/templates/framework/${id}?saved=1`);
	}
};
