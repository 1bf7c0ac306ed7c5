// The time buckets of a chart. The rollups are hourly, so a range of up to 48 hours is charted per
// hour ("last 24 hours" is 24 or 25 bars, not the two UTC days it touches); longer ranges per UTC
// day. Bucket keys are what the timeseries API returns: "YYYY-MM-DD" for days, the hour's start as
// ISO 8601 for hours.
import { daysInRange, type ResolvedRange } from "./date-range";
import { formatDayLabel } from "./format";

export type ChartInterval = "day" | "hour";

const HOUR_MS = 3_600_000;
/** Ranges up to this long are charted per hour. */
export const HOURLY_RANGE_MAX_MS = 48 * HOUR_MS;

export function chartInterval(range: ResolvedRange): ChartInterval {
  return Date.parse(range.to) - Date.parse(range.from) <= HOURLY_RANGE_MAX_MS ? "hour" : "day";
}

/** Every bucket of [from, to), in order: the hour holding `from` first (the rollups count whole hours). */
export function bucketsInRange(range: ResolvedRange, interval: ChartInterval): string[] {
  if (interval === "day") return daysInRange(range);
  const first = Math.floor(Date.parse(range.from) / HOUR_MS) * HOUR_MS;
  const end = Date.parse(range.to);
  const buckets: string[] = [];
  for (let hour = first; hour < end; hour += HOUR_MS) buckets.push(new Date(hour).toISOString());
  return buckets;
}

const LOCALE = "en-US";

/**
 * Axis label of a bucket. Hours are shown in the viewer's time zone ("14:00", and the date at
 * midnight so a 48-hour axis says where the day changes); days are UTC days, as the API sums them.
 * `timeZone` pins the zone (tests).
 */
export function formatBucketLabel(key: string, interval: ChartInterval, timeZone?: string): string {
  if (interval === "day") return formatDayLabel(key);
  const date = new Date(key);
  if (Number.isNaN(date.getTime())) return key;
  const time = date.toLocaleTimeString(LOCALE, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
  if (time !== "00:00") return time;
  return date.toLocaleDateString(LOCALE, { month: "short", day: "numeric", timeZone });
}

/** Tooltip title of a bucket: the day, or the day and hour ("Nov 23, 14:00–15:00") in the viewer's zone. */
export function formatBucketTitle(key: string, interval: ChartInterval, timeZone?: string): string {
  if (interval === "day") return formatDayLabel(key);
  const start = new Date(key);
  if (Number.isNaN(start.getTime())) return key;
  const hour = (date: Date) => date.toLocaleTimeString(LOCALE, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
  const day = start.toLocaleDateString(LOCALE, { month: "short", day: "numeric", timeZone });
  return `${day}, ${hour(start)}–${hour(new Date(start.getTime() + HOUR_MS))}`;
}
