// Writes new entries to the database off the request path, like usage records: a synchronous push,
// then one transaction per batch (every 500 ms or 500 entries; entry-sql.ts says how). Once committed, the entries are
// announced on the shared store so every other thread and replica adds them to its index. A failed
// batch is retried with backoff; past MAX_QUEUED entries the oldest are dropped (the cache is a
// cache: losing an entry costs one upstream call, never a wrong answer). Until its batch is
// committed an entry is found here by its key (`queued`): the index already knows it, and the
// in-process tier only takes entries on their first hit (memory-tier.ts says why).
import { sharedStore } from "../store";
import { warnThrottled } from "../quotas/throttled-warning";
import type { StoredEntry } from "./cache-entry";
import { announcementText, CACHE_ENTRIES_CHANNEL, cacheRuntime, type CacheEntriesMessage } from "./cache-runtime";
import { insertEntries } from "./entry-sql";

const FLUSH_EVERY_MS = 500;
const BATCH = 500;
const MAX_QUEUED = 10_000;
const MAX_BACKOFF_MS = 30_000;

class EntryWriter {
  private queue: StoredEntry[] = [];
  /** the latest queued entry of each key (keys are hashes that include the organization) */
  private readonly byKey = new Map<string, StoredEntry>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private failures = 0;

  enqueue(entry: StoredEntry): void {
    this.queue.push(entry);
    this.byKey.set(entry.key, entry);
    if (this.queue.length > MAX_QUEUED) this.forget(this.queue.splice(0, this.queue.length - MAX_QUEUED));
    this.schedule(this.queue.length >= BATCH ? 0 : FLUSH_EVERY_MS);
  }

  /** The entry queued under `key` that is not in the database yet, if any. */
  queued(key: string): StoredEntry | undefined {
    return this.byKey.get(key);
  }

  /** Entries that left the queue (written or dropped): no longer found here, unless queued again since. */
  private forget(entries: readonly StoredEntry[]): void {
    for (const entry of entries) if (this.byKey.get(entry.key) === entry) this.byKey.delete(entry.key);
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.flushing) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delayMs);
    this.timer.unref();
  }

  /** Writes everything queued (tests and shutdown await it). */
  async flush(): Promise<void> {
    if (this.flushing) {
      await this.flushing;
      if (this.queue.length === 0) return;
    }
    this.flushing = (async () => {
      while (this.queue.length > 0) {
        const batch = this.queue.slice(0, BATCH);
        try {
          await writeBatch(batch);
          this.forget(this.queue.splice(0, batch.length));
          this.failures = 0;
        } catch (error) {
          this.failures++;
          warnThrottled("cache-write", error, "could not store cache entries; retrying");
          const backoff = Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.failures);
          setTimeout(() => void this.flush(), backoff).unref();
          return;
        }
      }
    })().finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }

  pending(): number {
    return this.queue.length;
  }
}

async function writeBatch(batch: readonly StoredEntry[]): Promise<void> {
  // The last write of a key wins (two misses of one request, or a no-cache refresh).
  const latest = [...new Map(batch.map((entry) => [`${entry.orgId}\u0000${entry.key}`, entry])).values()];
  await insertEntries(latest);
  const message: CacheEntriesMessage = {
    from: cacheRuntime().instanceId,
    op: "stored",
    entries: latest.map((e) => ({ id: e.id, orgId: e.orgId, key: e.key, model: e.model, namespace: e.namespace, teamId: e.teamId, expiresAt: e.expiresAt, semantic: e.vector !== null })),
  };
  await sharedStore()
    .publish(CACHE_ENTRIES_CHANNEL, announcementText(cacheRuntime(), message))
    .catch((error) => warnThrottled("cache-publish", error, "could not announce new cache entries; other replicas find them within a minute"));
}

const slot = globalThis as unknown as { tollgateCacheWriter?: EntryWriter };

export function entryWriter(): EntryWriter {
  slot.tollgateCacheWriter ??= new EntryWriter();
  return slot.tollgateCacheWriter;
}

/** Waits until every entry queued so far is in the database. */
export function flushCacheWrites(): Promise<void> {
  return entryWriter().flush();
}
