// Cleans the database tier once a minute (one process of the cluster at a time, by a lock in the
// shared store): expired entries, then per organization the least recently used entries past its
// maxEntries or maxBytes, then shadow-mode records older than a week. Deletions go in batches and
// are announced, so every thread and replica forgets them; Redis copies are deleted too.
import { db } from "../db";
import { logger } from "../logger";
import { sharedStore } from "../store";
import { cacheRuntime } from "./cache-runtime";
import { cacheSettings, DEFAULT_CACHE_SETTINGS } from "./cache-settings";
import { announce } from "./cache-announce";
import { deleteShared } from "./redis-tier";

const SWEEP_EVERY_MS = 60_000;
const BATCH = 500;
const SHADOW_KEEP_MS = 7 * 24 * 3600_000;

async function forget(rows: { id: string; key: string; orgId: string }[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db().cacheEntry.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
  const keys = rows.map((r) => r.key);
  await deleteShared(keys);
  const runtime = cacheRuntime();
  for (const row of rows) {
    runtime.index.delete(row.key);
    runtime.memory.delete(row.orgId, row.key);
  }
  await announce({ op: "deleted", keys });
  return result.count;
}

async function deleteExpired(now: Date): Promise<number> {
  let deleted = 0;
  for (;;) {
    const rows = await db().cacheEntry.findMany({ where: { expiresAt: { lte: now } }, select: { id: true, key: true, orgId: true }, take: BATCH });
    deleted += await forget(rows);
    if (rows.length < BATCH) return deleted;
  }
}

/** Deletes an organization's least recently used entries until it is within both bounds. */
export async function enforceBounds(orgId: string, bounds: { maxEntries: number; maxBytes: number }): Promise<number> {
  const totals = await db().cacheEntry.aggregate({ where: { orgId }, _count: { _all: true }, _sum: { bytes: true } });
  let entries = totals._count._all;
  let bytes = Number(totals._sum.bytes ?? 0);
  let deleted = 0;
  while (entries > bounds.maxEntries || bytes > bounds.maxBytes) {
    const oldest = await db().cacheEntry.findMany({ where: { orgId }, orderBy: [{ lastUsedAt: "asc" }, { id: "asc" }], select: { id: true, key: true, orgId: true, bytes: true }, take: BATCH });
    if (oldest.length === 0) break;
    const victims = [];
    for (const row of oldest) {
      if (entries <= bounds.maxEntries && bytes <= bounds.maxBytes) break;
      victims.push(row);
      entries--;
      bytes -= row.bytes;
    }
    deleted += await forget(victims);
  }
  return deleted;
}

export async function sweepCache(now = new Date()): Promise<{ expired: number; evicted: number; shadow: number }> {
  const expired = await deleteExpired(now);
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
