import { describe, expect, it } from 'vitest';
import {
	DEFAULT_POLICY,
	daysBetween,
	dueScheduledRuns,
	parseDaysBefore,
	policySchema,
	reminderDecision,
	type ReminderCandidate
} from '$lib/domain/reminders';
import { parseForm } from '$lib/domain/form';
import { vietnamDate } from '$lib/domain/vietnam-time';

const on = { ...DEFAULT_POLICY, autoEnabled: true };
const base: ReminderCandidate = {
	personId: 1,
	hasCredential: false,
	hasContact: true,
	remindersSent: 0,
	lastReminderAt: null,
	lastActiveAt: null
};
const NOW = 1_800_000_000;

describe('reminder policy input', () => {
	it('parses days before the close, refusing junk with a key', () => {
		expect(parseDaysBefore('3, 7 7')).toEqual({ ok: true, days: [7, 3] });
		for (const bad of ['', '0', '61', 'a', '1,2,3,4,5,6', '-3'])
			expect(parseDaysBefore(bad)).toEqual({ ok: false, error: { key: 'reminder.error.days' } });
	});

	it('validates the whole policy and reports each bad field', () => {
		const good = parseForm(policySchema, { auto: 'on', days: '7,3', interval: '48', cap: '3' });
		expect(good.ok && good.value).toEqual({
			autoEnabled: true,
			daysBefore: [7, 3],
			minIntervalHours: 48,
			maxPerPerson: 3
		});
		const bad = parseForm(policySchema, { days: 'x', interval: '0', cap: '11' });
		expect({ ok: bad.ok, errors: !bad.ok && bad.errors }).toEqual({
			ok: false,
			errors: {
				days: { key: 'reminder.error.days' },
				interval: { key: 'reminder.error.interval' },
				cap: { key: 'reminder.error.cap' }
			}
		});
	});
});

describe('scheduled reminders', () => {
	it('runs the reminder of the day when it comes, once, and never after the close', () => {
		expect(daysBetween('2026-12-01', '2026-12-08')).toBe(7);
		expect(dueScheduledRuns('2026-12-10', on, new Set(), '2026-12-02')).toEqual({ run: null, skip: [] });
		expect(dueScheduledRuns('2026-12-10', on, new Set(), '2026-12-03')).toEqual({ run: 7, skip: [] });
		expect(dueScheduledRuns('2026-12-10', on, new Set([7]), '2026-12-05')).toEqual({ run: null, skip: [] });
		expect(dueScheduledRuns('2026-12-10', on, new Set([7]), '2026-12-07')).toEqual({ run: 3, skip: [] });
		expect(dueScheduledRuns('2026-12-10', on, new Set(), '2026-12-11')).toEqual({ run: null, skip: [] });
	});

	it('sends only the nearest when several are due at once, and nothing when turned off', () => {
		expect(dueScheduledRuns('2026-12-10', on, new Set(), '2026-12-08')).toEqual({ run: 3, skip: [7] });
		expect(dueScheduledRuns('2026-12-10', DEFAULT_POLICY, new Set(), '2026-12-08')).toEqual({ run: null, skip: [] });
		expect(dueScheduledRuns(null, on, new Set(), '2026-12-08')).toEqual({ run: null, skip: [] });
	});

	it('counts days in Vietnam time', () => {
		// 17:30 UTC on 1 December is already 2 December in Vietnam.
		expect(vietnamDate(Date.parse('2026-12-01T17:30:00Z') / 1000)).toBe('2026-12-02');
		expect(vietnamDate(Date.parse('2026-12-01T16:59:00Z') / 1000)).toBe('2026-12-01');
	});
});

describe('who gets a reminder', () => {
	it('stops the moment a person has a credential, and skips people without a contact', () => {
		expect(reminderDecision({ ...base, hasCredential: true }, on, NOW)).toEqual({ send: false, reason: 'submitted' });
		expect(reminderDecision({ ...base, hasContact: false }, on, NOW)).toEqual({ send: false, reason: 'noContact' });
		expect(reminderDecision(base, on, NOW)).toEqual({ send: true });
	});

	it('respects the cap, the minimum interval and someone answering right now', () => {
		expect(reminderDecision({ ...base, remindersSent: 3 }, on, NOW)).toEqual({ send: false, reason: 'capReached' });
		expect(reminderDecision({ ...base, remindersSent: 1, lastReminderAt: NOW - 47 * 3600 }, on, NOW)).toEqual({
			send: false,
			reason: 'tooSoon'
		});
		expect(reminderDecision({ ...base, remindersSent: 1, lastReminderAt: NOW - 48 * 3600 }, on, NOW)).toEqual({
			send: true
		});
		expect(reminderDecision({ ...base, lastActiveAt: NOW - 600 }, on, NOW)).toEqual({ send: false, reason: 'active' });
		expect(reminderDecision({ ...base, lastActiveAt: NOW - 3 * 3600 }, on, NOW)).toEqual({ send: true });
	});
});
