import { describe, expect, it } from 'vitest';
import { blockedRangeOf, parseIp } from '$lib/domain/delivery-address';
import {
	backoffSeconds,
	checkGatewayTemplate,
	chooseRoute,
	nextStep,
	renderGatewayBody,
	reserveSlot,
	type ChannelSet
} from '$lib/domain/delivery';
import { codeMessage, escapeHtml, invitationMessage } from '$lib/server/delivery/templates';
import { domainOf } from '$lib/server/delivery/notifier';

const ALL: ChannelSet = { email: true, sms: true, demo: false };
const person = { email: 'an@example.vn', phone: '+84901234567' };

describe('routing a message to a person', () => {
	it('prefers e-mail, then SMS, then the demo outbox, else nothing', () => {
		expect(chooseRoute(person, ALL)).toEqual({ channel: 'email', recipient: 'an@example.vn', contact: 'email' });
		expect(chooseRoute({ email: null, phone: person.phone }, ALL)).toEqual({
			channel: 'sms',
			recipient: person.phone,
			contact: 'sms'
		});
		expect(chooseRoute(person, { email: false, sms: true, demo: false })?.channel).toBe('sms');
		expect(chooseRoute(person, { email: false, sms: false, demo: true })).toEqual({
			channel: 'demo',
			recipient: 'an@example.vn',
			contact: 'email'
		});
		expect(chooseRoute({ email: null, phone: person.phone }, { email: true, sms: false, demo: false })).toBeNull();
		expect(chooseRoute({ email: null, phone: null }, { email: true, sms: true, demo: true })).toBeNull();
	});
});

describe('retries', () => {
	it('backs off 30 s doubled per failure, capped at an hour, within ±20 %', () => {
		expect([1, 2, 3, 4].map((n) => backoffSeconds(n, 0.5))).toEqual([30, 60, 120, 240]);
		expect(backoffSeconds(20, 0.5)).toBe(3600);
		expect(backoffSeconds(1, 0)).toBe(24);
		expect(backoffSeconds(1, 1)).toBe(36);
	});

	it('decides sent, retry, or give up', () => {
		const m = { kind: 'invitation' as const, attempts: 1, createdAt: 1000 };
		expect(nextStep({ ok: true }, m, 1000, 8, 0.5)).toEqual({ status: 'sent' });
		expect(nextStep({ ok: false, retryable: true, error: 'x' }, m, 1000, 8, 0.5)).toEqual({
			status: 'queued',
			nextAttemptAt: 1030
		});
		expect(nextStep({ ok: false, retryable: false, error: 'x' }, m, 1000, 8, 0.5)).toEqual({
			status: 'failed',
			reason: 'permanent'
		});
		expect(nextStep({ ok: false, retryable: true, error: 'x' }, { ...m, attempts: 8 }, 1000, 8, 0.5)).toEqual({
			status: 'failed',
			reason: 'attempts'
		});
		// A code is not retried past its 10-minute life.
		const code = { kind: 'code' as const, attempts: 4, createdAt: 1000 };
		expect(nextStep({ ok: false, retryable: true, error: 'x' }, code, 1000 + 400, 8, 0.5)).toEqual({
			status: 'failed',
			reason: 'expired'
		});
	});

	it('spaces sends evenly at the channel rate', () => {
		let next = 0;
		const starts: number[] = [];
		for (let i = 0; i < 5; i++) {
			const slot = reserveSlot(next, 1000, 5);
			starts.push(slot.startAt);
			next = slot.nextFreeMs;
		}
		expect(starts).toEqual([1000, 1200, 1400, 1600, 1800]);
		expect(reserveSlot(0, 5000, Infinity)).toEqual({ startAt: 5000, nextFreeMs: 5000 });
	});
});

describe('gateway body template', () => {
	it('JSON-escapes the values it fills in', () => {
		const body = renderGatewayBody('{"phone":"{{to}}","message":"{{text}}","ref":"{{messageId}}"}', {
			to: '+84 90',
			text: 'Mã "123"\nxin \\ cảm ơn',
			messageId: '<d-1@x>'
		});
		expect(JSON.parse(body)).toEqual({ phone: '+84 90', message: 'Mã "123"\nxin \\ cảm ơn', ref: '<d-1@x>' });
	});

	it('accepts only templates that stay JSON and carry both placeholders', () => {
		expect(checkGatewayTemplate('{"to":"{{to}}","text":"{{text}}"}')).toBe(true);
		expect(checkGatewayTemplate('{"to":{{to}},"text":"{{text}}"}')).toBe(false);
		expect(checkGatewayTemplate('{"to":"{{to}}"}')).toBe(false);
		expect(checkGatewayTemplate('to={{to}}&text={{text}}')).toBe(false);
	});
});

describe('forbidden addresses for the webhook', () => {
	it.each([
		['127.0.0.1', 'loopback'],
		['10.20.30.40', 'private'],
		['172.16.0.1', 'private'],
		['172.31.255.255', 'private'],
		['192.168.1.1', 'private'],
		['100.64.0.1', 'cgnat'],
		['169.254.169.254', 'metadata'],
		['169.254.10.1', 'link-local'],
		['0.0.0.0', 'unspecified'],
		['224.0.0.1', 'multicast'],
		['255.255.255.255', 'reserved'],
		['::1', 'loopback'],
		['[::1]', 'loopback'],
		['::', 'unspecified'],
		['fc00::1', 'unique-local'],
		['fd12:3456::1', 'unique-local'],
		['fd00:ec2::254', 'metadata'],
		['fe80::1%eth0', 'link-local'],
		['ff02::1', 'multicast'],
		['::ffff:127.0.0.1', 'loopback'],
		['::ffff:a9fe:a9fe', 'metadata'],
		['64:ff9b::10.0.0.1', 'private'],
		['2002:c0a8:0101::1', 'private'],
		['not-an-ip', 'invalid']
	])('%s is refused (%s)', (address, range) => {
		expect(blockedRangeOf(address)).toBe(range);
	});

	it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8', '113.160.1.1'])(
		'%s is public',
		(address) => {
			expect(blockedRangeOf(address)).toBeNull();
		}
	);

	it('parses only real IP literals', () => {
		expect(parseIp('256.1.1.1')).toBeNull();
		expect(parseIp('1:2:3:4:5:6:7:8:9')).toBeNull();
		expect(parseIp('sms.example.vn')).toBeNull();
		expect(parseIp('1::2::3')).toBeNull();
	});
});

describe('message templates', () => {
	const link = {
		fullName: 'Nguyễn Thị <b>Hoà</b>',
		title: 'Khảo sát "PAR" & SIPAS 2026',
		url: 'https://ks.example.vn/s/abcdefghijklmnopqrstuvwxyz234567',
		closesOn: '2026-11-30'
	};

	it('escapes everything in the HTML part, has no remote resources, and says the same in both parts', () => {
		const m = invitationMessage(link, { channel: 'email', contact: 'email' });
		expect(m.html).toContain('Nguyễn Thị &lt;b&gt;Hoà&lt;/b&gt;');
		expect(m.html).toContain('&quot;PAR&quot; &amp; SIPAS');
		expect(m.html).not.toMatch(/<img|<link|src=|url\(/i);
		expect(m.html).toContain(`href="${link.url}"`);
		expect(m.text).toContain(link.url);
		expect(m.text).toContain('Hạn trả lời: hết ngày 30/11/2026.');
		for (const part of [m.subject, m.text, m.html!]) expect(part).toBe(part.normalize('NFC'));
	});

	it('normalises decomposed Vietnamese to NFC', () => {
		const m = invitationMessage(
			{ ...link, fullName: 'Nguyễn Văn Đức'.normalize('NFD') },
			{ channel: 'email', contact: 'email' }
		);
		expect(m.text).toContain('Nguyễn Văn Đức'.normalize('NFC'));
	});

	it('keeps SMS short and text-only', () => {
		const m = codeMessage(
			{
				title: 'Khảo sát mức độ hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước',
				code: '042917'
			},
			{ channel: 'sms', contact: 'sms' }
		);
		expect(m.html).toBeUndefined();
		expect(m.text).toContain('042917');
		expect(m.text.length).toBeLessThanOrEqual(160);
	});

	it('escapes HTML metacharacters', () => {
		expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
	});

	it('takes the Message-ID domain from MAIL_FROM', () => {
		expect(domainOf('"Ban Tổ chức" <khaosat@SoNoiVu.gov.vn>')).toBe('sonoivu.gov.vn');
		expect(domainOf('ks@example.vn')).toBe('example.vn');
		expect(domainOf(null)).toBe('par-survey.invalid');
	});
});
