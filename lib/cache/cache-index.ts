// What this process knows exists in the cache, for every live entry of every organization: its key
// (so a miss costs no I/O at all: a key that is not here is not anywhere) and, for semantic
// lookups, its vector in the group of its context key and embedder. Kept current from this
// process's own writes, from other processes' publications (cache-sync.ts) and from the database
// at start and by a periodic catch-up. No answers here: those live in the tiers.
import type { IndexedEntry } from "./cache-entry";
import { VectorGroup, type VectorMatch } from "./vector-group";

export interface SemanticFacts {
  contextKey: string;
  embedder: string;
  vector: Float32Array;
  prompt: string;
}

const groupId = (contextKey: string, embedder: string) => `${contextKey}\u0000${embedder}`;

export class CacheIndex {
  private readonly entries = new Map<string, IndexedEntry>();
  private readonly groups = new Map<string, VectorGroup>();
  private readonly groupOfKey = new Map<string, string>();

  /** The entry under `key` if it is live; an expired one is forgotten. */
  find(key: string, now: number): IndexedEntry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= now) {
      this.delete(key);
      return undefined;
    }
    return entry;
  }

  add(entry: IndexedEntry, semantic: SemanticFacts | null): void {
    const previous = this.entries.get(entry.key);
    this.entries.set(entry.key, entry);
    if (previous && !semantic) return;
    if (!semantic) return;
    const id = groupId(semantic.contextKey, semantic.embedder);
    const formerGroup = this.groupOfKey.get(entry.key);
    if (formerGroup && formerGroup !== id) this.groups.get(formerGroup)?.delete(entry.key);
    let group = this.groups.get(id);
    if (!group) {
      group = new VectorGroup(semantic.vector.length);
      this.groups.set(id, group);
    }
    group.add(entry.key, entry.id, semantic.prompt, semantic.vector, entry.expiresAt);
    this.groupOfKey.set(entry.key, id);
  }

  delete(key: string): IndexedEntry | undefined {
    const entry = this.entries.get(key);
    this.entries.delete(key);
    const id = this.groupOfKey.get(key);
    if (id) {
      const group = this.groups.get(id);
      group?.delete(key);
      if (group && group.size === 0) this.groups.delete(id);
      this.groupOfKey.delete(key);
    }
    return entry;
  }

  /** Forgets every entry that `matches`; returns their keys. */
  deleteWhere(matches: (entry: IndexedEntry) => boolean): string[] {
    const keys: string[] = [];
    for (const entry of this.entries.values()) if (matches(entry)) keys.push(entry.key);
    for (const key of keys) this.delete(key);
    return keys;
  }

  /** The nearest live entry of the group, whatever its similarity (the caller applies the threshold). */
  nearest(contextKey: string, embedder: string, vector: Float32Array, now: number): VectorMatch | null {
    return this.groups.get(groupId(contextKey, embedder))?.nearest(vector, now) ?? null;
  }

  hasVector(key: string): boolean {
    return this.groupOfKey.has(key);
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.groups.clear();
    this.groupOfKey.clear();
  }
}
