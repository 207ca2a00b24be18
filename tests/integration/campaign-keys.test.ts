// keys.json's service: the published keys of a started round, read from the database once per process
// (they are fixed at the opening), always equal to what the public page lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCampaignKeys, loadPublicCampaign } from '$lib/server/ballot/public';
import { SLUG, seededCopy } from './respondent-support';
import { queryLoggingDb } from './support';

describe('loadCampaignKeys', () => {
	let t: Awaited<ReturnType<typeof seededCopy>>['t'];
	beforeAll(async () => {
		({ t } = await seededCopy());
	});
	afterAll(() => t.close());

	it('answers the published keys, reading the cells only the first time', async () => {
		const { db, queries } = queryLoggingDb(t);
		const published = (await loadPublicCampaign(t.db, SLUG))!;
		const first = (await loadCampaignKeys(db, SLUG))!;
		expect(first.cells).toEqual(
			published.cells.map(({ id, publicKey, fingerprint }) => ({ id, publicKey, fingerprint }))
		);
		expect(first.cells.length).toBeGreaterThan(1);
		expect(first.sealing).toEqual(published.sealing);
		expect(queries.some((q) => q.includes('reporting_cell'))).toBe(true);

		queries.length = 0;
		const again = (await loadCampaignKeys(db, SLUG))!;
		expect(again.cells).toEqual(first.cells);
		expect(again.campaign.state).toBe('open');
		expect(queries.some((q) => q.includes('reporting_cell') || q.includes('sealing_key'))).toBe(false);
		// The round itself is read every time: its state changes (closing, counting).
		expect(queries.filter((q) => q.includes('"campaign"'))).toHaveLength(1);
		expect(await loadCampaignKeys(db, 'khong-co')).toBeNull();
	});
});
