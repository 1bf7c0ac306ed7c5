// Quota periods are calendar days and months in TOLLGATE_TIME_ZONE (or all time). A period has a
// key that names its counter ("daily:2026-11-23", "monthly:2026-11", "total") and, except for
// "total", the instants where it starts and ends. Pure, with the clock and zone passed in.
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

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(instant: number, timeZone: string): { year: number; month: number; day: number; asUtc: number } {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  return { year: fields.year, month: fields.month, day: fields.day, asUtc };
}

/** The instant a local date's midnight happens in the zone (month/day may overflow, like Date.UTC). */
function localMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const naive = Date.UTC(year, month - 1, day);
  // Two passes settle the offset on either side of a daylight-saving change.
  let instant = naive;
  for (let pass = 0; pass < 2; pass++) {
    const offset = wallClock(instant, timeZone).asUtc - Math.floor(instant / 1000) * 1000;
    instant = naive - offset;
  }
  return new Date(instant);
}

const pad = (n: number) => String(n).padStart(2, "0");

export function periodWindow(period: QuotaPeriod, at: Date, timeZone: string): PeriodWindow {
  if (period === "total") return { period, key: "total", start: null, end: null };
  const { year, month, day } = wallClock(at.getTime(), timeZone);
  if (period === "daily") {
    return {
      period,
      key: `daily:${year}-${pad(month)}-${pad(day)}`,
      start: localMidnight(year, month, day, timeZone),
      end: localMidnight(year, month, day + 1, timeZone),
    };
  }
  return {
    period,
    key: `monthly:${year}-${pad(month)}`,
    start: localMidnight(year, month, 1, timeZone),
    end: localMidnight(year, month + 1, 1, timeZone),
  };
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
