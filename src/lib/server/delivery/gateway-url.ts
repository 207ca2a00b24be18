// The SMS/Zalo webhook URL policy (docs/security.md): https only outside demo mode, and no loopback,
// private, link-local, metadata, unspecified or multicast address — judged after DNS resolution, at
// save/start time, before each send, and again at connect time (so DNS rebinding cannot slip by).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { blockedRangeOf, parseIp } from '$lib/domain/delivery-address';
import { message, type Message } from '$lib/domain/message';

export interface GatewayPolicy {
	/** http:// allowed: demo mode only. */
	allowHttp: boolean;
	/** Internal addresses allowed: demo mode and tests only (a test gateway listens on 127.0.0.1). */
	allowPrivateNetworks: boolean;
}

/** Production policy unless the server runs the demo; there is deliberately no environment switch. */
export const gatewayPolicyFor = (demo: boolean): GatewayPolicy => ({ allowHttp: demo, allowPrivateNetworks: demo });

/** A refused gateway address: why, and whether trying again later may help (a DNS failure). */
export type UrlRefusal = { ok: false; problem: Message; retryable?: boolean };
export type Resolver = (host: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (host) =>
	new Promise((resolve, reject) =>
		dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses)))
	);

/** The synchronous part: scheme, no credentials, and an IP literal judged as it is. */
export function checkGatewayUrlShape(raw: string, policy: GatewayPolicy): { ok: true; url: URL } | UrlRefusal {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return { ok: false, problem: message('delivery.error.gatewayUrl') };
	}
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp))
		return { ok: false, problem: message('delivery.error.gatewayHttps') };
	if (url.username || url.password) return { ok: false, problem: message('delivery.error.gatewayCredentials') };
	const host = url.hostname.replace(/^\[|\]$/g, '');
	if (parseIp(host) && !policy.allowPrivateNetworks) {
		const range = blockedRangeOf(host);
		if (range) return { ok: false, problem: message('delivery.error.gatewayBlocked', { host, address: host, range }) };
	}
	return { ok: true, url };
}

/** The first forbidden address among a host's addresses, as a problem, or null when all are public. */
export function judgeAddresses(
	host: string,
	addresses: readonly { address: string }[],
	policy: GatewayPolicy
): Message | null {
	if (policy.allowPrivateNetworks) return null;
	for (const a of addresses) {
		const range = blockedRangeOf(a.address);
		if (range) return message('delivery.error.gatewayBlocked', { host, address: a.address, range });
	}
	return null;
}

/** The whole check, with every address the name resolves to. */
export async function checkGatewayUrl(
	raw: string,
	policy: GatewayPolicy,
	resolve: Resolver = systemResolver
): Promise<{ ok: true; url: URL } | UrlRefusal> {
	const shape = checkGatewayUrlShape(raw, policy);
	if (!shape.ok) return shape;
	const host = shape.url.hostname.replace(/^\[|\]$/g, '');
	if (parseIp(host)) return shape;
	let addresses: LookupAddress[];
	try {
		addresses = await resolve(host);
	} catch {
		return { ok: false, problem: message('delivery.error.gatewayDns', { host }), retryable: true };
	}
	if (!addresses.length) return { ok: false, problem: message('delivery.error.gatewayDns', { host }), retryable: true };
	const blocked = judgeAddresses(host, addresses, policy);
	return blocked ? { ok: false, problem: blocked } : shape;
}

export class BlockedAddressError extends Error {
	constructor(readonly problem: Message) {
		super(`blocked address ${String(problem.params?.address)}`);
		this.name = 'BlockedAddressError';
	}
}

/** A `lookup` for http.request that refuses forbidden addresses at connect time. */
export function guardedLookup(policy: GatewayPolicy): LookupFunction {
	return (hostname, options, callback) => {
		dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
			if (err) return callback(err, '', 4);
			const list = addresses as LookupAddress[];
			const blocked = judgeAddresses(hostname, list, policy);
			if (blocked) return callback(new BlockedAddressError(blocked) as NodeJS.ErrnoException, '', 4);
			if (!list.length)
				return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
			if ((options as { all?: boolean }).all)
				return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
			callback(null, list[0].address, list[0].family);
		});
	};
}
