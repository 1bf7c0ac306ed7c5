// Finding a stored answer by its exact key, cheapest tier first: the in-process LRU (no I/O), then
// this thread's index (no I/O: a key it does not know is a miss, which is what keeps an all-miss
// workload as fast as no cache), and only for a known entry not held in memory, this thread's
// write queue (stored, not committed yet), Redis and then the database. What is found is admitted
// into the in-process tier: an entry enters it on its first hit, not when stored (memory-tier.ts).
// Answered without a promise when no I/O is needed (a miss, a held answer, a queued entry), as the
// rest of the warm request path (docs/decisions/023-warm-request-path-without-promises.md).
import { db } from "../db";
import type { CachedAnswer } from "./cache-entry";
import { slimAnswer } from "./cache-entry";
import { cacheRuntime, type CacheRuntime } from "./cache-runtime";
import type { CacheSettings } from "./cache-settings";
import { ANSWER_COLUMNS, answerFromRow } from "./entry-rows";
import { entryWriter } from "./entry-writer";
import { readShared, writeShared } from "./redis-tier";

export function findAnswer(orgId: string, key: string, settings: CacheSettings, now: number): CachedAnswer | null | Promise<CachedAnswer | null> {
  const runtime = cacheRuntime();
  const held = runtime.memory.get(orgId, key, now);
  if (held) return held;
  if (!runtime.index.find(key, now)) return null;
  const queued = entryWriter().queued(key);
  if (queued) return admit(runtime, slimAnswer(queued), orgId, key, settings, now);
  return readStored(runtime, orgId, key, settings, now);
}

async function readStored(runtime: CacheRuntime, orgId: string, key: string, settings: CacheSettings, now: number): Promise<CachedAnswer | null> {
  let answer = await readShared(key);
  if (!answer) {
    const row = await db().cacheEntry.findUnique({ where: { orgId_key: { orgId, key } }, select: ANSWER_COLUMNS });
    answer = row ? answerFromRow(row) : null;
    if (answer) writeShared(answer);
  }
  return admit(runtime, answer, orgId, key, settings, now);
}

function admit(runtime: CacheRuntime, answer: CachedAnswer | null, orgId: string, key: string, settings: CacheSettings, now: number): CachedAnswer | null {
  if (!answer || answer.expiresAt <= now || answer.orgId !== orgId) {
    // Deleted or expired elsewhere and the announcement has not arrived (or was lost).
    runtime.index.delete(key);
    return null;
  }
  runtime.memory.set(answer, settings);
  return answer;
}
