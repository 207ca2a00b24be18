// The opening's progress as the page and status.json show it: a phase and counts, nothing of a sheet.
// No server code at run time, so the progress component can share it.
import type { OpeningStatus } from '$lib/server/sealing/opening';

export type OpeningPhaseShown = 'idle' | 'decrypting' | 'writing' | 'cleaning' | 'done' | 'failed';

export interface OpeningSnapshot {
	phase: OpeningPhaseShown;
	done: number;
	total: number;
	held: number;
	threshold: number | null;
	counted: boolean;
}

export const isRunningPhase = (phase: OpeningPhaseShown) =>
	phase === 'decrypting' || phase === 'writing' || phase === 'cleaning';

export function snapshotOf(status: OpeningStatus): OpeningSnapshot {
	const finished = status.counted && status.job?.status === 'finished';
	// A finished job in memory with no counted round behind it is stale: show nothing started.
	const p = status.progress && !(status.progress.phase === 'done' && !status.counted) ? status.progress : null;
	const phase: OpeningPhaseShown = finished ? 'done' : p ? p.phase : status.counted ? 'cleaning' : 'idle';
	const total = p?.total ?? status.job?.sheets ?? 0;
	return {
		phase,
		done: finished ? total : (p?.done ?? 0),
		total,
		held: status.heldSlots.length,
		threshold: status.threshold,
		counted: status.counted
	};
}
