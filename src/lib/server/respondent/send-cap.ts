// The service-wide ceiling on code sends per minute (setting `code_sends_per_minute`), beyond the limits per
// link and per network: a flood over many links and addresses stops here. The count is the codes created in
// the current clock minute (otp_code, indexed by created_at), so it holds across processes.
import type { Transaction } from 'kysely';
import { appendAuditEvent, type RequestMeta } from '../audit';
import { readSettings } from '../admin/settings';
import type { Database } from '../db/schema';

const TRIP_KEY = 'service:code-sends';

/** True when this minute's sends reached the ceiling; the first refusal of a minute writes one audit event. */
export async function refuseIfServiceBusy(
	trx: Transaction<Database>,
	meta: RequestMeta,
	now: number
): Promise<boolean> {
	const { code_sends_per_minute: limit } = await readSettings(trx);
	const minute = now - (now % 60);
	const { n } = await trx
		.selectFrom('otp_code')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('created_at', '>=', minute)
		.executeTakeFirstOrThrow();
	if (Number(n) < limit) return false;
	// The trip row remembers the minute already reported, so a flood of refusals logs once per minute.
	const trip = await trx
		.selectFrom('login_throttle')
		.select('window_start')
		.where('key', '=', TRIP_KEY)
		.executeTakeFirst();
	if (trip?.window_start === minute) return true;
	const values = { failures: Number(n), window_start: minute, locked_until: minute + 60 };
	await trx
		.insertInto('login_throttle')
		.values({ key: TRIP_KEY, ...values })
		.onConflict((oc) => oc.column('key').doUpdateSet(values))
		.execute();
	await appendAuditEvent(
		trx,
		{
			actor: { type: 'system' },
			action: 'code.service_busy',
			subject: { type: 'setting', id: 'code_sends_per_minute' },
			meta,
			payload: { limit, minute }
		},
		now
	);
	return true;
}
