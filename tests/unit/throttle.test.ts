import { describe, expect, it } from 'vitest';
import {
	ACCOUNT_CLIENT_POLICY,
	delayAfter,
	lockedFor,
	minutesLeft,
	recordFailure,
	retryClock,
	type ThrottlePolicy,
	type ThrottleState
} from '$lib/domain/throttle';

const POLICY: ThrottlePolicy = { freeFailures: 3, leakSeconds: 600, baseSeconds: 60, maxSeconds: 8 * 60 };
const T0 = 1_790_000_000;

/** Fails n times, each right when the previous wait ends; returns the waits that started. */
function failInARow(n: number, policy = POLICY, start: ThrottleState | null = null) {
	let state = start;
	let now = T0;
	const waits: number[] = [];
	for (let i = 0; i < n; i++) {
		now = Math.max(now + 1, state?.lockedUntil ?? 0);
		const r = recordFailure(state, policy, now);
		state = r.state;
		waits.push(r.lockedNow ? r.state.lockedUntil! - now : 0);
	}
	return { waits, state: state!, now };
}

describe('throttling with growing delays', () => {
	it('lets a few failures through free, then waits 1, 2, 4… minutes up to the cap', () => {
		expect(failInARow(9).waits).toEqual([0, 0, 0, 60, 120, 240, 480, 480, 480]);
	});

	it('never overflows: the thousandth failure waits the cap', () => {
		expect(delayAfter(1000, POLICY)).toBe(POLICY.maxSeconds);
		expect(delayAfter(POLICY.freeFailures, POLICY)).toBe(0);
	});

	it('forgets one failure per leak period, so the owner’s old typos stop counting', () => {
		const { state, now } = failInARow(3);
		// Three free failures used; two leak periods later two are forgotten, so two more are free.
		const later = now + 2 * POLICY.leakSeconds;
		const a = recordFailure(state, POLICY, later);
		const b = recordFailure(a.state, POLICY, later + 1);
		expect([a.lockedNow, b.lockedNow]).toEqual([false, false]);
		expect(recordFailure(b.state, POLICY, later + 2).lockedNow).toBe(true);
	});

	it('starts again from nothing after a success (the caller deletes the state)', () => {
		const { state } = failInARow(5);
		expect(lockedFor(state, state.lockedUntil! - 1)).toBe(1);
		// A success clears the row: the next failure is the first of a new run.
		expect(recordFailure(null, POLICY, T0)).toEqual({
			lockedNow: false,
			state: { failures: 1, windowStart: T0, lockedUntil: null }
		});
	});

	it('the per-account-and-client policy gives the owner four free tries', () => {
		expect(failInARow(5, ACCOUNT_CLIENT_POLICY).waits).toEqual([0, 0, 0, 0, 60]);
	});

	it('says when to try again on Vietnam’s clock, rounded up to the minute', () => {
		// 2026-12-06 01:59:30 UTC is 08:59:30 in Vietnam.
		const t = Date.UTC(2026, 11, 6, 1, 59, 30) / 1000;
		expect(retryClock(t)).toBe('09:00');
		expect(retryClock(t + 30)).toBe('09:00');
		expect(minutesLeft(1)).toBe(1);
		expect(minutesLeft(61)).toBe(2);
	});
});
