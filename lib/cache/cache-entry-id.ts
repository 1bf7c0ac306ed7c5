// Ids of new cache entries: "ce_", the creation time (ms, base 36, 9 digits) and 80 random bits
// (lib/ids/time-ordered-id.ts). A random UUID as the primary key made the SQLite writer's inserts
// about a third dearer in CPU once the table held tens of thousands of entries
// (scripts/bench/diag/cache-sqlite-inserts.ts, docs/decisions/013-response-cache-tiers-and-keys.md).
import { timeOrderedIds } from "../ids/time-ordered-id";

export const newCacheEntryId = timeOrderedIds("ce_", 36, 9);
