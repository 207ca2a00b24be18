// Failure throttling with growing delays: a leaky bucket of free failures (one leaks away every `leakSeconds`),
// then a wait that doubles with each further failure up to a cap; a success empties the bucket. A key is a
// (scope, client) pair, so a guesser slows only itself and never locks the owner out (issue 14).
import { vietnamDateTimeText } from './vietnam-time';

export interface ThrottlePolicy {
	/** Failures allowed before the first delay (the bucket's size). */
	freeFailures: number;
	/** One counted failure is forgotten every this many seconds. */
	leakSeconds: number;
	/** The first delay; each further failure doubles it. */
	baseSeconds: number;
	/** The longest delay. */
	maxSeconds: number;
}

export interface ThrottleState {
	failures: number;
	/** The leak clock: failures counted before it have leaked, one per `leakSeconds` since. */
	windowStart: number;
	lockedUntil: number | null;
}

/** Per account and client (the browser's known-device id, else its address): the owner's own typos stay cheap. */
export const ACCOUNT_CLIENT_POLICY: ThrottlePolicy = {
	freeFailures: 4,
	leakSeconds: 15 * 60,
	baseSeconds: 60,
	maxSeconds: 30 * 60
};
// Distributed guessing of one account: many addresses, no known-device cookie. The owner's known browser is exempt.
export const ACCOUNT_POLICY: ThrottlePolicy = {
	freeFailures: 30,
	leakSeconds: 120,
	baseSeconds: 60,
	maxSeconds: 15 * 60
};
// Offices share one NAT address: a burst of 60, then about 120 failures an hour; a colleague's known browser is exempt.
export const IP_POLICY: ThrottlePolicy = { freeFailures: 60, leakSeconds: 30, baseSeconds: 60, maxSeconds: 15 * 60 };
// A second factor is guessed only by someone who has the password: the 5th wrong code waits 15 minutes, then longer.
export const TOTP_POLICY: ThrottlePolicy = {
	freeFailures: 4,
	leakSeconds: 60 * 60,
	baseSeconds: 15 * 60,
	maxSeconds: 24 * 60 * 60
};

/** The wait after the n-th failure: none while free, then base, 2×base, 4×base… at most the cap. */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
	const over = failures - policy.freeFailures;
	if (over <= 0) return 0;
	return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** Math.min(over - 1, 30));
}

export function lockedFor(state: ThrottleState | null, now: number): number {
	if (!state?.lockedUntil || state.lockedUntil <= now) return 0;
	return state.lockedUntil - now;
}

/** Counts one failure; `lockedNow` is true when it starts a wait (a trip worth one audit event). */
export function recordFailure(
	state: ThrottleState | null,
	policy: ThrottlePolicy,
	now: number
): { state: ThrottleState; lockedNow: boolean } {
	const leaked = state ? Math.floor(Math.max(0, now - state.windowStart) / policy.leakSeconds) : 0;
	const kept = state ? Math.max(0, state.failures - leaked) : 0;
	const failures = kept + 1;
	const delay = delayAfter(failures, policy);
	return {
		state: {
			failures,
			windowStart: kept === 0 ? now : state!.windowStart + leaked * policy.leakSeconds,
			lockedUntil: delay > 0 ? now + delay : null
		},
		lockedNow: delay > 0
	};
}

export function minutesLeft(seconds: number): number {
	return Math.max(1, Math.ceil(seconds / 60));
}

/** "14:05" on Vietnam's clock: when a throttled client may try again (rounded up to the minute). */
export function retryClock(unixSeconds: number): string {
	return vietnamDateTimeText(Math.ceil(unixSeconds / 60) * 60).slice(-5);
}
