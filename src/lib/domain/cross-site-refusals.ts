// Which refused cross-site requests get an audit event (ASVS 16.3.1) without letting a flood fill the
// log: one event per origin per minute, at most a few per minute in all, and each event counts
// the refusals left out before it, so nothing goes unreported.

export const REFUSAL_WINDOW_SECONDS = 60;
/** An attacker can forge any number of origins: this caps the events per window whatever they send. */
export const REFUSAL_EVENTS_PER_WINDOW = 10;
/** Origins whose window is over are forgotten beyond this many (their left-out count moves to the total). */
export const REFUSAL_HOSTS_KEPT = 1000;
/** A scheme, `//` and the longest DNS name with a port. */
const ORIGIN_MAX_LENGTH = 300;

export interface RefusalTally {
	hosts: Map<string, { until: number; suppressed: number }>;
	windowStart: number;
	logged: number;
	/** Refusals left out by the overall cap, not yet reported. */
	overflow: number;
}

export type RefusalNote =
	| { log: false }
	/** `suppressed`: this host's refusals left out since its last event; `suppressedOtherHosts`: others'. */
	| { log: true; suppressed: number; suppressedOtherHosts: number };

export function createRefusalTally(): RefusalTally {
	return { hosts: new Map(), windowStart: 0, logged: 0, overflow: 0 };
}

/** An Origin header as the audit log shows it: scheme and host only (never a path), bounded in length. */
export function originOf(header: string | null): string {
	if (header === null || header === '') return '(none)';
	if (header === 'null') return 'null';
	try {
		const url = new URL(header);
		return url.host ? `${url.protocol}//${url.host}`.slice(0, ORIGIN_MAX_LENGTH) : '(invalid)';
	} catch {
		return '(invalid)';
	}
}

/** Counts one refusal from `host` at `now` (seconds) and says whether to write an event for it. */
export function noteRefusal(tally: RefusalTally, host: string, now: number): RefusalNote {
	const entry = tally.hosts.get(host);
	if (entry && now < entry.until) {
		entry.suppressed++;
		return { log: false };
	}
	if (now >= tally.windowStart + REFUSAL_WINDOW_SECONDS) {
		tally.windowStart = now;
		tally.logged = 0;
	}
	if (tally.logged >= REFUSAL_EVENTS_PER_WINDOW) {
		tally.overflow++;
		return { log: false };
	}
	tally.logged++;
	const note = { log: true as const, suppressed: entry?.suppressed ?? 0, suppressedOtherHosts: tally.overflow };
	tally.overflow = 0;
	tally.hosts.set(host, { until: now + REFUSAL_WINDOW_SECONDS, suppressed: 0 });
	if (tally.hosts.size > REFUSAL_HOSTS_KEPT) forgetQuietHosts(tally, now);
	return note;
}

function forgetQuietHosts(tally: RefusalTally, now: number): void {
	for (const [host, entry] of tally.hosts) {
		if (now < entry.until) continue;
		tally.overflow += entry.suppressed;
		tally.hosts.delete(host);
	}
}
