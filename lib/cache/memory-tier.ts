// The in-process tier: one LRU per organization (lru-cache), bounded by the organization's
// maxEntries and maxBytes (each entry weighs its `bytes`), so it never holds more than the
// settings allow; least recently used entries go first. It is a copy: the database (and Redis,
// when configured) keep what it evicts, and cache-index.ts knows the entry still exists.
// An entry enters it on its first hit (answer-lookup.ts), not when stored: under a workload of
// misses, every stored answer kept here lived long enough to be promoted to V8's old space and
// died there (mark-compact work), and the LRU's insert and eviction ran on every miss.
import { LRUCache } from "lru-cache";
import type { CachedAnswer } from "./cache-entry";

export interface TierBounds {
  maxEntries: number;
  maxBytes: number;
}

interface OrgTier {
  bounds: TierBounds;
  lru: LRUCache<string, CachedAnswer>;
}

function newLru(bounds: TierBounds): LRUCache<string, CachedAnswer> {
  return new LRUCache<string, CachedAnswer>({
    max: bounds.maxEntries,
    maxSize: bounds.maxBytes,
    // An entry larger than the whole bound is simply not kept (lru-cache refuses it).
    sizeCalculation: (answer) => Math.max(1, answer.bytes),
  });
}

export class MemoryTier {
  private readonly orgs = new Map<string, OrgTier>();

  private tierOf(orgId: string, bounds: TierBounds): OrgTier {
    let tier = this.orgs.get(orgId);
    if (!tier) {
      tier = { bounds, lru: newLru(bounds) };
      this.orgs.set(orgId, tier);
    } else if (tier.bounds.maxBytes !== bounds.maxBytes || tier.bounds.maxEntries !== bounds.maxEntries) {
      // lru-cache's bounds are fixed at construction: move the most recent entries into a new one.
      const lru = newLru(bounds);
      for (const [key, answer] of [...tier.lru.entries()].reverse()) lru.set(key, answer);
      tier = { bounds, lru };
      this.orgs.set(orgId, tier);
    }
    return tier;
  }

  /** The live answer under `key`, marked as most recently used; expired ones are dropped. */
  get(orgId: string, key: string, now: number): CachedAnswer | undefined {
    const lru = this.orgs.get(orgId)?.lru;
    const answer = lru?.get(key);
    if (!answer) return undefined;
    if (answer.expiresAt <= now) {
      lru!.delete(key);
      return undefined;
    }
    return answer;
  }

  set(answer: CachedAnswer, bounds: TierBounds): void {
    this.tierOf(answer.orgId, bounds).lru.set(answer.key, answer);
  }

  delete(orgId: string, key: string): void {
    this.orgs.get(orgId)?.lru.delete(key);
  }

  /** Drops every entry of an organization that `matches`. */
  deleteWhere(orgId: string, matches: (answer: CachedAnswer) => boolean): void {
    const lru = this.orgs.get(orgId)?.lru;
    if (!lru) return;
    for (const [key, answer] of lru.entries()) if (matches(answer)) lru.delete(key);
  }

  stats(orgId: string): { entries: number; bytes: number } {
    const lru = this.orgs.get(orgId)?.lru;
    return { entries: lru?.size ?? 0, bytes: lru?.calculatedSize ?? 0 };
  }

  allStats(): { entries: number; bytes: number }[] {
    return [...this.orgs.values()].map(({ lru }) => ({ entries: lru.size, bytes: lru.calculatedSize }));
  }

  clear(): void {
    this.orgs.clear();
  }
}
