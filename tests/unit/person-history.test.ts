import { describe, expect, it } from 'vitest';
import { buildTimeline, hasCredential, liveLinks, type HistoryFacts, type LinkFact } from '$lib/domain/person-history';

const link = (id: number, issuedAt: number, extra: Partial<LinkFact> = {}): LinkFact => ({
	id,
	channel: 'email',
	issuedAt,
	issuedBy: 'Trần Thị Tổ Chức',
	revokedAt: null,
	revokedReason: null,
	revokedBy: null,
	...extra
});

const facts: HistoryFacts = {
	links: [
		link(1, 100, { revokedAt: 500, revokedReason: 'organiser', revokedBy: 'Lê Văn B' }),
		link(2, 300, { channel: 'letter' })
	],
	messages: [
		{ kind: 'invitation', channel: 'email', status: 'sent', createdAt: 100, sentAt: 160 },
		{ kind: 'reminder', channel: 'sms', status: 'failed', createdAt: 300, sentAt: null }
	],
	codes: [{ channel: 'sms', createdAt: 400 }],
	progress: [{ openedAt: 400, verifiedAt: 410, attestedAt: 420, attestation: 'assisted', credentialAt: 430 }]
};

describe('a person’s participation timeline', () => {
	it('puts every participation fact in time order, ties in the order they happen', () => {
		const events = buildTimeline(facts);
		expect(events.map((e) => `${e.at}:${e.kind}`)).toEqual([
			'100:linkIssued',
			'160:message',
			'300:linkIssued',
			'300:message',
			'400:opened',
			'400:codeSent',
			'410:verified',
			'420:attested',
			'430:credential',
			'500:linkRevoked'
		]);
		expect(events[0]).toMatchObject({ linkId: 1, live: false, by: 'Trần Thị Tổ Chức' });
		expect(events[2]).toMatchObject({ linkId: 2, channel: 'letter', live: true });
		expect(events[3]).toMatchObject({ message: 'reminder', status: 'failed' });
		expect(events[7]).toMatchObject({ attestation: 'assisted' });
		expect(events[9]).toMatchObject({ reason: 'organiser', by: 'Lê Văn B' });
	});

	it('leaves out what did not happen', () => {
		const empty = buildTimeline({
			links: [link(3, 10)],
			messages: [],
			codes: [],
			progress: [{ openedAt: null, verifiedAt: null, attestedAt: null, attestation: null, credentialAt: null }]
		});
		expect(empty.map((e) => e.kind)).toEqual(['linkIssued']);
		expect(hasCredential({ progress: [] })).toBe(false);
		expect(hasCredential(facts)).toBe(true);
	});

	it('lists the live links newest first', () => {
		const live = liveLinks({ links: [link(1, 100), link(2, 300), link(3, 300), link(4, 50, { revokedAt: 60 })] });
		expect(live.map((l) => l.id)).toEqual([3, 2, 1]);
	});
});
