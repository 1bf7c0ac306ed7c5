// Invalidating entries: one by id, or a purge by model and/or team (or all). The rows go first
// (the database is authoritative), then Redis, then this thread's tiers, and every other thread and
// replica is told to forget them.
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import { cacheRuntime } from "./cache-runtime";
import { announce } from "./cache-announce";
import { deleteShared } from "./redis-tier";

const PURGE_BATCH = 500;

function forgetLocally(orgId: string, keys: readonly string[]): void {
  const runtime = cacheRuntime();
  for (const key of keys) {
    runtime.index.delete(key);
    runtime.memory.delete(orgId, key);
  }
}

export async function deleteCacheEntry(options: { orgId: string; id: string }): Promise<{ id: string; model: string; prompt: string }> {
  const row = await db().cacheEntry.findFirst({ where: { id: options.id, orgId: options.orgId }, select: { id: true, key: true, model: true, prompt: true } });
  if (!row) throw new NotFoundError("No cache entry with this id.", "not_found", "id");
  await db().cacheEntry.deleteMany({ where: { id: row.id } });
  await deleteShared([row.key]);
  forgetLocally(options.orgId, [row.key]);
  await announce({ op: "deleted", keys: [row.key] });
  return { id: row.id, model: row.model, prompt: row.prompt };
}

/** Deletes every entry of the organization that matches (all of them without filters). */
export async function purgeCacheEntries(options: { orgId: string; model?: string; teamId?: string }): Promise<{ deleted: number }> {
  const { orgId, model, teamId } = options;
  const where = { orgId, ...(model ? { model } : {}), ...(teamId ? { teamId } : {}) };
  let deleted = 0;
  for (;;) {
    const rows = await db().cacheEntry.findMany({ where, select: { id: true, key: true }, take: PURGE_BATCH });
    if (rows.length === 0) break;
    const result = await db().cacheEntry.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
    deleted += result.count;
    const keys = rows.map((r) => r.key);
    await deleteShared(keys);
    forgetLocally(orgId, keys);
  }
  await announce({ op: "purged", orgId, ...(model ? { model } : {}), ...(teamId ? { teamId } : {}) });
  return { deleted };
}
