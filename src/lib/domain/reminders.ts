// Reminder rules (issue 5): who gets a reminder now, and which scheduled reminders are due. Pure:
// the service feeds it rows and the clock.

export interface ReminderPolicy {
	autoEnabled: boolean;
	/** Days before the closing date, e.g. [7, 3]. */
	daysBefore: number[];
	minIntervalHours: number;
	maxPerPerson: number;
}

export const DEFAULT_POLICY: ReminderPolicy = {
	autoEnabled: false,
	daysBefore: [7, 3],
	minIntervalHours: 48,
	maxPerPerson: 3
};
export const POLICY_LIMITS = {
	days: { min: 1, max: 60, count: 5 },
	interval: { min: 1, max: 720 },
	cap: { min: 1, max: 10 }
} as const;
/** Someone answering right now is left alone: a reminder would replace the link they are using. */
export const ACTIVE_WINDOW_SECONDS = 2 * 60 * 60;

export type PolicyErrors = Partial<Record<'daysBefore' | 'minIntervalHours' | 'maxPerPerson', string>>;

export function parsePolicy(input: {
	autoEnabled: unknown;
	daysBefore: unknown;
	minIntervalHours: unknown;
	maxPerPerson: unknown;
}): { ok: true; policy: ReminderPolicy } | { ok: false; errors: PolicyErrors } {
	const errors: PolicyErrors = {};
	const days = parseDaysBefore(String(input.daysBefore ?? ''));
	if (!days.ok) errors.daysBefore = days.error;
	const interval = parseBounded(input.minIntervalHours, POLICY_LIMITS.interval);
	if (interval === null) errors.minIntervalHours = 'reminder.error.interval';
	const cap = parseBounded(input.maxPerPerson, POLICY_LIMITS.cap);
	if (cap === null) errors.maxPerPerson = 'reminder.error.cap';
	if (!days.ok || interval === null || cap === null) return { ok: false, errors };
	const on = input.autoEnabled === true || input.autoEnabled === 'on' || input.autoEnabled === '1';
	return {
		ok: true,
		policy: { autoEnabled: on, daysBefore: days.days, minIntervalHours: interval, maxPerPerson: cap }
	};
}

function parseBounded(value: unknown, limits: { min: number; max: number }): number | null {
	const text = String(value ?? '').trim();
	if (!/^\d{1,4}$/.test(text)) return null;
	const n = Number(text);
	return n >= limits.min && n <= limits.max ? n : null;
}

/** "7, 3" → [7, 3] (descending, unique). */
export function parseDaysBefore(text: string): { ok: true; days: number[] } | { ok: false; error: string } {
	const parts = text.split(/[,;\s]+/).filter(Boolean);
	if (parts.length === 0 || parts.length > POLICY_LIMITS.days.count) return { ok: false, error: 'reminder.error.days' };
	const days: number[] = [];
	for (const p of parts) {
		if (!/^\d{1,2}$/.test(p)) return { ok: false, error: 'reminder.error.days' };
		const n = Number(p);
		if (n < POLICY_LIMITS.days.min || n > POLICY_LIMITS.days.max) return { ok: false, error: 'reminder.error.days' };
		if (!days.includes(n)) days.push(n);
	}
	return { ok: true, days: days.sort((a, b) => b - a) };
}

/** Days between two ISO calendar dates (b − a). */
export function daysBetween(a: string, b: string): number {
	return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Today's calendar date in Vietnam (UTC+7, no daylight saving). */
export function vietnamDate(unixSeconds: number): string {
	return new Date((unixSeconds + 7 * 3600) * 1000).toISOString().slice(0, 10);
}

/**
 * Scheduled reminders due now: for each configured day d not yet run, once today is on or after
 * (closing date − d) and the campaign has not closed. Only the nearest one runs when several are
 * due together (a late start should not send two reminders at once); the others are marked done.
 */
export function dueScheduledRuns(
	closesOn: string | null,
	policy: ReminderPolicy,
	alreadyRun: Set<number>,
	today: string
): { run: number | null; skip: number[] } {
	if (!policy.autoEnabled || !closesOn) return { run: null, skip: [] };
	const left = daysBetween(today, closesOn);
	if (left < 0) return { run: null, skip: [] };
	const due = policy.daysBefore.filter((d) => !alreadyRun.has(d) && left <= d);
	if (due.length === 0) return { run: null, skip: [] };
	const nearest = Math.min(...due);
	return { run: nearest, skip: due.filter((d) => d !== nearest) };
}

export interface ReminderCandidate {
	personId: number;
	hasCredential: boolean;
	hasContact: boolean;
	remindersSent: number;
	lastReminderAt: number | null;
	lastActiveAt: number | null;
}

export type SkipReason = 'submitted' | 'noContact' | 'capReached' | 'tooSoon' | 'active';

export function reminderDecision(
	c: ReminderCandidate,
	policy: ReminderPolicy,
	now: number
): { send: true } | { send: false; reason: SkipReason } {
	if (c.hasCredential) return { send: false, reason: 'submitted' };
	if (!c.hasContact) return { send: false, reason: 'noContact' };
	if (c.remindersSent >= policy.maxPerPerson) return { send: false, reason: 'capReached' };
	if (c.lastReminderAt !== null && now - c.lastReminderAt < policy.minIntervalHours * 3600)
		return { send: false, reason: 'tooSoon' };
	if (c.lastActiveAt !== null && now - c.lastActiveAt < ACTIVE_WINDOW_SECONDS) return { send: false, reason: 'active' };
	return { send: true };
}
