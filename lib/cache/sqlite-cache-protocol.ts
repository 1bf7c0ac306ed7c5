// Messages between the response cache's SQLite writer (sqlite-cache-writer.ts, main thread) and its
// thread (sqlite-cache-thread.ts). Both import these types, so tsc checks each side against the other.

/** The CacheEntry columns in the order every row's values come (entry-sql.ts builds them). */
export const CACHE_ENTRY_COLUMNS = [
  "id", "orgId", "key", "namespace", "teamId", "keyId", "model", "kind", "contextKey", "prompt", "request", "answer",
  "vector", "embedder", "inputTokens", "outputTokens", "bytes", "hits", "source", "createdAt", "lastUsedAt", "expiresAt",
] as const;

export interface SqliteCacheThreadData {
  file: string;
}

/** `rows`: entries to insert (values in CACHE_ENTRY_COLUMNS order); `touches`: [entry id, hits to add, lastUsedAt]. */
export type ToSqliteCacheThread = { id: number; rows: unknown[][] } | { id: number; touches: [string, number, string][] };
export type FromSqliteCacheThread = { id: number; error?: { message: string; code?: string } };
