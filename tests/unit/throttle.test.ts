import { describe, expect, it } from 'vitest';
import { ACCOUNT_POLICY, lockedFor, minutesLeft, recordFailure, type ThrottleState } from '$lib/domain/throttle';

describe('login throttling', () => {
	it('locks on the fifth failure within the window, for the lock period', () => {
		let state: ThrottleState | null = null;
		const t0 = 1_000_000;
		for (let i = 1; i <= 4; i++) {
			const r = recordFailure(state, ACCOUNT_POLICY, t0 + i);
			expect(r.lockedNow).toBe(false);
			state = r.state;
		}
		const fifth = recordFailure(state, ACCOUNT_POLICY, t0 + 5);
		expect(fifth.lockedNow).toBe(true);
		expect(lockedFor(fifth.state, t0 + 6)).toBe(ACCOUNT_POLICY.lockSeconds - 1);
		expect(lockedFor(fifth.state, t0 + 5 + ACCOUNT_POLICY.lockSeconds)).toBe(0);
	});

	it('starts a new window once the old one has passed', () => {
		const old: ThrottleState = { failures: 4, windowStart: 0, lockedUntil: null };
		const r = recordFailure(old, ACCOUNT_POLICY, ACCOUNT_POLICY.windowSeconds + 1);
		expect(r).toEqual({
			lockedNow: false,
			state: { failures: 1, windowStart: ACCOUNT_POLICY.windowSeconds + 1, lockedUntil: null }
		});
	});

	it('rounds minutes up and never shows zero', () => {
		expect(minutesLeft(1)).toBe(1);
		expect(minutesLeft(61)).toBe(2);
		expect(minutesLeft(900)).toBe(15);
	});
});
