// Printed letters (issue 5): for people who do not read e-mail, a sealed letter per person with the
// personal link as a QR code and as text. Printing adds a fresh link per person (channel 'letter'; the
// links sent before stay live), shown only in this response: the letter is the one place the link exists.
import QRCode from 'qrcode';
import { maskEmail, maskPhone } from '$lib/domain/mask';
import { message, refuse, type Message } from '$lib/domain/message';
import type { RequestMeta } from '../audit';
import type { Staff } from '../auth/staff';
import type { Db } from '../db/open';
import { inIds } from '../db/portable';
import type { CampaignRow } from '../db/schema';
import { loadQuestionnaire } from '../templates/documents';
import { listUnitTree } from '../units/units';
import { issueInvitations, linkPath, neverCredentialed } from './invitations';
import type { Sender } from './outbox';

export interface Letter {
	name: string;
	position: string | null;
	unit: string;
	url: string;
	qr: string;
	contact: string | null;
	attestation: string;
}

/** People of a unit's subtree who have no credential yet: the ones a letter is for. */
export async function lettersCandidates(db: Db, campaignId: number, unitId: number): Promise<number[]> {
	const units = (await listUnitTree(db, unitId)).map((u) => u.id);
	const rows = await db
		.selectFrom('person as p')
		.select('p.id')
		.where('p.campaign_id', '=', campaignId)
		.where('p.unit_id', 'in', units.length ? units : [-1])
		.where(neverCredentialed)
		.execute();
	return rows.map((r) => r.id);
}

export async function printLetters(
	db: Db,
	campaign: Pick<CampaignRow, 'id' | 'state' | 'title'>,
	personIds: number[],
	staff: Staff,
	meta: RequestMeta,
	options: { sender: Sender; origin: string; demo: boolean }
): Promise<{ ok: true; letters: Letter[] } | { ok: false; error: Message }> {
	if (personIds.length === 0) return refuse(message('letters.error.nobody'));
	const issued = await issueInvitations(db, campaign, personIds, staff, meta, { ...options, channel: 'letter' });
	if (!issued.ok) return issued;
	// The list as one parameter: a province's root unit can name more people than a statement binds one by one.
	const people = await db
		.selectFrom('person as p')
		.innerJoin('respondent_group as g', 'g.id', 'p.group_id')
		.select(['p.id', 'p.position', 'p.email', 'p.phone', 'g.questionnaire_version_id'])
		.where(inIds(db, 'p.id', personIds))
		.execute();
	const byId = new Map(people.map((p) => [p.id, p]));
	const attestations = new Map<number, string>();
	const letters: Letter[] = [];
	for (const link of issued.links) {
		const p = byId.get(link.personId)!;
		const qid = p.questionnaire_version_id;
		if (qid !== null && !attestations.has(qid))
			attestations.set(qid, (await loadQuestionnaire(db, qid))?.questionnaire.attestation ?? '');
		const url = `${options.origin}${linkPath(link.token)}`;
		const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
		letters.push({
			name: link.fullName,
			position: p.position,
			unit: link.unitName,
			url,
			qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
			contact: p.email ? maskEmail(p.email) : p.phone ? maskPhone(p.phone) : null,
			attestation: qid !== null ? (attestations.get(qid) ?? '') : ''
		});
	}
	return { ok: true, letters };
}
