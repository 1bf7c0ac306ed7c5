// This thread's cache state: the index of live entries, the in-process answer tier and the id that
// tells its own publications apart. One per JavaScript realm (the proxy's thread and the console's
// each have theirs); they learn about each other's writes through the shared store's pub/sub.
import { randomUUID } from "node:crypto";
import { CacheIndex } from "./cache-index";
import { MemoryTier } from "./memory-tier";

export const CACHE_ENTRIES_CHANNEL = "cache-entries";

export interface StoredNotice {
  id: string;
  orgId: string;
  key: string;
  model: string;
  namespace: string;
  teamId: string | null;
  expiresAt: number;
  /** the entry has a vector: subscribers load it for their semantic index */
  semantic: boolean;
}

export type CacheEntriesMessage =
  | { from: string; op: "stored"; entries: StoredNotice[] }
  | { from: string; op: "deleted"; keys: string[] }
  | { from: string; op: "purged"; orgId: string; model?: string; teamId?: string };

/**
 * The text of an announcement: the sender's instance id, a space, the JSON. A thread skips its own
 * announcements without parsing them (a batch of 200 entries is about 60 KB of JSON).
 */
export function announcementText(runtime: CacheRuntime, message: CacheEntriesMessage): string {
  return `${runtime.instanceId} ${JSON.stringify(message)}`;
}

export interface CacheRuntime {
  readonly instanceId: string;
  readonly index: CacheIndex;
  readonly memory: MemoryTier;
  /** resolves once the index holds what the database had at start */
  loaded: Promise<void> | null;
  /** set once loaded (the hot path then skips awaiting) */
  ready: boolean;
  /** the vectors of semantic entries, loaded after the keys (in the background) */
  vectorsLoaded: Promise<void> | null;
}

const slot = globalThis as unknown as { tollgateCacheRuntime?: CacheRuntime };

export function cacheRuntime(): CacheRuntime {
  slot.tollgateCacheRuntime ??= { instanceId: randomUUID(), index: new CacheIndex(), memory: new MemoryTier(), loaded: null, ready: false, vectorsLoaded: null };
  return slot.tollgateCacheRuntime;
}

/** Tests: forget everything this thread knew (the database keeps its rows). */
export function resetCacheRuntime(): void {
  slot.tollgateCacheRuntime = undefined;
}
