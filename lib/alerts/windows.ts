// Windows of spend / error_rate / latency_p95 rules are fixed, back-to-back buckets (a "1h" rule
// measures 14:00–15:00, then 15:00–16:00, …). A bucket is what "at most once" counts against: each
// threshold fires at most once per bucket, and a new bucket measures from zero again.
import type { AlertWindow } from "./alert-kinds";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const WINDOW_MS: Record<AlertWindow, number> = {
  "5m": 5 * MINUTE,
  "15m": 15 * MINUTE,
  "1h": HOUR,
  "24h": DAY,
  "7d": 7 * DAY,
  "30d": 30 * DAY,
};

/**
 * Buckets are counted from Monday 1970-01-05 00:00 UTC: sub-day buckets start on the clock (:00,
 * :15, …), 24h buckets at midnight UTC, 7d buckets on Mondays. UTC, not TOLLGATE_TIME_ZONE,
 * because a window is a duration and must not stretch or shrink with daylight saving.
 */
const ORIGIN_MS = Date.UTC(1970, 0, 5);

export function windowBucket(window: AlertWindow, now: Date): { start: Date; end: Date } {
  const size = WINDOW_MS[window];
  const start = ORIGIN_MS + Math.floor((now.getTime() - ORIGIN_MS) / size) * size;
  return { start: new Date(start), end: new Date(start + size) };
}

/** The AlertEvent period key of a bucket, e.g. "1h:2026-11-23T14:00:00.000Z". */
export function windowPeriodKey(window: AlertWindow, start: Date): string {
  return `${window}:${start.toISOString()}`;
}
