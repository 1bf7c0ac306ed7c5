// Calendar days and months in an IANA time zone, with nothing but Intl: the local date an instant
// falls on, the first instant of a local day or month, and plain day arithmetic on "YYYY-MM-DD"
// strings (UTC date arithmetic on the labels, so it never meets a DST shift). Quotas (daily and
// monthly periods), billing (report days) and the charts' date ranges all use this one module, so
// a quota's "today" and a billing day can never disagree.
//
// A local day starts at local midnight, except where the clock jumps over midnight: in
// America/Santiago the day DST starts goes from 23:59:59 straight to 01:00, so that day starts at
// 01:00 local time (and has 23 hours). Where midnight happens twice, the day starts at the first.
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall-clock reading in the zone, written as if it were a UTC timestamp (milliseconds dropped). */
function wallClockAsUtc(instant: number, timeZone: string): number {
  const seconds = Math.floor(instant / 1000) * 1000;
  if (timeZone === "UTC") return seconds;
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(seconds)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

function dayLabel(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}

/** The UTC midnight that carries a day's label: day arithmetic happens on these. */
function labelMs(day: string): number {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new Error(`Not a calendar day: ${day}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

export function isCalendarDay(value: string): boolean {
  const match = DAY_PATTERN.exec(value);
  return match !== null && dayLabel(labelMs(value)) === value;
}

/** Offset of the zone from UTC at that instant, in milliseconds (New York in winter: -5 h). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  return wallClockAsUtc(instant.getTime(), timeZone) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The calendar day ("YYYY-MM-DD") the instant falls on in the zone. */
export function localDayOf(instant: Date, timeZone: string): string {
  return dayLabel(wallClockAsUtc(instant.getTime(), timeZone));
}

/** The first instant of a local calendar day (see the note at the top for days without a midnight). */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const wall = labelMs(day);
  if (timeZone === "UTC") return new Date(wall);
  // The day starts at `wall - offset` for an offset in force at that moment. Offsets lie between
  // -12 h and +14 h, so the start lies in [wall - 14 h, wall + 12 h]; a day has at most one change,
  // so the offsets at both ends and in the middle of that span include the right one.
  const offsets = new Set([wall - 14 * HOUR_MS, wall, wall + 12 * HOUR_MS].map((at) => zoneOffsetMs(new Date(at), timeZone)));
  let start = Infinity;
  for (const offset of offsets) {
    const candidate = wall - offset;
    // A true start is on the day, and the second before it is not.
    if (localDayOf(new Date(candidate), timeZone) === day && localDayOf(new Date(candidate - 1000), timeZone) !== day) start = Math.min(start, candidate);
  }
  if (start !== Infinity) return new Date(start);
  // A day the zone skipped altogether (Pacific/Apia's 2011-12-30) has no instant of its own: it
  // "starts" where the next one does, so it is empty.
  return startOfLocalDay(addDays(day, 1), timeZone);
}

/** "2025-03-31" + 1 = "2025-04-01". */
export function addDays(day: string, count: number): string {
  return dayLabel(labelMs(day) + count * DAY_MS);
}

/** Every day from `first` to `last`, both included ([] when last is before first). */
export function daysFrom(first: string, last: string): string[] {
  const days: string[] = [];
  for (let ms = labelMs(first), end = labelMs(last); ms <= end; ms += DAY_MS) days.push(dayLabel(ms));
  return days;
}

/** "2025-03-17" -> "2025-03-01". */
export function firstDayOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** "2025-12-17" -> "2026-01-01". */
export function firstDayOfNextMonth(day: string): string {
  const label = new Date(labelMs(firstDayOfMonth(day)));
  return dayLabel(Date.UTC(label.getUTCFullYear(), label.getUTCMonth() + 1, 1));
}

export interface LocalSpan {
  /** "YYYY-MM-DD" for a day, "YYYY-MM" for a month. */
  label: string;
  /** inclusive */
  start: Date;
  /** exclusive: the next day's or month's start */
  end: Date;
}

/** The local day that holds the instant, with its first instant and the next day's. */
export function localDaySpan(instant: Date, timeZone: string): LocalSpan {
  const day = localDayOf(instant, timeZone);
  return { label: day, start: startOfLocalDay(day, timeZone), end: startOfLocalDay(addDays(day, 1), timeZone) };
}

/** The local month that holds the instant, with its first instant and the next month's. */
export function localMonthSpan(instant: Date, timeZone: string): LocalSpan {
  const day = localDayOf(instant, timeZone);
  return { label: day.slice(0, 7), start: startOfLocalDay(firstDayOfMonth(day), timeZone), end: startOfLocalDay(firstDayOfNextMonth(day), timeZone) };
}
