import { message } from '$lib/domain/message';
import { error, redirect } from '@sveltejs/kit';
import { unitMoveSchema, unitNamesSchema } from '$lib/domain/unit-edit';
import { getApp } from '$lib/server/app';
import { denyAccess, requireStaff } from '$lib/server/auth/guard';
import { readForm, refuseForm } from '$lib/server/http/form';
import { requestMeta } from '$lib/server/http/request';
import { canEditUnit, findUnitForEditing, moveUnit, renameUnit, retireUnit } from '$lib/server/units/edit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function context(event: RequestEvent) {
	const user = await requireStaff(event, 'units');
	const { db } = await getApp();
	const unit = await findUnitForEditing(db, event.params.code);
	if (!unit) error(404, { message: 'unit.error.notFound' });
	if (!(await canEditUnit(db, user, unit.id))) await denyAccess(event, user, 'units.edit');
	return { db, user, unit, meta: requestMeta(event) };
}

export const load: PageServerLoad = async (event) => {
	const { unit } = await context(event);
	return {
		unit: { code: unit.code, name: unit.name, fullName: unit.fullName, kind: unit.kind, retired: unit.retired },
		parent: unit.parent
	};
};

export const actions: Actions = {
	rename: async (event) => {
		const { db, user, unit, meta } = await context(event);
		const form = await readForm(event, unitNamesSchema);
		if (!form.ok) return refuseForm('rename', form.errors, form.values);
		const result = await renameUnit(db, unit.code, form.value, user, meta);
		if (!result.ok) return refuseForm('rename', result.errors, form.values);
		return { action: 'rename', saved: message('users.saved') };
	},
	move: async (event) => {
		const { db, user, unit, meta } = await context(event);
		const form = await readForm(event, unitMoveSchema);
		if (!form.ok) return refuseForm('move', form.errors, form.values);
		const result = await moveUnit(db, unit.code, form.value.parentCode, user, meta);
		if (!result.ok) return refuseForm('move', result.errors, form.values);
		return { action: 'move', saved: message('users.saved') };
	},
	retire: async (event) => {
		const { db, user, unit, meta } = await context(event);
		const result = await retireUnit(db, unit.code, user, meta);
		if (!result.ok) return refuseForm('retire', result.errors);
		redirect(303, '/units');
	}
};
