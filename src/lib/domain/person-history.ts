// One person's participation timeline for the organiser (issue 15 item 5): links issued and revoked,
// messages and codes sent, link opened, verified, attested, credential given. Participation side only:
// nothing here may come from the sealed side (no answer sheet, no proof of submission, no time of it).

export type LinkChannelName = 'email' | 'sms' | 'zalo' | 'letter' | 'screen' | 'demo' | 'unknown';
export type MessageStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface LinkFact {
	id: number;
	channel: LinkChannelName;
	issuedAt: number;
	issuedBy: string | null;
	revokedAt: number | null;
	revokedReason: string | null;
	revokedBy: string | null;
}

export interface HistoryFacts {
	links: LinkFact[];
	messages: {
		kind: 'invitation' | 'reminder';
		channel: string;
		status: MessageStatus;
		createdAt: number;
		sentAt: number | null;
	}[];
	codes: { channel: string; createdAt: number }[];
	/** One per participation record (a person may hold an old, revoked one too). */
	progress: {
		openedAt: number | null;
		verifiedAt: number | null;
		attestedAt: number | null;
		attestation: 'personal' | 'assisted' | null;
		credentialAt: number | null;
	}[];
}

export type HistoryEvent =
	| { kind: 'linkIssued'; at: number; linkId: number; channel: LinkChannelName; by: string | null; live: boolean }
	| {
			kind: 'linkRevoked';
			at: number;
			linkId: number;
			channel: LinkChannelName;
			reason: string | null;
			by: string | null;
	  }
	| { kind: 'message'; at: number; message: 'invitation' | 'reminder'; channel: string; status: MessageStatus }
	| { kind: 'codeSent'; at: number; channel: string }
	| { kind: 'opened'; at: number }
	| { kind: 'verified'; at: number }
	| { kind: 'attested'; at: number; attestation: 'personal' | 'assisted' }
	| { kind: 'credential'; at: number };

// Within one second, the order things happen in: a link is issued before its message, opened before a code.
const RANK: Record<HistoryEvent['kind'], number> = {
	linkIssued: 0,
	message: 1,
	opened: 2,
	codeSent: 3,
	verified: 4,
	attested: 5,
	credential: 6,
	linkRevoked: 7
};

/** The timeline, oldest first. */
export function buildTimeline(facts: HistoryFacts): HistoryEvent[] {
	const events: HistoryEvent[] = [];
	for (const l of facts.links) {
		events.push({
			kind: 'linkIssued',
			at: l.issuedAt,
			linkId: l.id,
			channel: l.channel,
			by: l.issuedBy,
			live: l.revokedAt === null
		});
		if (l.revokedAt !== null)
			events.push({
				kind: 'linkRevoked',
				at: l.revokedAt,
				linkId: l.id,
				channel: l.channel,
				reason: l.revokedReason,
				by: l.revokedBy
			});
	}
	for (const m of facts.messages)
		events.push({
			kind: 'message',
			at: m.sentAt ?? m.createdAt,
			message: m.kind,
			channel: m.channel,
			status: m.status
		});
	for (const c of facts.codes) events.push({ kind: 'codeSent', at: c.createdAt, channel: c.channel });
	for (const p of facts.progress) {
		if (p.openedAt !== null) events.push({ kind: 'opened', at: p.openedAt });
		if (p.verifiedAt !== null) events.push({ kind: 'verified', at: p.verifiedAt });
		if (p.attestedAt !== null && p.attestation !== null)
			events.push({ kind: 'attested', at: p.attestedAt, attestation: p.attestation });
		if (p.credentialAt !== null) events.push({ kind: 'credential', at: p.credentialAt });
	}
	// Stable: equal times keep the rank order, then the order read.
	return events
		.map((e, i) => ({ e, i }))
		.sort((a, b) => a.e.at - b.e.at || RANK[a.e.kind] - RANK[b.e.kind] || a.i - b.i)
		.map(({ e }) => e);
}

/** The links that still open the questionnaire, newest first: each gets its own "Thu hồi liên kết này". */
export function liveLinks(facts: Pick<HistoryFacts, 'links'>): LinkFact[] {
	return facts.links.filter((l) => l.revokedAt === null).sort((a, b) => b.issuedAt - a.issuedAt || b.id - a.id);
}

/** Whether the person holds a credential: their links can no longer be revoked or re-issued. */
export function hasCredential(facts: Pick<HistoryFacts, 'progress'>): boolean {
	return facts.progress.some((p) => p.credentialAt !== null);
}
