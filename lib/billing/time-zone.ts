// Calendar days in an IANA time zone, with nothing but Intl: which local day an instant falls on,
// and the instant a local day starts. Days are "YYYY-MM-DD" strings, so day arithmetic is plain
// UTC date arithmetic and never meets a DST shift.
const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall-clock reading in the zone, as if it were a UTC timestamp (milliseconds dropped). */
function wallClockAsUtc(instant: Date, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

function dayKey(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}

function dayStartUtc(day: string): number {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new Error(`Not a calendar day: ${day}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** The calendar day ("YYYY-MM-DD") the instant falls on in the zone. */
export function localDayOf(instant: Date, timeZone: string): string {
  return dayKey(wallClockAsUtc(instant, timeZone));
}

/** Offset of the zone from UTC at that instant, in milliseconds (New York in winter: -5 h). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const seconds = Math.floor(instant.getTime() / 1000) * 1000;
  return wallClockAsUtc(instant, timeZone) - seconds;
}

/**
 * The first instant of a local calendar day: local midnight, or where a DST jump skips midnight
 * (America/Santiago, America/Havana) the instant the clock jumps to, or where midnight happens twice
 * the earlier one.
 */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const wall = dayStartUtc(day);
  // The day starts at `wall - offset` for the offset in force then; a day has at most one DST
  // change, so it is one of the offsets half a day either side of the guess.
  const offsets = new Set([-DAY_MS / 2, 0, DAY_MS / 2].map((shift) => zoneOffsetMs(new Date(wall + shift), timeZone)));
  const starts = [...offsets]
    .map((offset) => wall - offset)
    .filter((instant) => localDayOf(new Date(instant), timeZone) === day && localDayOf(new Date(instant - 1000), timeZone) !== day);
  if (starts.length > 0) return new Date(Math.min(...starts));
  // A day the zone skipped altogether (Pacific/Apia's 2011-12-30): it has no instant of its own.
  return new Date(wall - zoneOffsetMs(new Date(wall), timeZone));
}

/** "2025-03-31" + 1 = "2025-04-01". */
export function addDays(day: string, count: number): string {
  return dayKey(dayStartUtc(day) + count * DAY_MS);
}

/** Every day from `first` to `last`, both included ([] when last is before first). */
export function daysFrom(first: string, last: string): string[] {
  const days: string[] = [];
  for (let ms = dayStartUtc(first), end = dayStartUtc(last); ms <= end; ms += DAY_MS) days.push(dayKey(ms));
  return days;
}

/** "2025-03-17" -> "2025-03-01". */
export function firstDayOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export function isCalendarDay(value: string): boolean {
  return DAY_PATTERN.test(value);
}
