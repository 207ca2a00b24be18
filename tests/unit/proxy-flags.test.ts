import { describe, expect, it } from 'vitest';
import {
	DEFAULT_FLAG_OPTIONS,
	assistedFlags,
	codeOtherDeviceFlags,
	computeProxyFlags,
	failedCodesFlags,
	fastCompletionFlags,
	ipBurstFlags,
	median,
	multiDeviceFlags,
	sharedContactFlags,
	sharedDeviceFlags,
	type FlagDevice,
	type FlagEvent,
	type FlagInvitation,
	type FlagPerson,
	type ProxyFlagInput
} from '$lib/domain/proxy-flags';

const T0 = 1_800_000_000;
let seq = 0;

/** Invitation n belongs to person 100 + n unless said otherwise. */
const inv = (id: number, personId = 100 + id, extra: Partial<FlagInvitation> = {}): FlagInvitation => ({
	id,
	personId,
	attestation: 'personal',
	assistHelper: null,
	assistReason: null,
	...extra
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
	ip: '198.51.100.1',
	device: `dev-${invitationId}`,
	otherDevice: false,
	...extra
});
const dev = (
	invitationId: number,
	deviceHash: string,
	verifiedAt: number | null = T0,
	credentialAt: number | null = null
): FlagDevice => ({ invitationId, deviceHash, verifiedAt, credentialAt });
const person = (id: number, email: string | null, phone: string | null = null): FlagPerson => ({ id, email, phone });

/** n ordinary respondents: own device, own contact, verify then credential after `seconds`, a minute apart, different IPs. */
function cleanCampaign(n: number, seconds = 600): ProxyFlagInput {
	const input: ProxyFlagInput = { people: [], invitations: [], devices: [], events: [] };
	for (let i = 1; i <= n; i++) {
		const start = T0 + i * 60;
		input.people.push(person(100 + i, `nguoi${i}@example.vn`, `+8490000${String(i).padStart(4, '0')}`));
		input.invitations.push(inv(i));
		input.devices.push(dev(i, `dev-${i}`, start, start + seconds));
		input.events.push(ev(i, 'code.sent', start - 30, { channel: 'email' }));
		input.events.push(ev(i, 'code.verified', start, { ip: `198.51.100.${i}` }));
		input.events.push(ev(i, 'credential.issued', start + seconds, { ip: `198.51.100.${i}` }));
	}
	return input;
}

describe('clean data', () => {
	it('raises no flag for independent respondents, even many of them', () => {
		const input = cleanCampaign(40);
		expect(input.events.length).toBe(120);
		expect(computeProxyFlags(input)).toEqual([]);
	});
});

describe('sharedDevice', () => {
	it('flags one device verified or credentialed for two people, with the events on that device', () => {
		const input = cleanCampaign(3);
		// Invitation 2's credential came from invitation 1's device.
		input.devices.push(dev(2, 'dev-1', null, T0 + 999));
		const cred = ev(2, 'credential.issued', T0 + 999, { device: 'dev-1' });
		input.events.push(cred);
		const flags = sharedDeviceFlags(input);
		expect(flags).toHaveLength(1);
		const verified1 = input.events.find((e) => e.invitationId === 1 && e.action === 'code.verified')!;
		const cred1 = input.events.find((e) => e.invitationId === 1 && e.action === 'credential.issued')!;
		expect(flags[0]).toMatchObject({
			kind: 'sharedDevice',
			severity: 'strong',
			invitationIds: [1, 2],
			personIds: [101, 102],
			params: { device: 'dev-1', people: 2 }
		});
		expect(flags[0].evidenceSeqs).toEqual([verified1.seq, cred1.seq, cred.seq].sort((a, b) => a - b));
	});

	it('ignores a device that only opened a second link, and a re-issued link of the same person', () => {
		const input = cleanCampaign(2);
		input.devices.push(dev(2, 'dev-1', null, null)); // opened, never verified
		input.invitations.push(inv(9, 101)); // person 101 again, new link
		input.devices.push(dev(9, 'dev-1', T0 + 5000));
		expect(sharedDeviceFlags(input)).toEqual([]);
	});
});

describe('sharedContact', () => {
	it('flags an e-mail shared by two people (case and spaces aside), with the codes sent there', () => {
		const input = cleanCampaign(3);
		input.people[1].email = ' Nguoi1@Example.vn ';
		const flags = sharedContactFlags(input);
		expect(flags).toHaveLength(1);
		const sent = input.events.filter((e) => e.action === 'code.sent' && e.invitationId <= 2).map((e) => e.seq);
		expect(flags[0]).toMatchObject({
			kind: 'sharedContact',
			severity: 'weak',
			personIds: [101, 102],
			invitationIds: [1, 2],
			evidenceSeqs: sent,
			params: { channel: 'email', contact: 'nguoi1@example.vn', people: 2 }
		});
	});

	it('flags a shared phone, even for people without a link yet, and counts only SMS codes as evidence', () => {
		const input = cleanCampaign(1);
		input.people.push(person(200, null, input.people[0].phone), person(201, null, '+84900009999'));
		const flags = sharedContactFlags(input);
		expect(flags).toHaveLength(1);
		expect(flags[0]).toMatchObject({
			personIds: [101, 200],
			invitationIds: [1],
			evidenceSeqs: [],
			params: { channel: 'phone' }
		});
	});
});

describe('ipBurst', () => {
	/** One verification per person from one IP, `step` seconds apart. */
	const burst = (people: number, step: number, ip = '203.0.113.9') =>
		spread(
			Array.from({ length: people }, (_, i) => i * step),
			ip
		);
	function spread(offsets: number[], ip = '203.0.113.9'): ProxyFlagInput {
		const input: ProxyFlagInput = { people: [], invitations: [], devices: [], events: [] };
		offsets.forEach((offset, i) => {
			input.invitations.push(inv(i + 1));
			input.events.push(ev(i + 1, 'code.verified', T0 + offset, { ip }));
		});
		return input;
	}
	/** n people, the first at 0 s, the last at `span` s, the others in between. */
	const withSpan = (n: number, span: number) => spread([0, ...Array.from({ length: n - 2 }, (_, i) => i + 1), span]);

	it('flags N different people within W minutes, the span inclusive', () => {
		// 10 people, 600 s from first to last: exactly 10 minutes.
		const flags = ipBurstFlags(withSpan(10, 600), DEFAULT_FLAG_OPTIONS);
		expect(flags).toHaveLength(1);
		expect(flags[0]).toMatchObject({
			kind: 'ipBurst',
			severity: 'weak',
			invitationIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
			params: { ip: '203.0.113.9', people: 10, minutes: 10 }
		});
		expect(flags[0].evidenceSeqs).toHaveLength(10);
	});

	it('does not flag one person too few, nor the same people spread one second wider', () => {
		expect(ipBurstFlags(burst(9, 10), DEFAULT_FLAG_OPTIONS)).toEqual([]);
		expect(ipBurstFlags(withSpan(10, 601), DEFAULT_FLAG_OPTIONS)).toEqual([]);
	});

	it('counts people, not verifications: one person verifying ten times is no burst', () => {
		const input = burst(10, 10);
		for (const i of input.invitations) i.personId = 101;
		expect(ipBurstFlags(input, DEFAULT_FLAG_OPTIONS)).toEqual([]);
	});

	it('merges overlapping windows into one flag, keeps distant bursts apart and follows the parameters', () => {
		const input = burst(15, 60); // 15 people over 14 minutes: windows of 10 minutes overlap
		const later = burst(3, 1);
		for (const e of later.events) {
			e.at += 86_400;
			e.invitationId += 100;
		}
		input.invitations.push(...later.invitations.map((i) => inv(i.id + 100)));
		input.events.push(...later.events);
		const flags = ipBurstFlags(input, DEFAULT_FLAG_OPTIONS);
		expect(flags).toHaveLength(1);
		expect(flags[0].invitationIds).toHaveLength(15);
		expect(ipBurstFlags(input, { ipBurstCount: 3, ipBurstMinutes: 2 }).map((f) => f.invitationIds.length)).toEqual([
			15, 3
		]);
	});

	it('keeps IP addresses apart', () => {
		const input = burst(10, 10);
		input.events[0].ip = '192.0.2.1';
		expect(ipBurstFlags(input, DEFAULT_FLAG_OPTIONS)).toEqual([]);
	});
});

describe('fastCompletion', () => {
	it('computes the median, averaging the middle pair for an even count', () => {
		expect(median([5, 1, 3])).toBe(3);
		expect(median([4, 1, 3, 10])).toBe(3.5);
	});

	it('flags below a quarter of the median, not at it', () => {
		// Median 800 s → threshold 200 s.
		const input = cleanCampaign(7, 800);
		const shift = (id: number, seconds: number) => {
			const verified = input.events.find((e) => e.invitationId === id && e.action === 'code.verified')!;
			input.events.find((e) => e.invitationId === id && e.action === 'credential.issued')!.at = verified.at + seconds;
		};
		shift(1, 199);
		shift(2, 200);
		const flags = fastCompletionFlags(input, DEFAULT_FLAG_OPTIONS);
		expect(flags).toHaveLength(1);
		expect(flags[0]).toMatchObject({
			kind: 'fastCompletion',
			invitationIds: [1],
			personIds: [101],
			params: { seconds: 199, median: 800, threshold: 200 }
		});
		expect(flags[0].evidenceSeqs).toHaveLength(2);
	});

	it('never sets the threshold under 60 seconds', () => {
		// Median 100 s → a quarter is 25 s, but the floor is 60 s.
		const input = cleanCampaign(5, 100);
		input.events.find((e) => e.invitationId === 3 && e.action === 'credential.issued')!.at -= 41; // 59 s
		input.events.find((e) => e.invitationId === 4 && e.action === 'credential.issued')!.at -= 40; // 60 s
		const flags = fastCompletionFlags(input, DEFAULT_FLAG_OPTIONS);
		expect(flags.map((f) => f.invitationIds[0])).toEqual([3]);
		expect(flags[0].params).toMatchObject({ seconds: 59, threshold: 60 });
	});

	it('needs five credentialed invitations to have a median', () => {
		const four = cleanCampaign(4, 900);
		four.events.find((e) => e.invitationId === 1 && e.action === 'credential.issued')!.at -= 890;
		expect(fastCompletionFlags(four, DEFAULT_FLAG_OPTIONS)).toEqual([]);
		const five = cleanCampaign(5, 900);
		five.events.find((e) => e.invitationId === 1 && e.action === 'credential.issued')!.at -= 890;
		expect(fastCompletionFlags(five, DEFAULT_FLAG_OPTIONS)).toHaveLength(1);
	});

	it('times from the last verification before the credential', () => {
		const input = cleanCampaign(5, 900);
		const cred = input.events.find((e) => e.invitationId === 1 && e.action === 'credential.issued')!;
		// A fresh code 30 s before sending (drafts stay in the browser): the flag rests on it.
		const reverified = ev(1, 'code.verified', cred.at - 30);
		cred.seq = ++seq;
		input.events.push(reverified);
		const flags = fastCompletionFlags(input, DEFAULT_FLAG_OPTIONS);
		expect(flags).toHaveLength(1);
		expect(flags[0].evidenceSeqs).toEqual([reverified.seq, cred.seq]);
	});
});

describe('multiDevice', () => {
	it('flags a link verified on two devices, not one opened on a second device only', () => {
		const input = cleanCampaign(2);
		input.devices.push(dev(1, 'phone-1', T0 + 3000));
		input.devices.push(dev(2, 'phone-2', null));
		const verified = ev(1, 'code.verified', T0 + 3000, { device: 'phone-1' });
		const second = ev(1, 'link.second_device', T0 + 3000, { device: 'phone-1' });
		input.events.push(verified, second);
		const flags = multiDeviceFlags(input);
		expect(flags).toHaveLength(1);
		const first = input.events.find(
			(e) => e.invitationId === 1 && e.action === 'code.verified' && e.device === 'dev-1'
		)!;
		expect(flags[0]).toMatchObject({
			kind: 'multiDevice',
			invitationIds: [1],
			params: { devices: 2 },
			evidenceSeqs: [first.seq, verified.seq, second.seq]
		});
	});
});

describe('failedCodes', () => {
	const failing = (n: number) => {
		const input = cleanCampaign(1);
		for (let i = 1; i <= n; i++) input.events.push(ev(1, 'code.failed', T0 + i));
		return input;
	};

	it('flags five wrong codes but not four', () => {
		expect(failedCodesFlags(failing(4), DEFAULT_FLAG_OPTIONS)).toEqual([]);
		const flags = failedCodesFlags(failing(5), DEFAULT_FLAG_OPTIONS);
		expect(flags).toHaveLength(1);
		expect(flags[0]).toMatchObject({ kind: 'failedCodes', invitationIds: [1], params: { failed: 5, locked: 0 } });
		expect(flags[0].evidenceSeqs).toHaveLength(5);
	});

	it('flags a lockout whatever the count', () => {
		const input = failing(1);
		input.events.push(ev(1, 'code.locked', T0 + 50));
		expect(failedCodesFlags(input, DEFAULT_FLAG_OPTIONS)[0]).toMatchObject({ params: { failed: 1, locked: 1 } });
	});
});

describe('codeOtherDevice', () => {
	it('flags a code entered on another device than the one that asked for it', () => {
		const input = cleanCampaign(2);
		const moved = ev(2, 'code.verified', T0 + 4000, { otherDevice: true });
		input.events.push(moved);
		const flags = codeOtherDeviceFlags(input);
		expect(flags).toHaveLength(1);
		expect(flags[0]).toMatchObject({
			kind: 'codeOtherDevice',
			severity: 'weak',
			invitationIds: [2],
			personIds: [102],
			evidenceSeqs: [moved.seq],
			params: { count: 1 }
		});
	});
});

describe('assisted', () => {
	it('shows a declared assisted completion as information, with helper and reason', () => {
		const input = cleanCampaign(2);
		input.invitations[1] = inv(2, 102, {
			attestation: 'assisted',
			assistHelper: 'Trần Thị Bích',
			assistReason: 'Khiếm thị'
		});
		const declared = ev(2, 'respondent.assisted', T0 + 200);
		input.events.push(declared);
		const flags = assistedFlags(input);
		expect(flags).toEqual([
			{
				kind: 'assisted',
				severity: 'info',
				invitationIds: [2],
				personIds: [102],
				evidenceSeqs: [declared.seq],
				params: { helper: 'Trần Thị Bích', reason: 'Khiếm thị' }
			}
		]);
	});
});

describe('computeProxyFlags', () => {
	it('puts strong signals first and information last, and honours the options', () => {
		const input = cleanCampaign(6);
		input.invitations[0] = inv(1, 101, {
			attestation: 'assisted',
			assistHelper: 'Lê Văn Hỗ',
			assistReason: 'Không có điện thoại'
		});
		input.events.push(ev(2, 'code.verified', T0 + 5000, { otherDevice: true }));
		input.devices.push(dev(3, 'dev-4', null, T0 + 6000));
		const kinds = computeProxyFlags(input).map((f) => f.kind);
		expect(kinds).toEqual(['sharedDevice', 'codeOtherDevice', 'assisted']);
		// Six people from six different IPs: a burst only if every address is the same one.
		for (const e of input.events) e.ip = '203.0.113.50';
		expect(computeProxyFlags(input).some((f) => f.kind === 'ipBurst')).toBe(false);
		expect(computeProxyFlags(input, { ipBurstCount: 6, ipBurstMinutes: 120 }).some((f) => f.kind === 'ipBurst')).toBe(
			true
		);
	});
});
