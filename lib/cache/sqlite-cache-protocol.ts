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

/** An entry the sweeper deleted: [id, key, orgId]. */
export type DeletedEntryRow = [string, string, string];

/**
 * `entries`: new entries to insert (the thread builds their rows); `touches`: [entry id, hits to add,
 * lastUsedAt as epoch ms]; `expire`: delete the entries expired at `now` (epoch ms); `evict`: delete an
 * organization's least recently used entries past its bounds.
 */
export type ToSqliteCacheThread =
  | { id: number; entries: PackedCacheEntries }
  | { id: number; touches: [string, number, number][] }
  | { id: number; expire: { now: number } }
  | { id: number; evict: { orgId: string; maxEntries: number; maxBytes: number } };
export type FromSqliteCacheThread = { id: number; deleted?: DeletedEntryRow[]; error?: { message: string; code?: string } };
