// Reminder rules (issue 5): who gets a reminder now, and which scheduled reminders are due. Pure:
// the service feeds it rows and the clock.
import { z } from 'zod';
import { message, type Message, type MessageKey } from './message';

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
const HOUR_SECONDS = 3600;
export const ACTIVE_WINDOW_SECONDS = 2 * HOUR_SECONDS;

/** "7, 3" → [7, 3] (descending, unique). */
export function parseDaysBefore(text: string): { ok: true; days: number[] } | { ok: false; error: Message } {
	const refused = { ok: false as const, error: message('reminder.error.days') };
	const parts = text.split(/[,;\s]+/).filter(Boolean);
	if (parts.length === 0 || parts.length > POLICY_LIMITS.days.count) return refused;
	const days: number[] = [];
	for (const p of parts) {
		if (!/^\d{1,2}$/.test(p)) return refused;
		const n = Number(p);
		if (n < POLICY_LIMITS.days.min || n > POLICY_LIMITS.days.max) return refused;
		if (!days.includes(n)) days.push(n);
	}
	return { ok: true, days: days.sort((a, b) => b - a) };
}

/** A whole number within limits, from a form field; the message key when it is not. */
const bounded = (limits: { min: number; max: number }, key: MessageKey) =>
	z
		.string()
		.trim()
		.regex(/^\d{1,4}$/, key)
		.transform(Number)
		.refine((n) => n >= limits.min && n <= limits.max, key);

/** The policy form (fields auto, days, interval, cap) as a ReminderPolicy; each bad field gets its key. */
export const policySchema = z
	.object({
		auto: z.string().optional(),
		days: z.string().transform((text, ctx) => {
			const parsed = parseDaysBefore(text);
			if (parsed.ok) return parsed.days;
			ctx.addIssue({ code: 'custom', message: parsed.error.key });
			return z.NEVER;
		}),
		interval: bounded(POLICY_LIMITS.interval, 'reminder.error.interval'),
		cap: bounded(POLICY_LIMITS.cap, 'reminder.error.cap')
	})
	.transform((f): ReminderPolicy => ({
		autoEnabled: f.auto === 'on' || f.auto === '1',
		daysBefore: f.days,
		minIntervalHours: f.interval,
		maxPerPerson: f.cap
	}));

/** Days between two ISO calendar dates (b − a). */
export function daysBetween(a: string, b: string): number {
	return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
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
	if (c.lastReminderAt !== null && now - c.lastReminderAt < policy.minIntervalHours * HOUR_SECONDS)
		return { send: false, reason: 'tooSoon' };
	if (c.lastActiveAt !== null && now - c.lastActiveAt < ACTIVE_WINDOW_SECONDS) return { send: false, reason: 'active' };
	return { send: true };
}
