// The limits an admin puts on every key of a user (User.keyModels, User.keyMaxDays), and what they
// make of one key. Pure, no server imports: the gateway applies them when it loads a key, the key
// mutations check changes against them, and the console's key form shows what they allow.
//
// A key's own `models` and `expiresAt` narrow further; they never widen what the user may do:
//   models     a key with no list of its own may call every model of the user's list; a key with a
//              list may call the models on both lists (none, if they do not overlap)
//   expiry     a key stops working at its own expiry or `keyMaxDays` after it was created, whichever
//              comes first, so a limit set later also ends keys that were made without one
import { parseModelList } from "./key-status";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface UserKeyLimits {
  /** Models every key of the user may call; empty = every model. */
  models: readonly string[];
  /** Longest life of a key in days from its creation; null = no limit. */
  maxDays: number | null;
}

export const NO_KEY_LIMITS: UserKeyLimits = { models: [], maxDays: null };

/** The limits as User stores them (keyModels is a JSON array in a string column). */
export function userKeyLimits(user: { keyModels: string; keyMaxDays: number | null }): UserKeyLimits {
  return { models: parseModelList(user.keyModels), maxDays: user.keyMaxDays };
}

/** The models a key may call under the user's limits: null = every model. */
export function effectiveKeyModels(keyModels: readonly string[], limits: UserKeyLimits): string[] | null {
  if (limits.models.length === 0) return keyModels.length > 0 ? [...keyModels] : null;
  if (keyModels.length === 0) return [...limits.models];
  const allowed = new Set(limits.models);
  return keyModels.filter((model) => allowed.has(model));
}

/** The latest a key created at `createdAt` may live under the user's limits; null = no limit. */
export function latestKeyExpiry(createdAt: Date, limits: UserKeyLimits): Date | null {
  return limits.maxDays === null ? null : new Date(createdAt.getTime() + limits.maxDays * DAY_MS);
}

/** When the key stops working: the earlier of its own expiry and the user's limit; null = never. */
export function effectiveKeyExpiry(key: { expiresAt: Date | null; createdAt: Date }, limits: UserKeyLimits): Date | null {
  const latest = latestKeyExpiry(key.createdAt, limits);
  if (latest === null) return key.expiresAt;
  return key.expiresAt === null || key.expiresAt.getTime() > latest.getTime() ? latest : key.expiresAt;
}
