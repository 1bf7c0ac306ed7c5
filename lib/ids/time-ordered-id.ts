// Ids that sort by creation time: a prefix, the time in ms (fixed width, in a given base), then 80
// random bits as 20 lower-case hex digits. Time first, so rows keyed by such an id land at the right
// edge of their primary key's index instead of on a random page of it, which makes SQLite's writers
// spend less CPU per row (docs/decisions/005-sqlite-usage-writer-thread.md,
// docs/decisions/013-response-cache-tiers-and-keys.md). The random part keeps ids unique across
// processes and replicas; nothing reads meaning into an id.
//
// Every proxied call makes one or two, so the random bits come from a pool filled 400 ids at a time
// and hex-encoded in one call (each byte of the pool is used once), and the time's digits are
// formatted once per millisecond: about 0.15 µs an id against 0.5–0.75 for slicing a random UUID.
import { randomFillSync } from "node:crypto";

const RANDOM_BYTES = 10;
const pool = Buffer.alloc(RANDOM_BYTES * 400);
let poolAt = pool.length;

function randomHex(): string {
  if (poolAt + RANDOM_BYTES > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const hex = pool.toString("hex", poolAt, poolAt + RANDOM_BYTES);
  poolAt += RANDOM_BYTES;
  return hex;
}

/** A maker of ids `${prefix}${time in base `radix`, `width` digits}${20 hex digits}`; takes the time (ms). */
export function timeOrderedIds(prefix: string, radix: number, width: number): (now?: number) => string {
  let formattedMs = -1;
  let head = "";
  return (now = Date.now()) => {
    // Several ids share a millisecond under load: its digits are formatted once.
    if (now !== formattedMs) {
      formattedMs = now;
      head = `${prefix}${now.toString(radix).padStart(width, "0")}`;
    }
    return head + randomHex();
  };
}
