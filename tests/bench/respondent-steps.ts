// The respondent's steps as the benches drive them in-process: a verified, attested session on a real
// database file, and answers for every question of a cell's questionnaire.
import type { Questionnaire } from '$lib/domain/questionnaire';
import type { AppKey } from '$lib/server/crypto/keyring';
import type { Db } from '$lib/server/db/open';
import { demoOutbox } from '$lib/server/outreach/outbox';
import { attest } from '$lib/server/respondent/attest';
import { openLink } from '$lib/server/respondent/links';
import { sendCode, verifyCode } from '$lib/server/respondent/otp';
import { validateRespondentSession } from '$lib/server/respondent/sessions';

export const META = { ip: '203.0.113.9', userAgent: 'bench' };

/** Runs fn and returns its result with the milliseconds it took. */
export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
	const start = process.hrtime.bigint();
	const result = await fn();
	return [result, Number(process.hrtime.bigint() - start) / 1e6];
}

/** Option `pick` (modulo the options) for every question, repeated questions once per rated unit. */
export function answersFor(q: Questionnaire, units: string[], pick: number) {
	const answers: Record<string, string> = {};
	for (const section of q.sections)
		for (const question of section.questions) {
			const option = question.options[pick % question.options.length].id;
			if (section.repeatPerRatedUnit) for (const u of units) answers[`${question.id}:${u}`] = option;
			else answers[question.id] = option;
		}
	return { answers, comments: {} };
}

/** Opens the link, sends and types the code from the demo outbox, attests personally: the ready session. */
export async function verifiedRespondent(db: Db, appKey: AppKey, token: string, device: string) {
	const deps = { appKey, sender: demoOutbox({ quiet: true }) };
	const opened = await openLink(db, token, device, META);
	if (!opened.ok) throw new Error(opened.error.key);
	const ctx = (await validateRespondentSession(db, opened.token))!;
	const sent = await sendCode(db, deps, ctx, META);
	if (!sent.ok) throw new Error(sent.error.key);
	const body = (
		await db.selectFrom('demo_outbox').select('body').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
	).body;
	const v = await verifyCode(db, deps, ctx, /\b(\d{6})\b/.exec(body)![1], META);
	if (!v.ok) throw new Error(v.error.key);
	await attest(db, (await validateRespondentSession(db, v.token))!, { mode: 'personal', confirm: '1' }, META);
	return (await validateRespondentSession(db, v.token))!;
}
