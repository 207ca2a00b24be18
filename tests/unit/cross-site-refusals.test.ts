import { describe, expect, it } from 'vitest';
import {
	createRefusalTally,
	noteRefusal,
	originOf,
	REFUSAL_EVENTS_PER_WINDOW,
	REFUSAL_HOSTS_KEPT,
	REFUSAL_WINDOW_SECONDS
} from '$lib/domain/cross-site-refusals';

describe('cross-site refusal tally', () => {
	it('logs one event per host per window and counts the refusals left out in the next one', () => {
		const tally = createRefusalTally();
		expect(noteRefusal(tally, 'evil.example', 1000)).toEqual({ log: true, suppressed: 0, suppressedOtherHosts: 0 });
		for (let i = 0; i < 41; i++) expect(noteRefusal(tally, 'evil.example', 1000 + i)).toEqual({ log: false });
		// Another host has a window of its own.
		expect(noteRefusal(tally, 'other.example', 1010)).toMatchObject({ log: true, suppressed: 0 });
		expect(noteRefusal(tally, 'evil.example', 1000 + REFUSAL_WINDOW_SECONDS)).toEqual({
			log: true,
			suppressed: 41,
			suppressedOtherHosts: 0
		});
	});

	it('caps the events of a window whatever hosts a flood names, and reports the rest later', () => {
		const tally = createRefusalTally();
		const notes = Array.from({ length: 500 }, (_, i) => noteRefusal(tally, `h${i}.example`, 5000));
		expect(notes.filter((n) => n.log)).toHaveLength(REFUSAL_EVENTS_PER_WINDOW);
		const next = noteRefusal(tally, 'late.example', 5000 + REFUSAL_WINDOW_SECONDS);
		expect(next).toEqual({ log: true, suppressed: 0, suppressedOtherHosts: 500 - REFUSAL_EVENTS_PER_WINDOW });
	});

	it('keeps a bounded number of hosts, moving a forgotten host’s count to the total', () => {
		const tally = createRefusalTally();
		let now = 0;
		noteRefusal(tally, 'first.example', now);
		noteRefusal(tally, 'first.example', now + 1);
		let peak = 0;
		for (let i = 0; tally.hosts.has('first.example') && i < 10 * REFUSAL_HOSTS_KEPT; i++) {
			now += REFUSAL_WINDOW_SECONDS;
			noteRefusal(tally, `h${i}.example`, now);
			peak = Math.max(peak, tally.hosts.size);
		}
		expect(tally.hosts.has('first.example')).toBe(false);
		expect(peak).toBeLessThanOrEqual(REFUSAL_HOSTS_KEPT);
		expect(noteRefusal(tally, 'x.example', now + REFUSAL_WINDOW_SECONDS)).toMatchObject({ suppressedOtherHosts: 1 });
	});

	it('names the origin by scheme and host only, bounded, whatever the header holds', () => {
		expect(originOf('https://evil.example:8443')).toBe('https://evil.example:8443');
		expect(originOf('https://evil.example/s/secret-token')).toBe('https://evil.example');
		expect(originOf('chrome-extension://abcdef')).toBe('chrome-extension://abcdef');
		expect(originOf(null)).toBe('(none)');
		expect(originOf('null')).toBe('null');
		expect(originOf('not a url')).toBe('(invalid)');
		expect(originOf(`${'x'.repeat(5000)}://${'a'.repeat(60)}.example`).length).toBeLessThanOrEqual(300);
	});
});
