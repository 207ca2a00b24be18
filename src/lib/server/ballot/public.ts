// The campaign's public page: its cells' published keys and fingerprints (so a respondent's browser
// can check it was given one of them), the sealing key's fingerprint, overall counts and, after the
// opening, the counted receipts. Totals only, never per person.
import type { Db } from '../db/open';
import type { CampaignState } from '../db/schema';
import { countSheets } from './count';

/** A non-draft campaign's public name and state, for the pages anyone may open (revision, receipts). */
export async function findPublicCampaign(
	db: Db,
	slug: string
): Promise<{ id: number; slug: string; title: string; state: CampaignState } | null> {
	const row = await db
		.selectFrom('campaign')
		.select(['id', 'slug', 'title', 'state'])
		.where('slug', '=', slug)
		.executeTakeFirst();
	return row && row.state !== 'draft' ? row : null;
}

/** A started campaign by its slug, or null (unknown or still a draft). */
async function findStartedCampaign(db: Db, slug: string) {
	const campaign = await db
		.selectFrom('campaign')
		.select(['id', 'slug', 'title', 'year', 'state', 'opens_on', 'closes_on', 'k_threshold', 'counted_at'])
		.where('slug', '=', slug)
		.executeTakeFirst();
	return !campaign || campaign.state === 'draft' ? null : campaign;
}

/** The campaign's reporting cells with their blind-signature keys, and its sealing key. */
async function loadKeys(db: Db, campaignId: number) {
	const cells = await db
		.selectFrom('reporting_cell as c')
		.innerJoin('respondent_group as g', 'g.id', 'c.group_id')
		.innerJoin('unit as u', 'u.id', 'c.unit_id')
		.select([
			'c.id',
			'c.public_key',
			'c.fingerprint',
			'g.code as group_code',
			'g.name as group_name',
			'u.name as unit_name',
			'u.code as unit_code'
		])
		.where('c.campaign_id', '=', campaignId)
		.orderBy('g.code')
		.orderBy('u.code')
		.execute();
	const sealing = await db
		.selectFrom('sealing_key')
		.select(['public_key', 'fingerprint', 'threshold', 'size'])
		.where('campaign_id', '=', campaignId)
		.executeTakeFirst();
	return {
		cells: cells.map((c) => ({
			id: c.id,
			publicKey: c.public_key,
			fingerprint: c.fingerprint,
			group: `${c.group_code} — ${c.group_name}`,
			unit: c.unit_name
		})),
		sealing: sealing
			? {
					publicKey: sealing.public_key,
					fingerprint: sealing.fingerprint,
					threshold: sealing.threshold,
					size: sealing.size
				}
			: null
	};
}

/**
 * What a respondent's browser checks its keys against (`keys.json`, fetched at every submission): the keys only,
 * without the public page's counts, which read every invitation of the campaign.
 */
export async function loadCampaignKeys(db: Db, slug: string) {
	const campaign = await findStartedCampaign(db, slug);
	return campaign ? { campaign, ...(await publishedKeys(db, campaign.id)) } : null;
}

type PublishedKeys = {
	cells: { id: number; publicKey: string; fingerprint: string }[];
	sealing: Awaited<ReturnType<typeof loadKeys>>['sealing'];
};
const keysCache = new WeakMap<Db, Map<number, PublishedKeys>>();

/**
 * A started round's cell keys and sealing key. They are fixed when the round opens: read once per process
 * (names, which can change, are left out). Not for a draft, whose keys are still being made.
 */
export async function publishedKeys(db: Db, campaignId: number): Promise<PublishedKeys> {
	const cached = keysCache.get(db) ?? keysCache.set(db, new Map()).get(db)!;
	let keys = cached.get(campaignId);
	if (!keys) {
		const { cells, sealing } = await loadKeys(db, campaignId);
		keys = { cells: cells.map(({ id, publicKey, fingerprint }) => ({ id, publicKey, fingerprint })), sealing };
		// Only once the sealing key exists: a started round has it, but a refusal is not worth remembering.
		if (sealing) cached.set(campaignId, keys);
	}
	return keys;
}

export async function loadPublicCampaign(db: Db, slug: string) {
	const campaign = await findStartedCampaign(db, slug);
	if (!campaign) return null;
	const keys = await loadKeys(db, campaign.id);
	const invitations = await db
		.selectFrom('invitation')
		.select((eb) => [eb.fn.countAll<number>().as('active'), eb.fn.count<number>('credential_at').as('credentials')])
		.where('campaign_id', '=', campaign.id)
		.where('status', '=', 'active')
		.executeTakeFirstOrThrow();
	// Credentials given on links revoked later still count.
	const revokedCredentials = await db
		.selectFrom('invitation')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('campaign_id', '=', campaign.id)
		.where('status', '=', 'revoked')
		.where('credential_at', 'is not', null)
		.executeTakeFirstOrThrow();
	const sheets = await countSheets(db, campaign.id);
	const counted = campaign.counted_at === null ? null : await countedSummary(db, campaign.id);
	return {
		campaign,
		cells: keys.cells,
		counts: {
			invitations: Number(invitations.active),
			credentials: Number(invitations.credentials) + Number(revokedCredentials.n),
			sheets
		},
		sealing: keys.sealing,
		counted
	};
}

/** After the opening: how many sheets were counted and how many sealed sheets were invalid. */
async function countedSummary(db: Db, campaignId: number) {
	const job = await db
		.selectFrom('opening_job')
		.select(['sheets', 'invalid', 'committed_at'])
		.where('campaign_id', '=', campaignId)
		.executeTakeFirst();
	const receipts = await db
		.selectFrom('counted_receipt')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('campaign_id', '=', campaignId)
		.executeTakeFirstOrThrow();
	return {
		sheets: job?.sheets ?? 0,
		invalid: job?.invalid ?? 0,
		at: job?.committed_at ?? null,
		receipts: Number(receipts.n)
	};
}

/** The counted receipts, sorted, one page at a time (the public list anyone may check). */
export async function listCountedReceipts(
	db: Db,
	campaignId: number,
	page: { after: string; limit: number }
): Promise<string[]> {
	const rows = await db
		.selectFrom('counted_receipt')
		.select('receipt')
		.where('campaign_id', '=', campaignId)
		.where('receipt', '>', page.after)
		.orderBy('receipt')
		.limit(page.limit)
		.execute();
	return rows.map((r) => r.receipt);
}

export const RECEIPTS_PER_PAGE = 500;

/** One page of the public list after `after`, and the receipt the next page starts after (or null). */
export async function loadReceiptPage(db: Db, campaignId: number, after: string, perPage = RECEIPTS_PER_PAGE) {
	// One more than a page says whether there is a next one.
	const page = await listCountedReceipts(db, campaignId, { after, limit: perPage + 1 });
	const list = page.slice(0, perPage);
	return { after, list, next: page.length > perPage ? list[list.length - 1] : null, perPage };
}

/** Before the opening: is a sealed sheet with this receipt held? After it: was it counted? */
export async function receiptRecorded(db: Db, campaignId: number, receipt: string): Promise<boolean> {
	const sealed = await db
		.selectFrom('sealed_sheet')
		.select('receipt')
		.where('campaign_id', '=', campaignId)
		.where('receipt', '=', receipt)
		.executeTakeFirst();
	if (sealed) return true;
	const counted = await db
		.selectFrom('counted_receipt')
		.select('receipt')
		.where('campaign_id', '=', campaignId)
		.where('receipt', '=', receipt)
		.executeTakeFirst();
	return counted !== undefined;
}

/** The answer of the public receipt check: before the opening a found receipt is a sealed sheet, after it a counted one. */
export async function checkReceipt(
	db: Db,
	campaign: { id: number; counted_at: number | null },
	receipt: string
): Promise<'recorded' | 'counted' | 'unknown'> {
	if (!(await receiptRecorded(db, campaign.id, receipt))) return 'unknown';
	return campaign.counted_at === null ? 'recorded' : 'counted';
}
