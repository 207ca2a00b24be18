// Failure counting with a fixed window and a lockout, shared by per-account and per-IP limits.
export interface ThrottlePolicy {
	maxFailures: number;
	windowSeconds: number;
	lockSeconds: number;
}

export interface ThrottleState {
	failures: number;
	windowStart: number;
	lockedUntil: number | null;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 };
// Offices share one NAT address, so the per-IP limit is looser than the per-account one.
export const IP_POLICY: ThrottlePolicy = { maxFailures: 30, windowSeconds: 15 * 60, lockSeconds: 15 * 60 };

export function lockedFor(state: ThrottleState | null, now: number): number {
	if (!state?.lockedUntil || state.lockedUntil <= now) return 0;
	return state.lockedUntil - now;
}

export function recordFailure(
	state: ThrottleState | null,
	policy: ThrottlePolicy,
	now: number
): { state: ThrottleState; lockedNow: boolean } {
	const fresh =
		!state ||
		now - state.windowStart >= policy.windowSeconds ||
		(state.lockedUntil !== null && state.lockedUntil <= now);
	const failures = fresh ? 1 : state!.failures + 1;
	const windowStart = fresh ? now : state!.windowStart;
	const lockedNow = failures >= policy.maxFailures;
	return {
		state: {
			failures: lockedNow ? 0 : failures,
			windowStart,
			lockedUntil: lockedNow ? now + policy.lockSeconds : null
		},
		lockedNow
	};
}

export function minutesLeft(seconds: number): number {
	return Math.max(1, Math.ceil(seconds / 60));
}
