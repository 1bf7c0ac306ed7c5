// Who may change what on a key. An admin's limits hold for every key of a user (key-limits.ts); a
// developer may also only narrow the key they are changing, never widen it:
//   models     only remove models from a key's list; a key with a list cannot go back to "every model"
//   expiresAt  only bring it forward; a key that expires cannot be made to expire later or never
// Widening a key takes an admin. A developer's new key starts from the user's limits, so making a
// fresh key never escapes them. Refusals are 403s naming the field and saying why.
import { HttpError } from "../http/errors";
import { latestKeyExpiry, type UserKeyLimits } from "./key-limits";

export type KeyActor = "admin" | "developer";

/** Admins (and the admin API key) set limits; developers live within them. Viewers never reach a key mutation. */
export function keyActorOf(role: string): KeyActor {
  return role === "admin" ? "admin" : "developer";
}

export class KeyLimitError extends HttpError {
  constructor(field: "models" | "expiresAt" | "maxConcurrency", reason: string) {
    super(403, `${field}: ${reason}`, "permission_error", "key_limit", field);
  }
}

const whose = (actor: KeyActor) => (actor === "developer" ? "your" : "this user's");

function assertModelsWithinUser(models: readonly string[], limits: UserKeyLimits, actor: KeyActor): void {
  if (limits.models.length === 0) return;
  const allowed = new Set(limits.models);
  const outside = models.filter((model) => !allowed.has(model));
  if (outside.length === 0) return;
  throw new KeyLimitError(
    "models",
    `${outside.join(", ")} ${outside.length > 1 ? "are" : "is"} not among the models an admin allows for ${whose(actor)} keys (${limits.models.join(", ")}).`,
  );
}

function assertExpiryWithinUser(expiresAt: Date | null, latest: Date | null, limits: UserKeyLimits, actor: KeyActor): void {
  if (latest === null || (expiresAt !== null && expiresAt.getTime() <= latest.getTime())) return;
  throw new KeyLimitError(
    "expiresAt",
    `an admin limits ${whose(actor)} keys to ${limits.maxDays} days, so this key must expire by ${latest.toISOString()}${expiresAt === null ? " (it cannot be made to never expire)" : ""}.`,
  );
}

/** Checks a new key against the owner's limits; returns its expiry (the latest allowed when none was given). */
export function checkNewKey(options: {
  actor: KeyActor;
  models: readonly string[];
  /** undefined = not given: the latest the limits allow, or never */
  expiresAt: Date | null | undefined;
  limits: UserKeyLimits;
  now: Date;
}): Date | null {
  const { actor, limits } = options;
  assertModelsWithinUser(options.models, limits, actor);
  const latest = latestKeyExpiry(options.now, limits);
  if (options.expiresAt === undefined) return latest;
  assertExpiryWithinUser(options.expiresAt, latest, limits, actor);
  return options.expiresAt;
}

/** Checks a change to an existing key: the owner's limits for everyone, and only narrowing for a developer. */
export function checkKeyChange(options: {
  actor: KeyActor;
  key: { models: readonly string[]; expiresAt: Date | null; createdAt: Date };
  change: { models?: readonly string[]; expiresAt?: Date | null };
  limits: UserKeyLimits;
}): void {
  const { actor, key, change, limits } = options;
  if (change.models !== undefined) {
    assertModelsWithinUser(change.models, limits, actor);
    if (actor === "developer" && key.models.length > 0) {
      if (change.models.length === 0) {
        throw new KeyLimitError("models", `you can remove models from this key but not allow every model (it allows ${key.models.join(", ")}); ask an admin.`);
      }
      const current = new Set(key.models);
      const added = change.models.filter((model) => !current.has(model));
      if (added.length > 0) {
        throw new KeyLimitError("models", `you can only remove models from this key, not add ${added.join(", ")} (it allows ${key.models.join(", ")}); ask an admin.`);
      }
    }
  }
  if (change.expiresAt !== undefined) {
    assertExpiryWithinUser(change.expiresAt, latestKeyExpiry(key.createdAt, limits), limits, actor);
    if (actor === "developer" && key.expiresAt !== null && (change.expiresAt === null || change.expiresAt.getTime() > key.expiresAt.getTime())) {
      throw new KeyLimitError(
        "expiresAt",
        `you can bring this key's expiry forward but not ${change.expiresAt === null ? "remove it" : "postpone it"} (it expires ${key.expiresAt.toISOString()}); ask an admin.`,
      );
    }
  }
}
