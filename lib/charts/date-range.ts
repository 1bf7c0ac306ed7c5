// Date ranges for the dashboard and usage filters. Days are UTC calendar days ("YYYY-MM-DD"), the
// same buckets the usage timeseries API returns (the rollups are UTC hours, and the charts do not
// follow TOLLGATE_TIME_ZONE); the calendar arithmetic is lib/time/zoned.ts's, as for quotas and
// billing, with the zone fixed to UTC.
import { addDays, daysFrom, isCalendarDay, localDayOf, startOfLocalDay } from "../time/zoned";

export type RangePreset = "24h" | "7d" | "30d" | "custom";

export interface DateRangeSelection {
  preset: RangePreset;
  /** custom only: first day, "YYYY-MM-DD" (inclusive) */
  fromDay?: string;
  /** custom only: last day, "YYYY-MM-DD" (inclusive) */
  toDay?: string;
}

/** ISO timestamps sent to the API; `to` is exclusive. */
export interface ResolvedRange {
  from: string;
  to: string;
}

const CHART_ZONE = "UTC";
const DAY_MS = 86_400_000;

/** The UTC calendar day of an instant. */
export function toDayKey(date: Date): string {
  return localDayOf(date, CHART_ZONE);
}

/**
 * Turns a selection into API bounds. "7d" and "30d" are calendar days including today, so the
 * daily charts show whole bars; "24h" is a rolling window. Returns null for an incomplete or
 * inverted custom range, which the filter reports instead of querying.
 */
export function resolveDateRange(selection: DateRangeSelection, now: Date): ResolvedRange | null {
  switch (selection.preset) {
    case "24h":
      return { from: new Date(now.getTime() - DAY_MS).toISOString(), to: now.toISOString() };
    case "7d":
    case "30d": {
      const days = selection.preset === "7d" ? 7 : 30;
      const from = startOfLocalDay(addDays(toDayKey(now), -(days - 1)), CHART_ZONE);
      return { from: from.toISOString(), to: now.toISOString() };
    }
    case "custom": {
      const { fromDay, toDay } = selection;
      if (!fromDay || !toDay || !isCalendarDay(fromDay) || !isCalendarDay(toDay) || toDay < fromDay) return null;
      return { from: startOfLocalDay(fromDay, CHART_ZONE).toISOString(), to: startOfLocalDay(addDays(toDay, 1), CHART_ZONE).toISOString() };
    }
  }
}

/** Every UTC day touched by [from, to), in order. */
export function daysInRange(range: ResolvedRange): string[] {
  return daysFrom(toDayKey(new Date(range.from)), toDayKey(new Date(new Date(range.to).getTime() - 1)));
}
