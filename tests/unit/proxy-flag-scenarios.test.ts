// Scenario suite for the proxy-completion signals (issue 13): synthetic event streams shaped like the
// respondent flow (code.sent → code.verified → credential.issued, with times, addresses, device cookies
// and browser fingerprints), each asserting which kinds fire and which must not, then the detection rate
// over proxy scenarios and the false-flag rate over honest ones.
import { describe, expect, it } from 'vitest';
import {
	FLAG_KINDS,
	computeProxyFlags,
	type FlagEvent,
	type FlagKind,
	type ProxyFlag,
	type ProxyFlagInput
} from '$lib/domain/proxy-flags';

const NOON = 1_800_000_000 - 3 * 3600; // 12:00 in Vietnam on 2027-01-15
const OFFICE_IP = '203.0.113.20';
const MIN = 60;

/** A campaign under construction: people, invitations, devices and the audit events of their sittings. */
function campaign() {
	const input: ProxyFlagInput = { people: [], invitations: [], devices: [], events: [] };
	let seq = 0;
	const event = (invitationId: number, action: FlagEvent['action'], at: number, on: Place): FlagEvent => {
		const e: FlagEvent = { seq: ++seq, at, invitationId, action, ip: on.ip, device: on.device, otherDevice: false };
		if (action === 'code.sent') e.channel = 'email';
		if (action !== 'respondent.assisted') e.fingerprint = on.fingerprint;
		input.events.push(e);
		return e;
	};
	const invite = (id: number, extra: Partial<ProxyFlagInput['invitations'][number]> = {}) => {
		if (input.invitations.some((i) => i.id === id)) return;
		input.people.push({ id: 100 + id, email: `nguoi${id}@example.vn`, phone: null });
		input.invitations.push({
			id,
			personId: 100 + id,
			attestation: 'personal',
			assistHelper: null,
			assistReason: null,
			...extra
		});
	};
	/** Request a code and type it `typeAfter` seconds later on the same browser. */
	const verify = (id: number, at: number, on: Place, typeAfter = 45) => {
		invite(id);
		event(id, 'code.sent', at, on);
		event(id, 'code.verified', at + typeAfter, on);
		const row = input.devices.find((d) => d.invitationId === id && d.deviceHash === on.device);
		if (row) row.verifiedAt = at + typeAfter;
		else
			input.devices.push({ invitationId: id, deviceHash: on.device, verifiedAt: at + typeAfter, credentialAt: null });
	};
	const credential = (id: number, at: number, on: Place) => {
		event(id, 'credential.issued', at, on);
		input.devices.find((d) => d.invitationId === id && d.deviceHash === on.device)!.credentialAt = at;
	};
	/** One whole sitting: code, code typed, answers, credential `minutes` after the request. */
	const sit = (id: number, at: number, minutes: number, on: Place) => {
		verify(id, at, on);
		credential(id, at + minutes * MIN, on);
		return at + minutes * MIN;
	};
	return { input, invite, event, verify, credential, sit };
}
interface Place {
	ip: string;
	device: string;
	fingerprint: string;
}

const PROXY = 'proxy';
const HONEST = 'honest';
interface Scenario {
	name: string;
	truth: typeof PROXY | typeof HONEST;
	input: ProxyFlagInput;
	fires: FlagKind[];
}

// (a) An assistant answers for three leaders in one browser: the device cookie survives.
function oneBrowser(): Scenario {
	const c = campaign();
	const pc = { ip: OFFICE_IP, device: 'dev-assistant', fingerprint: 'fp-assistant-pc' };
	let t = NOON;
	for (const id of [1, 2, 3]) t = c.sit(id, t, 12, pc) + 3 * MIN;
	return {
		name: '(a) proxy, one browser',
		truth: PROXY,
		input: c.input,
		fires: ['sharedDevice', 'sameBrowser', 'serialChain']
	};
}

// (b) The demo's miss: a fresh private window per leader, same PC, same network, back to back.
function privateWindows(): Scenario {
	const c = campaign();
	let t = NOON;
	for (const id of [1, 2])
		t = c.sit(id, t, 9, { ip: OFFICE_IP, device: `dev-private-${id}`, fingerprint: 'fp-assistant-pc' }) + 2 * MIN;
	return {
		name: '(b) proxy, fresh private windows',
		truth: PROXY,
		input: c.input,
		fires: ['sameBrowser', 'serialChain']
	};
}

// (c) The assistant walks between two office PCs: new browser each time, one address, back to back.
function twoPcs(): Scenario {
	const c = campaign();
	const end = c.sit(1, NOON, 10, { ip: OFFICE_IP, device: 'dev-pc1', fingerprint: 'fp-pc1' });
	c.sit(2, end + 4 * MIN, 10, { ip: OFFICE_IP, device: 'dev-pc2', fingerprint: 'fp-pc2' });
	return { name: '(c) proxy, two PCs of one office', truth: PROXY, input: c.input, fires: ['serialChain'] };
}

// (g) Two windows open at once, codes forwarded by the two leaders and typed within seconds.
function relayedCodes(): Scenario {
	const c = campaign();
	const pc = (id: number) => ({ ip: OFFICE_IP, device: `dev-window-${id}`, fingerprint: 'fp-assistant-pc' });
	c.verify(1, NOON, pc(1), 50);
	c.verify(2, NOON + 20, pc(2), 50);
	c.credential(1, NOON + 8 * MIN, pc(1));
	c.credential(2, NOON + 9 * MIN, pc(2));
	return {
		name: '(g) proxy, codes relayed in two windows',
		truth: PROXY,
		input: c.input,
		fires: ['sameFingerprint', 'codeRelayed']
	};
}

// (d) A genuine office: 15 people over lunch from one address, sessions overlapping, three models of
// identical PC (three people each) and six own laptops.
function honestOffice(): Scenario {
	const c = campaign();
	for (let i = 0; i < 15; i++) {
		const fingerprint = i < 9 ? `fp-office-model-${i % 3}` : `fp-laptop-${i}`;
		c.sit(i + 1, NOON + i * 3 * MIN, 20 + (i % 3) * 2, { ip: OFFICE_IP, device: `dev-${i + 1}`, fingerprint });
	}
	return { name: '(d) honest office, 15 overlapping', truth: HONEST, input: c.input, fires: ['sameFingerprint'] };
}

// (e) One leader starts on the phone (mobile network), finishes on the office PC the next morning.
function phoneThenPc(): Scenario {
	const c = campaign();
	c.verify(1, NOON, { ip: '100.64.3.9', device: 'dev-phone', fingerprint: 'fp-phone' });
	c.sit(1, NOON + 20 * 3600, 15, { ip: OFFICE_IP, device: 'dev-pc', fingerprint: 'fp-pc' });
	c.sit(2, NOON + 21 * 3600, 14, { ip: '198.51.100.40', device: 'dev-home', fingerprint: 'fp-home' });
	return { name: '(e) one person, phone then PC', truth: HONEST, input: c.input, fires: ['multiDevice'] };
}

// (f) A leader with poor sight answers with a declared helper on the helper's phone.
function declaredAssistance(): Scenario {
	const c = campaign();
	c.invite(1, { attestation: 'assisted', assistHelper: 'Trần Thị Bích', assistReason: 'Khiếm thị' });
	const helper = { ip: '100.64.8.1', device: 'dev-helper', fingerprint: 'fp-helper' };
	c.verify(1, NOON, helper);
	c.event(1, 'respondent.assisted', NOON + 2 * MIN, helper);
	c.credential(1, NOON + 25 * MIN, helper);
	return { name: '(f) declared assistance', truth: HONEST, input: c.input, fires: ['assisted'] };
}

const SCENARIOS = [
	oneBrowser(),
	privateWindows(),
	twoPcs(),
	relayedCodes(),
	honestOffice(),
	phoneThenPc(),
	declaredAssistance()
];
const kindsOf = (flags: ProxyFlag[]) => [...new Set(flags.map((f) => f.kind))].sort();
// What counts as "caught": a strong signal, or a chain (weak, but it is the one that names a sequence).
const alarming = (f: ProxyFlag) => f.severity === 'strong' || f.kind === 'serialChain';

describe('proxy-flag scenarios', () => {
	for (const s of SCENARIOS) {
		it(`${s.name}: exactly ${s.fires.join(', ')}`, () => {
			const flags = computeProxyFlags(s.input);
			expect(kindsOf(flags)).toEqual([...s.fires].sort());
			const silent = FLAG_KINDS.filter((k) => !s.fires.includes(k));
			for (const kind of silent)
				expect(
					flags.some((f) => f.kind === kind),
					kind
				).toBe(false);
		});
	}

	it('names every person of the proxy in the strong or chain flag, with the events behind it', () => {
		for (const s of SCENARIOS.filter((x) => x.truth === PROXY)) {
			const everyone = s.input.invitations.map((i) => i.personId).sort();
			const caught = computeProxyFlags(s.input).filter(alarming);
			expect(
				caught.some((f) => JSON.stringify(f.personIds) === JSON.stringify(everyone)),
				s.name
			).toBe(true);
			for (const f of caught) expect(f.evidenceSeqs.length, s.name).toBeGreaterThan(0);
		}
	});

	it('detection and false-flag rates', () => {
		const proxy = SCENARIOS.filter((s) => s.truth === PROXY);
		const honest = SCENARIOS.filter((s) => s.truth === HONEST);
		const detected = proxy.filter((s) => computeProxyFlags(s.input).some(alarming)).length;
		const falseFlags = honest.filter((s) => computeProxyFlags(s.input).some(alarming)).length;
		const strongOnly = proxy.filter((s) => computeProxyFlags(s.input).some((f) => f.severity === 'strong')).length;
		console.log(
			`proxy-flag scenarios: detection ${detected}/${proxy.length} (strong alone ${strongOnly}/${proxy.length}), ` +
				`false flags ${falseFlags}/${honest.length} honest scenarios`
		);
		expect(detected).toBe(proxy.length);
		expect(strongOnly).toBe(proxy.length - 1); // (c) two PCs is caught by the (weak) chain only
		expect(falseFlags).toBe(0);
	});
});
