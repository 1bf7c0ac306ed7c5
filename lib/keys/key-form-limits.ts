// What the create-key form offers for an owner with key limits (lib/keys/key-limits.ts): only the
// models an admin allows, and expiry days up to the last one the lifetime limit allows. The server
// checks the same rules; this keeps the form from offering what it would refuse.
import { latestKeyExpiry, type UserKeyLimits } from "./key-limits";
import { toDayKey } from "../charts/date-range";

export interface KeyFormLimits {
  /** Models the owner's keys may call; null = every model. */
  models: readonly string[] | null;
  /** Last day the date picker allows; null = any. */
  lastDay: string | null;
  maxDays: number | null;
  /** Latest expiry instant the owner's keys may have; null = no limit. */
  latest: Date | null;
}

export function keyFormLimits(limits: UserKeyLimits, now = new Date()): KeyFormLimits {
  const latest = latestKeyExpiry(now, limits);
  return { models: limits.models.length > 0 ? limits.models : null, lastDay: latest ? toDayKey(latest) : null, maxDays: limits.maxDays, latest };
}

/** The expiry to send for a picked day: the end of that (UTC) day, but never past the latest allowed. */
export function expiryForDay(day: string | undefined, limits: KeyFormLimits): string | undefined {
  if (!day) return undefined;
  const endOfDay = new Date(`${day}T23:59:59Z`);
  return (limits.latest && endOfDay.getTime() > limits.latest.getTime() ? limits.latest : endOfDay).toISOString();
}
