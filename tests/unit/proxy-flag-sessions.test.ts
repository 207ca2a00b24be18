import { describe, expect, it } from 'vitest';
import {
	DEFAULT_FLAG_OPTIONS,
	codeRelayedFlags,
	computeProxyFlags,
	sameBrowserFlags,
	serialChainFlags,
	sessionsOf,
	type FlagEvent,
	type FlagInvitation,
	type ProxyFlagInput
} from '$lib/domain/proxy-flags';

const T0 = 1_800_000_000;
const IP = '203.0.113.7';
let seq = 0;

const inv = (id: number, personId = 100 + id): FlagInvitation => ({
	id,
	personId,
	attestation: 'personal',
	assistHelper: null,
	assistReason: null
});
const ev = (
	invitationId: number,
	action: FlagEvent['action'],
	at: number,
	extra: Partial<FlagEvent> = {}
): FlagEvent => ({
	seq: ++seq,
	at,
	invitationId,
	action,
	ip: IP,
	device: `dev-${invitationId}`,
	fingerprint: 'fp-A',
	...extra
});
/** One sitting: code requested at `start`, typed 40 s later, credential at `end`. */
const sitting = (invitationId: number, start: number, end: number, extra: Partial<FlagEvent> = {}): FlagEvent[] => [
	ev(invitationId, 'code.sent', start, extra),
	ev(invitationId, 'code.verified', start + 40, extra),
	ev(invitationId, 'credential.issued', end, extra)
];
const input = (ids: number[], events: FlagEvent[]): ProxyFlagInput => ({
	people: [],
	invitations: ids.map((id) => inv(id)),
	devices: [],
	events
});
const kinds = (i: ProxyFlagInput) => computeProxyFlags(i).map((f) => f.kind);

describe('sameBrowser / sameFingerprint', () => {
	const window = DEFAULT_FLAG_OPTIONS.sameBrowserMinutes * 60;

	it('links two people on one fingerprint and address, exactly at the window edge', () => {
		// 1's credential at T0+600; 2's first proof (code.verified at start + 40) exactly `window` later.
		const events = [...sitting(1, T0, T0 + 600), ...sitting(2, T0 + 600 + window - 40, T0 + 600 + window + 600)];
		const flags = sameBrowserFlags(input([1, 2], events), DEFAULT_FLAG_OPTIONS);
		expect(flags).toHaveLength(1);
		expect(flags[0]).toMatchObject({
			kind: 'sameBrowser',
			severity: 'strong',
			invitationIds: [1, 2],
			personIds: [101, 102],
			params: { ip: IP, people: 2, minutes: 120 }
		});
		// Evidence: the verifications and credentials, not the code requests.
		expect(flags[0].evidenceSeqs).toEqual(events.filter((e) => e.action !== 'code.sent').map((e) => e.seq));
	});

	it('one second past the window is only the weak sameFingerprint', () => {
		const events = [...sitting(1, T0, T0 + 600), ...sitting(2, T0 + 600 + window - 39, T0 + 600 + window + 600)];
		const flags = sameBrowserFlags(input([1, 2], events), DEFAULT_FLAG_OPTIONS);
		expect(flags.map((f) => [f.kind, f.severity])).toEqual([['sameFingerprint', 'weak']]);
		expect(flags[0].invitationIds).toEqual([1, 2]);
	});

	it('same fingerprint from another address is weak', () => {
		const events = [...sitting(1, T0, T0 + 600), ...sitting(2, T0 + 700, T0 + 1300, { ip: '198.51.100.9' })];
		const flags = sameBrowserFlags(input([1, 2], events), DEFAULT_FLAG_OPTIONS);
		expect(flags).toMatchObject([{ kind: 'sameFingerprint', params: { people: 2, ips: 2 } }]);
	});

	it('overlapping sessions (identical PCs side by side) are weak, not one browser', () => {
		const events = [...sitting(1, T0, T0 + 600), ...sitting(2, T0 + 599, T0 + 1200)];
		expect(sameBrowserFlags(input([1, 2], events), DEFAULT_FLAG_OPTIONS).map((f) => f.kind)).toEqual([
			'sameFingerprint'
		]);
		const touching = [...sitting(1, T0, T0 + 600), ...sitting(2, T0 + 600, T0 + 1200)];
		expect(sameBrowserFlags(input([1, 2], touching), DEFAULT_FLAG_OPTIONS).map((f) => f.kind)).toEqual(['sameBrowser']);
	});

	it('null or missing fingerprints never match each other', () => {
		const events = [
			...sitting(1, T0, T0 + 600, { fingerprint: null }),
			...sitting(2, T0 + 700, T0 + 1300, { fingerprint: null }),
			...sitting(3, T0 + 1400, T0 + 2000, { fingerprint: undefined })
		];
		expect(sameBrowserFlags(input([1, 2, 3], events), DEFAULT_FLAG_OPTIONS)).toEqual([]);
		expect(codeRelayedFlags(input([1, 2, 3], events), DEFAULT_FLAG_OPTIONS)).toEqual([]);
	});

	it('one person on two links (a re-issued link) is not two people', () => {
		const events = [...sitting(1, T0, T0 + 600), ...sitting(2, T0 + 700, T0 + 1300)];
		const i = input([1, 2], events);
		i.invitations[1] = inv(2, 101);
		expect(sameBrowserFlags(i, DEFAULT_FLAG_OPTIONS)).toEqual([]);
	});
});

describe('serialChain', () => {
	const gap = DEFAULT_FLAG_OPTIONS.serialGapMinutes * 60;
	const sameFp = (i: number) => ({ fingerprint: `fp-${i}`, device: `dev-${i}` });

	it('flags two people back to back on one address, exactly at the gap, in chain order with a timeline', () => {
		const events = [...sitting(2, T0, T0 + 600, sameFp(2)), ...sitting(1, T0 + 600 + gap, T0 + 1800 + gap, sameFp(1))];
		const flags = serialChainFlags(input([1, 2], events), DEFAULT_FLAG_OPTIONS);
		expect(flags).toHaveLength(1);
		expect(flags[0]).toMatchObject({
			kind: 'serialChain',
			severity: 'weak',
			invitationIds: [2, 1],
			personIds: [101, 102],
			params: { ip: IP, people: 2, minutes: 10 }
		});
		// T0 = 2027-01-15 08:00:00 UTC = 15:00 in Vietnam.
		expect(flags[0].params.timeline).toBe('15:00–15:10 → 15:20–15:40');
		expect(flags[0].evidenceSeqs).toHaveLength(6);
	});

	it('one second past the gap breaks the chain', () => {
		const events = [...sitting(1, T0, T0 + 600, sameFp(1)), ...sitting(2, T0 + 601 + gap, T0 + 1800 + gap, sameFp(2))];
		expect(serialChainFlags(input([1, 2], events), DEFAULT_FLAG_OPTIONS)).toEqual([]);
	});

	it('overlapping sessions are never a chain; touching ones are', () => {
		const overlap = [...sitting(1, T0, T0 + 600, sameFp(1)), ...sitting(2, T0 + 599, T0 + 1200, sameFp(2))];
		expect(serialChainFlags(input([1, 2], overlap), DEFAULT_FLAG_OPTIONS)).toEqual([]);
		const touching = [...sitting(1, T0, T0 + 600, sameFp(1)), ...sitting(2, T0 + 600, T0 + 1200, sameFp(2))];
		expect(serialChainFlags(input([1, 2], touching), DEFAULT_FLAG_OPTIONS)).toHaveLength(1);
	});

	it('someone else active on the address alongside breaks the chain', () => {
		const events = [
			...sitting(1, T0, T0 + 600, sameFp(1)),
			...sitting(2, T0 + 700, T0 + 1300, sameFp(2)),
			ev(3, 'code.sent', T0 + 650, sameFp(3))
		];
		expect(serialChainFlags(input([1, 2, 3], events), DEFAULT_FLAG_OPTIONS)).toEqual([]);
	});

	it('different addresses are no chain, and an unfinished session is not a link', () => {
		const other = [
			...sitting(1, T0, T0 + 600, sameFp(1)),
			...sitting(2, T0 + 700, T0 + 1300, { ...sameFp(2), ip: '198.51.100.2' })
		];
		expect(serialChainFlags(input([1, 2], other), DEFAULT_FLAG_OPTIONS)).toEqual([]);
		const unfinished = [
			...sitting(1, T0, T0 + 600, sameFp(1)),
			ev(2, 'code.sent', T0 + 700, sameFp(2)),
			ev(2, 'code.verified', T0 + 740, sameFp(2))
		];
		expect(serialChainFlags(input([1, 2], unfinished), DEFAULT_FLAG_OPTIONS)).toEqual([]);
	});

	it('honours serialMinChain: 3 needs three back-to-back people', () => {
		const two = [...sitting(1, T0, T0 + 600, sameFp(1)), ...sitting(2, T0 + 700, T0 + 1300, sameFp(2))];
		expect(serialChainFlags(input([1, 2], two), { ...DEFAULT_FLAG_OPTIONS, serialMinChain: 3 })).toEqual([]);
		const three = [...two, ...sitting(3, T0 + 1400, T0 + 2000, sameFp(3))];
		expect(serialChainFlags(input([1, 2, 3], three), { ...DEFAULT_FLAG_OPTIONS, serialMinChain: 3 })).toMatchObject([
			{ invitationIds: [1, 2, 3], params: { people: 3 } }
		]);
	});
});

describe('codeRelayed', () => {
	const relay = DEFAULT_FLAG_OPTIONS.relaySeconds;

	it('a code typed exactly `relaySeconds` after another person’s code request on one browser', () => {
		const a = ev(1, 'code.sent', T0);
		const b = ev(2, 'code.verified', T0 + relay);
		const flags = codeRelayedFlags(input([1, 2], [a, b]), DEFAULT_FLAG_OPTIONS);
		expect(flags).toEqual([
			{
				kind: 'codeRelayed',
				severity: 'strong',
				invitationIds: [1, 2],
				personIds: [101, 102],
				evidenceSeqs: [a.seq, b.seq],
				params: { fingerprint: 'fp-A', ip: IP, people: 2, seconds: 60 }
			}
		]);
	});

	it('one second later, two requests alone, another fingerprint or null fingerprints: nothing', () => {
		const none = (events: FlagEvent[]) =>
			expect(codeRelayedFlags(input([1, 2], events), DEFAULT_FLAG_OPTIONS)).toEqual([]);
		none([ev(1, 'code.sent', T0), ev(2, 'code.verified', T0 + relay + 1)]);
		none([ev(1, 'code.sent', T0), ev(2, 'code.sent', T0 + 5)]);
		none([ev(1, 'code.sent', T0), ev(2, 'code.verified', T0 + 5, { fingerprint: 'fp-B' })]);
		none([ev(1, 'code.sent', T0, { fingerprint: null }), ev(2, 'code.verified', T0 + 5, { fingerprint: null })]);
	});

	it('one person’s own request then code is not a relay', () => {
		expect(kinds(input([1], [ev(1, 'code.sent', T0), ev(1, 'code.verified', T0 + 20)]))).toEqual([]);
	});
});

describe('sessionsOf', () => {
	it('starts a session at the first code of the sitting that led to the credential', () => {
		const events = [
			ev(1, 'code.sent', T0 - 86_400),
			ev(1, 'code.sent', T0),
			ev(1, 'code.failed', T0 + 30),
			ev(1, 'code.sent', T0 + 60),
			ev(1, 'code.verified', T0 + 90),
			ev(1, 'credential.issued', T0 + 3600)
		];
		expect(sessionsOf(events).get(1)).toMatchObject({ start: T0, end: T0 + 3600, completed: true });
		const unfinished = sessionsOf([ev(2, 'code.sent', T0), ev(2, 'code.verified', T0 + 50)]).get(2);
		expect(unfinished).toMatchObject({ start: T0, end: T0 + 50, completed: false });
	});

	it('a code requested the day before does not hide a chain', () => {
		const events = [
			ev(2, 'code.sent', T0 - 86_400, { fingerprint: 'fp-2' }),
			...sitting(1, T0, T0 + 600, { fingerprint: 'fp-1' }),
			...sitting(2, T0 + 700, T0 + 1300, { fingerprint: 'fp-2' })
		];
		expect(serialChainFlags(input([1, 2], events), DEFAULT_FLAG_OPTIONS)).toHaveLength(1);
	});
});
