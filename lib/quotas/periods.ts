// Quota periods are calendar days and months in TOLLGATE_TIME_ZONE (or all time). A period has a
// key that names its counter ("daily:2026-11-23", "monthly:2026-11", "total") and, except for
// "total", the instants where it starts and ends, computed by lib/time/zoned.ts like billing days.
// Pure, with the clock and zone passed in.
import { localDaySpan, localMonthSpan } from "../time/zoned";

export const QUOTA_PERIODS = ["daily", "monthly", "total"] as const;
export type QuotaPeriod = (typeof QUOTA_PERIODS)[number];

export interface PeriodWindow {
  period: QuotaPeriod;
  key: string;
  /** inclusive; null for "total" */
  start: Date | null;
  /** exclusive; null for "total" */
  end: Date | null;
}

export function periodWindow(period: QuotaPeriod, at: Date, timeZone: string): PeriodWindow {
  if (period === "total") return { period, key: "total", start: null, end: null };
  const span = period === "daily" ? localDaySpan(at, timeZone) : localMonthSpan(at, timeZone);
  return { period, key: `${period}:${span.label}`, start: span.start, end: span.end };
}

/**
 * The current window of each period, recomputed only when the clock leaves it: the gateway asks on
 * every request, and Intl formatting is the only non-trivial cost here.
 */
export class PeriodCalendar {
  private readonly cache = new Map<QuotaPeriod, PeriodWindow>();

  constructor(private readonly timeZone: string) {}

  windowAt(period: QuotaPeriod, at: number): PeriodWindow {
    const cached = this.cache.get(period);
    if (cached && (cached.start === null || (cached.start.getTime() <= at && at < cached.end!.getTime()))) return cached;
    const window = periodWindow(period, new Date(at), this.timeZone);
    this.cache.set(period, window);
    return window;
  }
}

/** Whether every boundary of a window falls on a UTC hour (hourly rollups can then be compared). */
export function alignsWithHours(window: PeriodWindow): boolean {
  const onHour = (d: Date | null) => d === null || d.getTime() % 3_600_000 === 0;
  return onHour(window.start) && onHour(window.end);
}
