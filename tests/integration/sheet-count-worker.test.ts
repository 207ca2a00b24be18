// The campaign's total of sheets counted on a worker thread (ballot/count-worker.ts) against a real file: the same
// total as the count in the thread, during the round and after the opening moved the sheets; a worker that cannot
// open the file falls back to the count in the thread (one warning), and the next count starts a worker again;
// polls during one count share it. The warning is what shows a fallback happened: console is not our code.
import { renameSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseSort } from '$lib/domain/monitoring';
import type { AppKey } from '$lib/server/crypto/keyring';
import { countSheets } from '$lib/server/ballot/count';
import { countSheetsOffThread } from '$lib/server/ballot/count-worker';
import { migrateToLatest, openDatabase } from '$lib/server/db/open';
import { loadMonitorNumbers, resolveMonitorScope } from '$lib/server/monitoring/monitoring';
import type { IssuedLink } from '$lib/server/outreach/invitations';
import type { DemoShare } from '$lib/server/seed/demo-committee';
import type { TestDb } from './support';
import { seededCopy, submitAnswers, verifiedRespondent } from './respondent-support';
import { closeAndOpen } from './results-support';

describe('sheet total off the main thread', () => {
	let t: TestDb;
	let key: AppKey;
	let links: IssuedLink[];
	let shares: DemoShare[];
	let campaignId: number;
	let warn: ReturnType<typeof vi.spyOn>;
	beforeEach(async () => {
		({ t, key, links, shares, campaignId } = await seededCopy());
		warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
	});
	afterEach(async () => {
		warn.mockRestore();
		await t.close();
	});

	async function cast(from: number, count: number) {
		for (const link of links.slice(from, from + count)) {
			const { ctx } = await verifiedRespondent(t.db, key, link.token);
			await submitAnswers(t.db, key, ctx);
		}
	}

	async function pollSheets() {
		const campaign = await t.db
			.selectFrom('campaign')
			.selectAll()
			.where('id', '=', campaignId)
			.executeTakeFirstOrThrow();
		const r = await resolveMonitorScope(t.db, campaignId, { role: 'admin', unitId: null }, null);
		if (!r.ok) throw new Error(r.error);
		return (await loadMonitorNumbers(t.db, campaign, r.scope, parseSort(null, null))).sheets;
	}

	it('equals the count in the thread, sealed during the round and opened after it', async () => {
		expect(await countSheetsOffThread(t.db, campaignId)).toBe(0);
		await cast(0, 3);
		expect(await countSheets(t.db, campaignId)).toBe(3);
		expect(await countSheetsOffThread(t.db, campaignId)).toBe(3);
		await closeAndOpen(t, shares);
		expect(await t.db.selectFrom('opened_sheet').select('id').execute()).toHaveLength(3);
		expect(await t.db.selectFrom('sealed_sheet').select('key_hash').execute()).toHaveLength(0);
		expect(await countSheetsOffThread(t.db, campaignId)).toBe(3);
		expect(await countSheetsOffThread(t.db, campaignId + 1000)).toBe(0);
		expect(warn).not.toHaveBeenCalled();
	});

	it('falls back to the count in the thread when the worker cannot open the file, and tries again next time', async () => {
		await cast(0, 2);
		// The open connection keeps the file; a new one (the worker's, read-only, must exist) finds nothing.
		renameSync(t.file, `${t.file}.away`);
		try {
			expect(await countSheetsOffThread(t.db, campaignId)).toBe(2);
			expect(warn).toHaveBeenCalledTimes(1);
			expect(await countSheetsOffThread(t.db, campaignId)).toBe(2);
			expect(warn).toHaveBeenCalledTimes(2);
		} finally {
			renameSync(`${t.file}.away`, t.file);
		}
		expect(await countSheetsOffThread(t.db, campaignId)).toBe(2);
		expect(warn).toHaveBeenCalledTimes(2);
	});

	it('gives polls during one count the same count: one worker count, one fallback', async () => {
		await cast(0, 1);
		renameSync(t.file, `${t.file}.away`);
		try {
			// The handle's first poll does not know the size yet: it counts off the thread, and so would a poll
			// every 15 s above 10,000 sheets. Three polls at once share that one count, hence one warning.
			expect(await Promise.all([pollSheets(), pollSheets(), pollSheets()])).toEqual([1, 1, 1]);
			expect(warn).toHaveBeenCalledTimes(1);
		} finally {
			renameSync(`${t.file}.away`, t.file);
		}
		// Small: the next polls count in the thread, exactly, at every request.
		await cast(1, 2);
		expect(await pollSheets()).toBe(3);
		expect(warn).toHaveBeenCalledTimes(1);
	});
});

describe('sheet total of a database in memory', () => {
	it('is counted in the thread: a second connection could not see it', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const { db } = openDatabase(':memory:');
		try {
			await migrateToLatest(db);
			expect(await countSheetsOffThread(db, 1)).toBe(0);
			expect(warn).not.toHaveBeenCalled();
		} finally {
			warn.mockRestore();
			await db.destroy();
		}
	});
});
