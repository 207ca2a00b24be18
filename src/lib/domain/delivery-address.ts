// Which IP addresses an outgoing webhook may reach (docs/security.md: no loopback, private, link-local,
// metadata, unspecified or multicast address). Pure: the caller resolves names, this only judges.

interface Range {
	name: string;
	bits: 32 | 128;
	base: bigint;
	prefix: number;
}

function v4(text: string): bigint | null {
	const parts = text.split('.');
	if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
	return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function v6(text: string): bigint | null {
	const address = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
	let tail: bigint | null = null;
	let body = address;
	// An embedded dotted IPv4 tail (::ffff:10.0.0.1) counts as the last two groups.
	const dotted = /(^|:)(\d+\.\d+\.\d+\.\d+)$/.exec(address);
	if (dotted) {
		tail = v4(dotted[2]);
		if (tail === null) return null;
		body = address.slice(0, address.length - dotted[2].length) + '0:0';
	}
	const halves = body.split('::');
	if (halves.length > 2) return null;
	const groups = (s: string) => (s === '' ? [] : s.split(':'));
	const head = groups(halves[0]);
	const rest = halves.length === 2 ? groups(halves[1]) : [];
	const missing = 8 - head.length - rest.length;
	if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) return null;
	const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...rest];
	if (all.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null;
	const value = all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
	return tail === null ? value : (value & ~0xffffffffn) | tail;
}

/** The address as a number with its width, or null when it is not an IP literal. */
export function parseIp(text: string): { bits: 32 | 128; value: bigint } | null {
	const four = v4(text);
	if (four !== null) return { bits: 32, value: four };
	const six = text.includes(':') ? v6(text) : null;
	return six === null ? null : { bits: 128, value: six };
}

function range(name: string, cidr: string): Range {
	const [address, prefix] = cidr.split('/');
	const ip = parseIp(address)!;
	return { name, bits: ip.bits, base: ip.value, prefix: Number(prefix) };
}

const RANGES: Range[] = [
	range('unspecified', '0.0.0.0/8'),
	range('private', '10.0.0.0/8'),
	range('cgnat', '100.64.0.0/10'),
	range('loopback', '127.0.0.0/8'),
	range('metadata', '169.254.169.254/32'),
	range('link-local', '169.254.0.0/16'),
	range('private', '172.16.0.0/12'),
	range('reserved', '192.0.0.0/24'),
	range('documentation', '192.0.2.0/24'),
	range('private', '192.168.0.0/16'),
	range('benchmark', '198.18.0.0/15'),
	range('documentation', '198.51.100.0/24'),
	range('documentation', '203.0.113.0/24'),
	range('multicast', '224.0.0.0/4'),
	range('reserved', '240.0.0.0/4'),
	range('unspecified', '::/128'),
	range('loopback', '::1/128'),
	range('metadata', 'fd00:ec2::254/128'),
	range('unique-local', 'fc00::/7'),
	range('link-local', 'fe80::/10'),
	range('site-local', 'fec0::/10'),
	range('multicast', 'ff00::/8'),
	range('discard', '100::/64'),
	range('documentation', '2001:db8::/32')
];

function inRange(ip: { bits: number; value: bigint }, r: Range): boolean {
	if (ip.bits !== r.bits) return false;
	const shift = BigInt(r.bits - r.prefix);
	return ip.value >> shift === r.base >> shift;
}

// IPv6 forms that carry an IPv4 address: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 and 6to4.
function embeddedV4(value: bigint): bigint | null {
	if (value >> 32n === 0xffffn || value >> 32n === 0n) return value & 0xffffffffn;
	if (value >> 32n === 0x0064ff9b0000000000000000n) return value & 0xffffffffn;
	if (value >> 112n === 0x2002n) return (value >> 80n) & 0xffffffffn;
	return null;
}

/** The name of the forbidden range an address falls in ('loopback', 'private', …), or null when it is public. */
export function blockedRangeOf(address: string): string | null {
	const ip = parseIp(address);
	if (!ip) return 'invalid';
	const hit = RANGES.find((r) => inRange(ip, r));
	if (hit) return hit.name;
	if (ip.bits === 128) {
		const inner = embeddedV4(ip.value);
		if (inner !== null) return RANGES.find((r) => inRange({ bits: 32, value: inner }, r))?.name ?? null;
	}
	return null;
}
