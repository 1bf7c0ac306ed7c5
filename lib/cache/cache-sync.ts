// Keeps this thread's index (and in-process tier) in step with the database and the other
// threads and replicas: the live entries are loaded once at start (before the first lookup), then
// every write, delete and purge anywhere is announced on the shared store's "cache-entries"
// channel; a catch-up every few minutes adds entries whose announcement was lost (a Redis
// reconnect), so such an entry costs at most a few minutes of misses, never a wrong answer.
import { db } from "../db";
import { logger } from "../logger";
import { sharedStore } from "../store";
import { CACHE_ENTRIES_CHANNEL, cacheRuntime, type CacheEntriesMessage, type CacheRuntime } from "./cache-runtime";
import { startCacheSweeper } from "./cache-sweeper";
import { INDEX_COLUMNS, indexedFromRow } from "./entry-rows";

const PAGE = 2000;
const CATCH_UP_EVERY_MS = 5 * 60_000;
/** Announcements may arrive after rows committed this long before the last catch-up. */
const CATCH_UP_MARGIN_MS = 60_000;

/** The index's facts without vectors and prompts: what exact lookups need, a fraction of the bytes. */
const KEY_COLUMNS = { ...INDEX_COLUMNS, vector: false, prompt: false } as const;

async function loadRows(runtime: CacheRuntime, where: object, withVectors = true): Promise<void> {
  let cursor: string | undefined;
  for (;;) {
    const rows = await db().cacheEntry.findMany({
      where: { ...where, expiresAt: { gt: new Date() } },
      select: withVectors ? INDEX_COLUMNS : KEY_COLUMNS,
      orderBy: { id: "asc" },
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    for (const row of rows) {
      const { entry, semantic } = indexedFromRow(Object.assign({ vector: null, prompt: "" }, row));
      runtime.index.add(entry, semantic);
    }
    if (rows.length < PAGE) return;
    cursor = rows[rows.length - 1].id;
  }
}

function onMessage(runtime: CacheRuntime, text: string): void {
  const space = text.indexOf(" ");
  if (space < 0 || text.slice(0, space) === runtime.instanceId) return; // our own (announcementText)
  let message: CacheEntriesMessage;
  try {
    message = JSON.parse(text.slice(space + 1)) as CacheEntriesMessage;
  } catch {
    return;
  }
  switch (message.op) {
    case "stored": {
      const withVectors: string[] = [];
      for (const notice of message.entries) {
        const { semantic, ...entry } = notice;
        runtime.index.add(entry, null);
        runtime.memory.delete(entry.orgId, entry.key); // a newer answer replaced any copy held here
        if (semantic) withVectors.push(entry.id);
      }
      if (withVectors.length > 0) {
        loadRows(runtime, { id: { in: withVectors } }).catch((error) => logger().warn({ err: error }, "could not load the vectors of new cache entries"));
      }
      return;
    }
    case "deleted":
      for (const key of message.keys) {
        const entry = runtime.index.delete(key);
        if (entry) runtime.memory.delete(entry.orgId, key);
      }
      return;
    case "purged": {
      const { orgId, model, teamId } = message;
      const keys = new Set(runtime.index.deleteWhere((e) => e.orgId === orgId && (!model || e.model === model) && (!teamId || e.teamId === teamId)));
      runtime.memory.deleteWhere(orgId, (answer) => keys.has(answer.key));
      return;
    }
  }
}

function startCatchUp(runtime: CacheRuntime): void {
  let since = Date.now();
  const timer = setInterval(() => {
    const from = new Date(since - CATCH_UP_MARGIN_MS);
    since = Date.now();
    loadRows(runtime, { createdAt: { gte: from } }).catch((error) => logger().warn({ err: error }, "cache index catch-up failed; retrying later"));
  }, CATCH_UP_EVERY_MS);
  timer.unref();
}

/** Resolves once this thread's index holds the database's live entries (loads them the first time). */
export function ensureCacheLoaded(): Promise<void> {
  const runtime = cacheRuntime();
  runtime.loaded ??= (async () => {
    // Subscribe first: an entry written while the load runs is then not missed. After a reconnect
    // (announcements may have been lost) the index is rebuilt from the database.
    let subscribed = false;
    void sharedStore().subscribe(
      CACHE_ENTRIES_CHANNEL,
      (text) => onMessage(runtime, text),
      () => {
        if (!subscribed) return void (subscribed = true);
        runtime.index.clear();
        runtime.memory.clear();
        loadRows(runtime, {}).catch((error) => logger().warn({ err: error }, "could not rebuild the cache index after a reconnect"));
      },
    );
    // Keys first (exact lookups wait only for those), then the vectors of semantic entries in the
    // background: until they are in, a semantic lookup just finds nothing.
    await loadRows(runtime, {}, false);
    runtime.ready = true;
    runtime.vectorsLoaded = loadRows(runtime, { vector: { not: null } }).catch((error) =>
      logger().warn({ err: error }, "could not load the semantic cache's vectors; semantic lookups miss until the next catch-up"),
    );
    startCatchUp(runtime);
    startCacheSweeper();
  })().catch((error) => {
    runtime.loaded = null;
    throw error;
  });
  return runtime.loaded;
}
