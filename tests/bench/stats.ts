// Median and 95th percentile of timed samples, shared by the benchmarks.
export function stats(ms: number[]) {
	const s = [...ms].sort((a, b) => a - b);
	const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
	return { median: at(0.5), p95: at(0.95), n: s.length };
}
export type Stats = ReturnType<typeof stats>;
