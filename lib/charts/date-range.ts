// Date ranges for the dashboard and usage filters. Days are UTC calendar days ("YYYY-MM-DD"), the
// same buckets the usage timeseries API returns.
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

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function toDayKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

function parseDay(day: string | undefined): Date | null {
  if (!day || !DAY_PATTERN.test(day)) return null;
  const date = new Date(`${day}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) ? null : date;
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
      const from = new Date(startOfUtcDay(now).getTime() - (days - 1) * DAY_MS);
      return { from: from.toISOString(), to: now.toISOString() };
    }
    case "custom": {
      const from = parseDay(selection.fromDay);
      const lastDay = parseDay(selection.toDay);
      if (!from || !lastDay || lastDay < from) return null;
      return { from: from.toISOString(), to: new Date(lastDay.getTime() + DAY_MS).toISOString() };
    }
  }
}

/** Every UTC day touched by [from, to), in order. */
export function daysInRange(range: ResolvedRange): string[] {
  const from = startOfUtcDay(new Date(range.from));
  const lastInstant = new Date(new Date(range.to).getTime() - 1);
  const days: string[] = [];
  for (let cursor = from; cursor <= lastInstant; cursor = new Date(cursor.getTime() + DAY_MS)) {
    days.push(toDayKey(cursor));
  }
  return days;
}
