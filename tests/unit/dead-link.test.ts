// The dead-link explanation travels in the query: only checked words and bounded dates come back out.
import { describe, expect, it } from 'vitest';
import { deadLinkQuery, readDeadLink, type DeadLink } from '$lib/domain/dead-link';

const NOW = Date.parse('2027-01-05T03:00:00Z') / 1000;
const read = (query: string) => readDeadLink(new URLSearchParams(query), NOW);

describe('dead-link query', () => {
	it('round-trips each reason with only the parts it uses', () => {
		const revoked: DeadLink = {
			reason: 'revoked',
			at: NOW - 86_400,
			newer: { via: 'sms', at: NOW - 3600 },
			campaign: 'dtxh-2026'
		};
		expect(read(deadLinkQuery(revoked))).toEqual(revoked);
		const answered: DeadLink = { reason: 'answered', at: NOW, newer: { via: 'email', at: NOW }, campaign: 'dtxh-2026' };
		expect(deadLinkQuery(answered)).toBe('link=answered&c=dtxh-2026');
		expect(deadLinkQuery({ reason: 'invalid', at: null, newer: null, campaign: null })).toBe('link=invalid');
		expect(read(`link=expired&at=${NOW}&c=dtxh-2026`)).toEqual({
			reason: 'expired',
			at: NOW,
			newer: null,
			campaign: 'dtxh-2026'
		});
	});

	it('drops what it does not expect: unknown reasons, channels, slugs, future or ancient dates', () => {
		expect(read('link=hacked')).toBeNull();
		expect(read('')).toBeNull();
		expect(read('link=revoked&at=9999999999&newer=12&via=pigeon&c=<script>')).toEqual({
			reason: 'revoked',
			at: null,
			newer: null,
			campaign: null
		});
		expect(read(`link=replaced&at=${NOW}&newer=${NOW}&via=pigeon`)?.newer).toEqual({ via: null, at: NOW });
		// An unknown link names no campaign, whatever the query says.
		expect(read('link=invalid&c=dtxh-2026')?.campaign).toBeNull();
	});
});
