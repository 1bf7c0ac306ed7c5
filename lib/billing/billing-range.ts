// The window of a billing report, in calendar days of the configured time zone, mapped onto the
// hourly rollups it is summed from.
//
// Rollup hours start on the hour in UTC. In a zone whose offset is a whole number of hours every
// local day is an exact run of rollup hours. In a :30/:45 zone (Asia/Kolkata, Asia/Kathmandu) one
// hour straddles each local midnight; it is counted on the day that holds its midpoint, so at most
// 30 minutes of usage near midnight land on the neighbouring day.
import { ValidationError } from "../http/errors";
import { assertDateInRange } from "../http/input-safety";
import { hourOf } from "../usage/latency-buckets";
import { MAX_BILLING_RANGE_DAYS } from "./schemas";
import { addDays, daysFrom, firstDayOfMonth, isCalendarDay, localDayOf, startOfLocalDay } from "../time/zoned";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface BillingRange {
  /** The requested bounds ([from, to)). */
  from: Date;
  to: Date;
  /** The rollup hours summed: hour >= hourFrom and hour < hourTo. */
  hourFrom: Date;
  hourTo: Date;
  /** Every calendar day the summed hours fall on, in order. */
  days: string[];
  timeZone: string;
}

/** The local day a rollup hour is counted on: the one holding the hour's midpoint. */
export function billingDayOfHour(hour: Date, timeZone: string): string {
  return localDayOf(new Date(hour.getTime() + HOUR_MS / 2), timeZone);
}

function ceilHour(date: Date): Date {
  const floor = hourOf(date);
  return floor.getTime() === date.getTime() ? floor : new Date(floor.getTime() + HOUR_MS);
}

/**
 * `from`/`to` are "YYYY-MM-DD" (a whole local day; `to` inclusive) or ISO date-times (`to`
 * exclusive). Defaults: from the first day of the month `to` falls in, to now.
 */
export function resolveBillingRange(query: { from?: string; to?: string }, timeZone: string, now = new Date()): BillingRange {
  // The bounds stay strings until here (a calendar day means the configured zone's day), so the
  // year check the admin wrapper makes on parsed dates happens here, before any calendar arithmetic.
  if (query.from !== undefined) assertDateInRange(new Date(query.from), "from");
  if (query.to !== undefined) assertDateInRange(new Date(query.to), "to");
  const to = query.to === undefined ? now : isCalendarDay(query.to) ? startOfLocalDay(addDays(query.to, 1), timeZone) : new Date(query.to);
  const from =
    query.from === undefined
      ? startOfLocalDay(firstDayOfMonth(localDayOf(new Date(to.getTime() - 1), timeZone)), timeZone)
      : isCalendarDay(query.from)
        ? startOfLocalDay(query.from, timeZone)
        : new Date(query.from);
  if (to.getTime() <= from.getTime()) throw new ValidationError("to: must be after from.", "to");
  if (to.getTime() - from.getTime() > MAX_BILLING_RANGE_DAYS * DAY_MS) {
    throw new ValidationError(`to: a report may cover at most ${MAX_BILLING_RANGE_DAYS} days.`, "to");
  }

  // A bound inside an hour takes in that whole hour (rollups are hourly), so "now" includes the
  // current hour's calls. A whole-day `to` stops at the last hour counted on the last day.
  const hourFrom = hourOf(from);
  const wholeDayEnd = query.to !== undefined && isCalendarDay(query.to);
  let hourTo = wholeDayEnd ? hourOf(to) : ceilHour(to);
  if (hourTo.getTime() <= hourFrom.getTime()) hourTo = new Date(hourFrom.getTime() + HOUR_MS);
  const days = daysFrom(billingDayOfHour(hourFrom, timeZone), billingDayOfHour(new Date(hourTo.getTime() - HOUR_MS), timeZone));
  return { from, to, hourFrom, hourTo, days, timeZone };
}
