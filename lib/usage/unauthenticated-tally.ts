// Proxy requests refused with 401 are not usage records: they belong to no key, and a flood of bad
// keys must not be able to fill the database. Each one adds to an in-memory tally (a few property
// increments, no allocation on a steady day); the tally moves to UnauthenticatedDay, one row per UTC
// day and reason, every FLUSH_EVERY_MS and when the process drains. /api/metrics reads the totals
// (tollgate_gateway_unauthenticated_total) at scrape time.
import { db } from "../db";
import { logger } from "../logger";

export const UNAUTHENTICATED_REASONS = ["missing_api_key", "invalid_api_key", "expired_api_key"] as const;
export type UnauthenticatedReason = (typeof UNAUTHENTICATED_REASONS)[number];

const FLUSH_EVERY_MS = 10_000;
const DAY_MS = 86_400_000;

interface Tally {
  /** since the process started, for Prometheus */
  totals: Record<UnauthenticatedReason, number>;
  /** not yet in the database, by "YYYY-MM-DD reason" */
  pending: Map<string, number>;
  day: string;
  dayEndsAt: number;
  timer: NodeJS.Timeout | null;
  flushing: Promise<void> | null;
}

// On globalThis: every copy of lib/ in a thread counts into one tally (see lib/metrics/metrics.ts).
const slot = globalThis as unknown as { tollgateUnauthenticated?: Tally };

function tally(): Tally {
  slot.tollgateUnauthenticated ??= {
    totals: { missing_api_key: 0, invalid_api_key: 0, expired_api_key: 0 },
    pending: new Map(),
    day: "",
    dayEndsAt: 0,
    timer: null,
    flushing: null,
  };
  return slot.tollgateUnauthenticated;
}

/** The process's totals since it started (read by the metrics registry). */
export function unauthenticatedTotals(): Readonly<Record<UnauthenticatedReason, number>> {
  return tally().totals;
}

/** Counts one 401: synchronous, no I/O. */
export function countUnauthenticated(reason: UnauthenticatedReason, now = Date.now()): void {
  const t = tally();
  t.totals[reason]++;
  if (now >= t.dayEndsAt) {
    const start = now - (now % DAY_MS);
    t.day = new Date(start).toISOString().slice(0, 10);
    t.dayEndsAt = start + DAY_MS;
  }
  const key = `${t.day} ${reason}`;
  t.pending.set(key, (t.pending.get(key) ?? 0) + 1);
  if (!t.timer) {
    t.timer = setInterval(() => void flushUnauthenticated(), FLUSH_EVERY_MS);
    t.timer.unref();
  }
}

async function writePending(t: Tally): Promise<void> {
  const batch = [...t.pending];
  t.pending.clear();
  for (const [i, [key, count]] of batch.entries()) {
    const [day, reason] = key.split(" ");
    try {
      await db().unauthenticatedDay.upsert({
        where: { day_reason: { day, reason } },
        create: { day, reason, count },
        update: { count: { increment: count } },
      });
    } catch (error) {
      // Kept for the next flush: a database hiccup delays the figure, it does not lose it.
      for (const [k, c] of batch.slice(i)) t.pending.set(k, (t.pending.get(k) ?? 0) + c);
      logger().warn({ err: error }, "could not store the count of unauthenticated proxy requests; will retry");
      return;
    }
  }
}

/** Moves the tally to the database (concurrent callers share one write). */
export function flushUnauthenticated(): Promise<void> {
  const t = tally();
  if (t.pending.size === 0) return t.flushing ?? Promise.resolve();
  t.flushing ??= writePending(t).finally(() => {
    t.flushing = null;
  });
  return t.flushing;
}

/** Before the process exits: stop the timer and write what is left. */
export async function drainUnauthenticated(): Promise<void> {
  const t = tally();
  if (t.timer) clearInterval(t.timer);
  t.timer = null;
  await flushUnauthenticated();
}
