// Drives the respondent protocol the way the browser does (blind-client in Node), against a real
// SQLite file seeded with the demo campaign.
import type { SheetAnswers } from '$lib/domain/ballot';
import type { Questionnaire } from '$lib/domain/questionnaire';
import {
	blindBallotMessage,
	deriveBallotMessage,
	finalizeCredential,
	newBallotSecret,
	toBase64url
} from '$lib/respondent/blind-client';
import { castBallot } from '$lib/server/ballot/cast';
import { sealSheet } from '$lib/respondent/seal-client';
import type { DemoShare } from '$lib/server/seed/demo-committee';
import { loadCellForm } from '$lib/server/ballot/cell-form';
import type { AppKey } from '$lib/server/crypto/keyring';
import { attest } from '$lib/server/respondent/attest';
import { issueCredential } from '$lib/server/respondent/credential';
import { openLink } from '$lib/server/respondent/links';
import { sendCode, verifyCode } from '$lib/server/respondent/otp';
import { demoOutbox } from '$lib/server/outreach/outbox';
import { validateRespondentSession, type RespondentContext } from '$lib/server/respondent/sessions';
import type { Db } from '$lib/server/db/open';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '$lib/server/db/open';
import type { IssuedLink } from '$lib/server/outreach/invitations';
import { demoTemplate, forgetDemoTemplate } from './demo-template';
import { copyPostgresDatabase, META, TEST_ENGINE, testKey, type TestDb } from './support';

export const SLUG = 'dtxh-2026';

export function deps(appKey: AppKey) {
	return { appKey, sender: demoOutbox({ quiet: true }) };
}

export async function lastCode(db: Db): Promise<string> {
	const row = await db
		.selectFrom('demo_outbox')
		.select('body')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirstOrThrow();
	return /\b(\d{6})\b/.exec(row.body)![1];
}

export async function contextOf(db: Db, sessionToken: string, now?: number): Promise<RespondentContext> {
	const ctx = await validateRespondentSession(db, sessionToken, now);
	if (!ctx) throw new Error('no respondent session');
	return ctx;
}

/** Opens the link on a device, gets and enters a code, attests: the state just before answering. */
export async function verifiedRespondent(
	db: Db,
	appKey: AppKey,
	linkToken: string,
	device = 'device-a',
	meta = META,
	now?: number
) {
	const opened = await openLink(db, linkToken, device, meta, now);
	if (!opened.ok) throw new Error(opened.error.key);
	const ctx = await contextOf(db, opened.token, now);
	const sent = await sendCode(db, deps(appKey), ctx, meta, now);
	if (!sent.ok) throw new Error(sent.error.key);
	const verified = await verifyCode(db, deps(appKey), ctx, await lastCode(db), meta, now);
	if (!verified.ok) throw new Error(verified.error.key);
	const ctx2 = await contextOf(db, verified.token, now);
	const attested = await attest(db, ctx2, { mode: 'personal', confirm: '1' }, meta, now);
	if (!attested.ok) throw new Error(JSON.stringify(attested.errors));
	return { sessionToken: verified.token, ctx: await contextOf(db, verified.token, now) };
}

/** Every question answered with the option at `pick` (wrapping), once per rated unit where repeated. */
export function fullAnswers(q: Questionnaire, ratedUnitIds: string[], pick = 0): SheetAnswers {
	const answers: Record<string, string> = {};
	for (const section of q.sections) {
		for (const question of section.questions) {
			const option = question.options[pick % question.options.length].id;
			if (section.repeatPerRatedUnit) for (const unit of ratedUnitIds) answers[`${question.id}:${unit}`] = option;
			else answers[question.id] = option;
		}
	}
	return { answers, comments: {} };
}

/** Blinds a fresh message with the cell key, as the browser does; returns what it needs to finish. */
export async function blindFor(db: Db, cellId: number) {
	const form = (await loadCellForm(db, cellId))!;
	const secret = newBallotSecret();
	const message = await deriveBallotMessage(secret);
	const { blindedMsg, inv } = await blindBallotMessage(form.publicKey, message);
	return { form, secret, message, blinded: toBase64url(blindedMsg), inv };
}

/** The whole submission: credential then cookie-less cast. */
export async function submitAnswers(db: Db, appKey: AppKey, ctx: RespondentContext, pick = 0) {
	const b = await blindFor(db, ctx.person.cellId!);
	const issued = await issueCredential(db, appKey, ctx, b.blinded, META);
	if (!issued.ok) throw new Error(issued.error.key);
	const signature = await finalizeCredential(
		b.form.publicKey,
		b.message,
		Buffer.from(issued.blindSignature, 'base64url'),
		b.inv
	);
	const sheet = fullAnswers(
		b.form.questionnaire,
		b.form.ratedUnits.map((u) => u.id),
		pick
	);
	const sealed = await sealSheet(b.form.sealingKey!, b.form.campaignId, b.form.cellId, sheet);
	const cast = await castBallot(db, SLUG, {
		cell: b.form.cellId,
		message: toBase64url(b.message),
		signature: toBase64url(signature),
		sealed
	});
	if (!cast.ok) throw new Error(JSON.stringify(cast.error));
	return { ...b, signature, sheet, receipt: cast.receipt };
}

/** A private copy of the run's seeded demo (demo-template.ts): its own file and key, the same links and shares. */
export async function seededCopy(): Promise<{
	t: TestDb;
	key: AppKey;
	links: IssuedLink[];
	shares: DemoShare[];
	/** The demo round's id (SLUG). */
	campaignId: number;
}> {
	const template = await demoTemplate();
	const dir = mkdtempSync(path.join(tmpdir(), 'par-survey-test-'));
	copyFileSync(path.join(template.dir, 'par-survey.key'), path.join(dir, 'par-survey.key'));
	const postgres = TEST_ENGINE === 'postgres' ? await copyPostgresDatabase(template.file) : null;
	const file = postgres?.url ?? path.join(dir, 'test.sqlite');
	if (!postgres) copyFileSync(template.file, file);
	const handle = openDatabase(file);
	const t: TestDb = {
		...handle,
		dir,
		file,
		async close() {
			await handle.db.destroy();
			await postgres?.drop();
			rmSync(dir, { recursive: true, force: true });
		}
	};
	const { id: campaignId } = await t.db
		.selectFrom('campaign')
		.select('id')
		.where('slug', '=', SLUG)
		.executeTakeFirstOrThrow();
	return { t, key: testKey(dir), links: template.links, shares: template.shares, campaignId };
}

/** For afterAll: lets go of the template seededCopy() used (the run removes it at its end). */
export const removeTemplate = forgetDemoTemplate;
