// Cleans the database tier once a minute (one process of the cluster at a time, by a lock in the
// shared store): expired entries, then per organization the least recently used entries past its
// maxEntries or maxBytes, then shadow-mode records older than a week. The entries' rows are deleted
// off the proxy's thread (SQLite: the cache writer's thread; PostgreSQL: the cache writer's own
// connection; entry-sql.ts), in batches; what was deleted is then announced, so every thread and
// replica forgets it, and its Redis copies are deleted too.
import { db } from "../db";
import { logger } from "../logger";
import { sharedStore } from "../store";
import { cacheRuntime } from "./cache-runtime";
import { cacheSettings, DEFAULT_CACHE_SETTINGS } from "./cache-settings";
import { announce } from "./cache-announce";
import { deleteExpiredEntries, evictEntries, type DeletedEntry } from "./entry-sql";
import { deleteShared } from "./redis-tier";

const SWEEP_EVERY_MS = 60_000;
const SHADOW_KEEP_MS = 7 * 24 * 3600_000;

/** Tells every tier, thread and replica that these entries are gone (the database rows already are). */
async function forget(rows: DeletedEntry[]): Promise<number> {
  if (rows.length === 0) return 0;
  const keys = rows.map((r) => r.key);
  await deleteShared(keys);
  const runtime = cacheRuntime();
  for (const row of rows) {
    runtime.index.delete(row.key);
    runtime.memory.delete(row.orgId, row.key);
  }
  await announce({ op: "deleted", keys });
  return rows.length;
}

/** Deletes an organization's least recently used entries until it is within both bounds. */
export async function enforceBounds(orgId: string, bounds: { maxEntries: number; maxBytes: number }): Promise<number> {
  return forget(await evictEntries(orgId, bounds));
}

export async function sweepCache(now = new Date()): Promise<{ expired: number; evicted: number; shadow: number }> {
  const expired = await forget(await deleteExpiredEntries(now));
  let evicted = 0;
  const orgs = await db().cacheEntry.groupBy({ by: ["orgId"] });
  await cacheSettings().of(""); // loads the table once
  const settings = cacheSettings().loaded();
  for (const { orgId } of orgs) evicted += await enforceBounds(orgId, settings.get(orgId) ?? DEFAULT_CACHE_SETTINGS);
  const shadow = (await db().cacheShadowHit.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - SHADOW_KEEP_MS) } } })).count;
  return { expired, evicted, shadow };
}

const slot = globalThis as unknown as { tollgateCacheSweeper?: NodeJS.Timeout };

/** Starts the minute's sweep in this thread (idempotent); only one process sweeps per minute. */
export function startCacheSweeper(): void {
  if (slot.tollgateCacheSweeper) return;
  slot.tollgateCacheSweeper = setInterval(() => {
    void (async () => {
      const { count } = await sharedStore().incrementWindow("cache-sweep-lock", SWEEP_EVERY_MS - 5_000);
      if (count !== 1) return;
      const result = await sweepCache();
      if (result.expired + result.evicted > 0) logger().debug(result, "cache sweep");
    })().catch((error) => logger().warn({ err: error }, "cache sweep failed; retrying in a minute"));
  }, SWEEP_EVERY_MS);
  slot.tollgateCacheSweeper.unref();
}
