// Finding a stored answer by its exact key, cheapest tier first: the in-process LRU (no I/O), then
// this thread's index (no I/O: a key it does not know is a miss, which is what keeps an all-miss
// workload as fast as no cache), and only for a known entry not held in memory, Redis and then the
// database. What is found is promoted into the in-process tier.
import { db } from "../db";
import type { CachedAnswer } from "./cache-entry";
import { cacheRuntime } from "./cache-runtime";
import type { CacheSettings } from "./cache-settings";
import { ANSWER_COLUMNS, answerFromRow } from "./entry-rows";
import { readShared, writeShared } from "./redis-tier";

export async function findAnswer(orgId: string, key: string, settings: CacheSettings, now: number): Promise<CachedAnswer | null> {
  const runtime = cacheRuntime();
  const held = runtime.memory.get(orgId, key, now);
  if (held) return held;
  if (!runtime.index.find(key, now)) return null;
  let answer = await readShared(key);
  if (!answer) {
    const row = await db().cacheEntry.findUnique({ where: { orgId_key: { orgId, key } }, select: ANSWER_COLUMNS });
    answer = row ? answerFromRow(row) : null;
    if (answer) writeShared(answer);
  }
  if (!answer || answer.expiresAt <= now || answer.orgId !== orgId) {
    // Deleted or expired elsewhere and the announcement has not arrived (or was lost).
    runtime.index.delete(key);
    return null;
  }
  runtime.memory.set(answer, settings);
  return answer;
}
