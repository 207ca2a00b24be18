// What the dead-link page shows (issue 15 item 2): the reason in words, dates as dd/mm/yyyy, and the
// campaign's hotline when it has one. Nothing about the person: the page answers whoever holds the link.
import type { DeadLink } from '$lib/domain/dead-link';
import { vietnamDayText } from '$lib/domain/vietnam-time';
import type { Db } from '../db/open';

export interface DeadLinkPage {
	reason: DeadLink['reason'];
	/** dd/mm/yyyy the link died, when known. */
	date: string | null;
	newer: { via: NonNullable<DeadLink['newer']>['via']; date: string } | null;
	hotline: string | null;
	/** The campaign's public page (receipt check) for someone who already answered. */
	publicPath: string | null;
}

export async function explainDeadLinkPage(db: Db, dead: DeadLink): Promise<DeadLinkPage> {
	// A draft campaign is not public yet: its slug gets no hotline and no page.
	const campaign = dead.campaign
		? await db
				.selectFrom('campaign')
				.select(['slug', 'hotline'])
				.where('slug', '=', dead.campaign)
				.where('state', '!=', 'draft')
				.executeTakeFirst()
		: undefined;
	return {
		reason: dead.reason,
		date: dead.at === null ? null : vietnamDayText(dead.at),
		newer: dead.newer ? { via: dead.newer.via, date: vietnamDayText(dead.newer.at) } : null,
		hotline: campaign?.hotline?.trim() || null,
		publicPath: campaign ? `/c/${campaign.slug}` : null
	};
}
