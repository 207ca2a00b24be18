// The past rounds' participation, kept apart from the sheets: nothing here can tie a person to a sheet.
import type { Db } from '../db/open';
import type { Random } from './demo-results-sheets';
import { recountParticipation } from '../monitoring/counts';

/**
 * The participation side: every person gets a link; those who answered are marked credentialed at
 * times spread over the round, in an order of their own (nothing ties a person to a sheet).
 */
export async function markParticipation(
	db: Db,
	campaignId: number,
	submitters: number[],
	opened: number,
	closes: number,
	rng: Random
) {
	const done = new Set(submitters);
	const invitations = await db
		.selectFrom('invitation')
		.select(['id', 'person_id'])
		.where('campaign_id', '=', campaignId)
		.where('status', '=', 'active')
		.execute();
	const span = closes - opened - 86400;
	const times = submitters.map(() => opened + 86400 + Math.floor(rng.next() * span)).sort((a, b) => a - b);
	const order = rng.shuffle([...done]);
	const at = new Map(order.map((personId, i) => [personId, times[i]]));
	await db.transaction().execute(async (trx) => {
		for (const inv of invitations) {
			const t = at.get(inv.person_id);
			if (t !== undefined) {
				await trx
					.updateTable('invitation')
					.set({
						opened_at: t - 600 - Math.floor(rng.next() * 3 * 86400),
						verified_at: t - 300,
						attested_at: t - 120,
						attestation: 'personal',
						credential_at: t
					})
					.where('id', '=', inv.id)
					.execute();
			} else if (rng.next() < 0.5) {
				// Some who never answered still opened their link.
				await trx
					.updateTable('invitation')
					.set({ opened_at: opened + Math.floor(rng.next() * span) })
					.where('id', '=', inv.id)
					.execute();
			}
		}
		await recountParticipation(trx, campaignId);
	});
}
