// Run-time settings stored in the database; every change is an audit event.
import { message, type FieldErrors } from '$lib/domain/message';
import { SETTINGS, defaultSettings, parseSettingValue, type SettingValues } from '$lib/domain/settings';
import type { Db } from '../db/open';
import { appendAuditEvent, type Actor, type RequestMeta } from '../audit';
import { nowSeconds } from '../time';

const DEMO_KEY = 'demo_database';

export async function readSettings(db: Db): Promise<SettingValues> {
	const rows = await db.selectFrom('setting').select(['key', 'value']).execute();
	const values: Record<string, unknown> = defaultSettings();
	for (const row of rows) if (row.key in values) values[row.key] = JSON.parse(row.value);
	return values as SettingValues;
}

export async function updateSettings(
	db: Db,
	form: Record<string, string | null>,
	actor: Actor & { type: 'staff' },
	meta: RequestMeta,
	now = nowSeconds()
): Promise<{ ok: true; changed: string[] } | { ok: false; errors: FieldErrors }> {
	const errors: FieldErrors = {};
	const parsed: Record<string, boolean | number> = {};
	for (const def of SETTINGS) {
		const result = parseSettingValue(def, form[def.key] ?? null);
		// The bounds travel with the message, so the form can say what range it wants.
		if ('error' in result)
			errors[def.key] = 'min' in def ? message(result.error, { min: def.min, max: def.max }) : message(result.error);
		else parsed[def.key] = result.value;
	}
	if (Object.keys(errors).length) return { ok: false, errors };
	return db.transaction().execute(async (trx) => {
		const current = (await readSettings(trx)) as Record<string, unknown>;
		const changed: string[] = [];
		for (const [key, value] of Object.entries(parsed)) {
			if (current[key] === value) continue;
			changed.push(key);
			const row = { value: JSON.stringify(value), updated_at: now, updated_by: actor.id };
			await trx
				.insertInto('setting')
				.values({ key, ...row })
				.onConflict((oc) => oc.column('key').doUpdateSet(row))
				.execute();
			await appendAuditEvent(
				trx,
				{
					actor,
					action: 'setting.changed',
					subject: { type: 'setting', id: key },
					meta,
					payload: { from: current[key], to: value }
				},
				now
			);
		}
		return { ok: true, changed };
	});
}

/** Only `npm run demo` marks a database as the demo; demo behaviour follows the file, not an env flag. */
export async function isDemoDatabase(db: Db): Promise<boolean> {
	const row = await db.selectFrom('setting').select('value').where('key', '=', DEMO_KEY).executeTakeFirst();
	return row?.value === 'true';
}

export async function markDemoDatabase(db: Db, now = nowSeconds()): Promise<void> {
	await db.insertInto('setting').values({ key: DEMO_KEY, value: 'true', updated_at: now, updated_by: null }).execute();
}
