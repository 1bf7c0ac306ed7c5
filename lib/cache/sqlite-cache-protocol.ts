// Messages between the response cache's SQLite writer (sqlite-cache-writer.ts, main thread) and its
// thread (sqlite-cache-thread.ts). Both import these types, so tsc checks each side against the other.
import type { PackedCacheEntries } from "./cache-entry-pack";

/** The CacheEntry columns in the order every row's values come (entry-sql.ts builds them). */
export const CACHE_ENTRY_COLUMNS = [
  "id", "orgId", "key", "namespace", "teamId", "keyId", "model", "kind", "contextKey", "prompt", "request", "answer",
  "vector", "embedder", "inputTokens", "outputTokens", "bytes", "hits", "source", "createdAt", "lastUsedAt", "expiresAt",
] as const;

export interface SqliteCacheThreadData {
  file: string;
}

/** `entries`: new entries to insert (the thread builds their rows); `touches`: [entry id, hits to add, lastUsedAt as epoch ms]. */
export type ToSqliteCacheThread = { id: number; entries: PackedCacheEntries } | { id: number; touches: [string, number, number][] };
export type FromSqliteCacheThread = { id: number; error?: { message: string; code?: string } };
