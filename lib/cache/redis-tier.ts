// The shared tier, when REDIS_URL is set: every answer is also written to Redis under
// `tollgate:cache:<key>` with the entry's own TTL (so Redis memory stays bounded by what is live),
// and a process that knows an entry exists but does not hold it reads it from here before the
// database. The database stays authoritative: Redis may lose an entry (eviction, restart) and the
// database still serves it.
import { sharedStore, type SharedStore } from "../store";
import { warnThrottled } from "../quotas/throttled-warning";
import type { CachedAnswer } from "./cache-entry";

const redisKey = (key: string) => `cache:${key}`;

function redisStore(): SharedStore | null {
  const store = sharedStore();
  return store.kind === "redis" ? store : null;
}

export function hasSharedTier(): boolean {
  return redisStore() !== null;
}

export async function readShared(key: string): Promise<CachedAnswer | null> {
  const store = redisStore();
  if (!store) return null;
  try {
    const text = await store.get(redisKey(key));
    return text ? (JSON.parse(text) as CachedAnswer) : null;
  } catch (error) {
    warnThrottled("cache-redis-read", error, "could not read a cache entry from Redis; reading the database instead");
    return null;
  }
}

/** Fire and forget: the response never waits for Redis. */
export function writeShared(answer: CachedAnswer): void {
  const store = redisStore();
  const ttlMs = answer.expiresAt - Date.now();
  if (!store || ttlMs <= 0) return;
  store.set(redisKey(answer.key), JSON.stringify(answer), ttlMs).catch((error) => warnThrottled("cache-redis-write", error, "could not write a cache entry to Redis; other replicas read it from the database"));
}

export async function deleteShared(keys: readonly string[]): Promise<void> {
  const store = redisStore();
  if (!store) return;
  await Promise.all(keys.map((key) => store.delete(redisKey(key)).catch(() => {})));
}
