// What the opening keeps in this process's memory only: the shares members supplied (never the
// database, a log, an audit detail or an error message) and each running job's progress.
import type { MessageKey } from '$lib/domain/message';

export type OpeningPhase = 'decrypting' | 'writing' | 'cleaning' | 'done' | 'failed';
export interface OpeningProgress {
	phase: OpeningPhase;
	done: number;
	total: number;
	error?: MessageKey;
	result?: { sheets: number; invalid: number; mergedCells: number };
}

/** A held share: the member, their slot and the raw share (memory only). */
export interface HeldShare {
	staffUserId: number;
	username: string;
	slot: number;
	share: Uint8Array;
	at: number;
}

// Process memory on purpose: shares must never reach the database, and a restart forgets them.
const held = new Map<number, Map<number, HeldShare>>();
const progress = new Map<number, OpeningProgress>();
/** Shares not used within this time are dropped: members supply them again. */
export const HELD_SHARE_SECONDS = 6 * 60 * 60;

export function dropExpired(campaignId: number, now: number) {
	const shares = held.get(campaignId);
	if (!shares) return;
	for (const [slot, s] of shares) if (s.at + HELD_SHARE_SECONDS < now) forgetShare(shares, slot);
}

function forgetShare(shares: Map<number, HeldShare>, slot: number) {
	shares.get(slot)?.share.fill(0);
	shares.delete(slot);
}

/** Zeroes and drops every share held for the campaign. */
export function forgetAll(campaignId: number) {
	const shares = held.get(campaignId);
	if (shares) for (const slot of [...shares.keys()]) forgetShare(shares, slot);
	held.delete(campaignId);
}

export function isHeld(campaignId: number, slot: number): boolean {
	return held.get(campaignId)?.has(slot) ?? false;
}

/** Slots whose shares are held now, in order. */
export function heldSlots(campaignId: number): number[] {
	return [...(held.get(campaignId)?.keys() ?? [])].sort((a, b) => a - b);
}

export function heldShares(campaignId: number): HeldShare[] {
	return [...(held.get(campaignId)?.values() ?? [])];
}

/** Keeps a checked share; returns how many are held for the campaign now. */
export function holdShare(campaignId: number, share: HeldShare): number {
	const shares = held.get(campaignId) ?? new Map<number, HeldShare>();
	held.set(campaignId, shares);
	shares.set(share.slot, share);
	return shares.size;
}

export function progressOf(campaignId: number): OpeningProgress | undefined {
	return progress.get(campaignId);
}

export function setProgress(campaignId: number, state: OpeningProgress) {
	progress.set(campaignId, state);
}

/** An opening in this phase (or one stored as text) has neither ended nor failed. */
export const isRunningPhase = (phase: string) => phase !== 'failed' && phase !== 'done';

export const isRunning = (p: OpeningProgress | undefined) => p !== undefined && isRunningPhase(p.phase);

/** For tests and the demo: wait for a started job to end. */
export async function waitForOpening(campaignId: number): Promise<OpeningProgress | null> {
	for (;;) {
		const p = progress.get(campaignId);
		if (!p || p.phase === 'done' || p.phase === 'failed') return p ?? null;
		await new Promise((r) => setTimeout(r, 20));
	}
}
