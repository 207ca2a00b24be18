import { error, fail, redirect } from '@sveltejs/kit';
import { unitNamesSchema } from '$lib/domain/unit-edit';
import { parseWith } from '$lib/domain/staff';
import { getApp } from '$lib/server/app';
import { denyAccess, requireStaff } from '$lib/server/auth/guard';
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
		const parsed = parseWith(unitNamesSchema, Object.fromEntries(await event.request.formData()));
		if (!parsed.ok) return fail(400, { action: 'rename', errors: parsed.errors });
		const result = await renameUnit(db, unit.code, parsed.value, user, meta);
		if (!result.ok) return fail(400, { action: 'rename', errors: result.errors });
		return { action: 'rename', saved: true };
	},
	move: async (event) => {
		const { db, user, unit, meta } = await context(event);
		const parentCode = String((await event.request.formData()).get('parentCode') ?? '')
			.normalize('NFC')
			.trim()
			.slice(0, 32);
		if (!parentCode) return fail(400, { action: 'move', errors: { parentCode: 'unit.error.parentUnknown' } });
		const result = await moveUnit(db, unit.code, parentCode, user, meta);
		if (!result.ok) return fail(400, { action: 'move', errors: result.errors });
		return { action: 'move', saved: true };
	},
	retire: async (event) => {
		const { db, user, unit, meta } = await context(event);
		const result = await retireUnit(db, unit.code, user, meta);
		if (!result.ok) return fail(400, { action: 'retire', errors: result.errors });
		redirect(303, '/units');
	}
};
