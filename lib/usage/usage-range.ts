// The time window of a usage query: defaults to the last 7 days, must not be empty.
import { ValidationError } from "../http/errors";

export const DEFAULT_RANGE_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export function resolveUsageRange(query: { from?: Date; to?: Date }, now = new Date()): { from: Date; to: Date } {
  const to = query.to ?? now;
  const from = query.from ?? new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  if (from.getTime() >= to.getTime()) throw new ValidationError("from: must be before to.", "from");
  return { from, to };
}

/** The UTC calendar day of a timestamp, as the charts label it. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
