// Ids of new cache entries: "ce_", the creation time (ms, base 36, fixed width) and 80 random bits.
// Time first, so new rows land at the right edge of the primary key's index instead of on a random
// page of it: a random UUID there made the SQLite writer's inserts about a third dearer in CPU once
// the table held tens of thousands of entries (scripts/bench/diag/cache-sqlite-inserts.ts,
// docs/decisions/013-response-cache-tiers-and-keys.md). The random part keeps ids unique across
// processes and replicas; nothing reads meaning into an id.
//
// Every miss makes one, so the random bits come from a pool filled 400 ids at a time and are hex
// encoded in one call, and the time's digits are formatted once per millisecond: about 0.15 µs an
// id against 0.5–0.75 for slicing a random UUID (each byte of the pool is used once).
import { randomFillSync } from "node:crypto";

const RANDOM_BYTES = 10;
const pool = Buffer.alloc(RANDOM_BYTES * 400);
let poolAt = pool.length;
let prefixMs = -1;
let prefix = "";

export function newCacheEntryId(now = Date.now()): string {
  if (now !== prefixMs) {
    prefixMs = now;
    prefix = `ce_${now.toString(36).padStart(9, "0")}`;
  }
  if (poolAt + RANDOM_BYTES > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const random = pool.toString("hex", poolAt, poolAt + RANDOM_BYTES);
  poolAt += RANDOM_BYTES;
  return prefix + random;
}
