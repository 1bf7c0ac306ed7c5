// Fixed latency histogram buckets (upper bounds in ms, last one open-ended). The usage writer counts
// calls into them per hour and model (LatencyRollup); charts estimate p50/p95 from the counts
// without ever reading raw records.
export const LATENCY_BUCKET_BOUNDS_MS = [
  5, 10, 25, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10000, 15000, 20000, 30000, 60000,
  120000, Infinity,
] as const;

export function latencyBucketOf(latencyMs: number): number {
  const index = LATENCY_BUCKET_BOUNDS_MS.findIndex((bound) => latencyMs <= bound);
  return index === -1 ? LATENCY_BUCKET_BOUNDS_MS.length - 1 : index;
}

/**
 * The q-quantile (0..1) of a histogram, interpolated linearly inside the bucket that holds it.
 * Returns null for an empty histogram. The open-ended last bucket reports its lower bound.
 */
export function quantileFromBuckets(counts: ReadonlyMap<number, number> | readonly number[], q: number): number | null {
  const array = Array.isArray(counts)
    ? (counts as readonly number[])
    : LATENCY_BUCKET_BOUNDS_MS.map((_, i) => (counts as ReadonlyMap<number, number>).get(i) ?? 0);
  const total = array.reduce((sum, c) => sum + c, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < array.length; i++) {
    const count = array[i] ?? 0;
    if (count > 0 && seen + count >= rank) {
      const lower = i === 0 ? 0 : LATENCY_BUCKET_BOUNDS_MS[i - 1];
      const upper = LATENCY_BUCKET_BOUNDS_MS[i];
      if (!Number.isFinite(upper)) return lower;
      return lower + ((rank - seen) / count) * (upper - lower);
    }
    seen += count;
  }
  return LATENCY_BUCKET_BOUNDS_MS[LATENCY_BUCKET_BOUNDS_MS.length - 2];
}

/** The hour a timestamp falls in (UTC), the key of every rollup row. */
export function hourOf(date: Date): Date {
  const hour = new Date(date);
  hour.setUTCMinutes(0, 0, 0);
  return hour;
}
