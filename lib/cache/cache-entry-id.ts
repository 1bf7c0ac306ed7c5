// Ids of new cache entries: "ce_", the creation time (ms, base 36, fixed width) and 80 random bits.
// Time first, so new rows land at the right edge of the primary key's index instead of on a random
// page of it: a random UUID there made the SQLite writer's inserts about a third dearer in CPU once
// the table held tens of thousands of entries (scripts/bench/diag/cache-sqlite-inserts.ts,
// docs/decisions/013-response-cache-tiers-and-keys.md). The random part keeps ids unique across
// processes and replicas; nothing reads meaning into an id.
import { randomUUID } from "node:crypto";

export function newCacheEntryId(now = Date.now()): string {
  const uuid = randomUUID();
  // 20 hex digits from the UUID's random parts (its version nibble at index 14 is skipped).
  return `ce_${now.toString(36).padStart(9, "0")}${uuid.slice(0, 8)}${uuid.slice(9, 13)}${uuid.slice(15, 18)}${uuid.slice(19, 23)}${uuid[24]}`;
}
