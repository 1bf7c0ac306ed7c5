// In-process cache of key lookups: SHA-256 hash -> principal (or "unknown"), with a short TTL,
// single-flight loading and explicit invalidation. A warm key costs one hash and one map lookup.
import { LRUCache } from "lru-cache";
import type { Principal } from "./principal";

const UNKNOWN = "unknown" as const;
type CachedLookup = Principal | typeof UNKNOWN;

export class KeyCache {
  private readonly entries: LRUCache<string, { value: CachedLookup }>;
  private readonly inFlight = new Map<string, Promise<CachedLookup>>();
  private readonly hashByKeyId = new Map<string, string>();
  /** bumped on every invalidation so a load that started before it cannot repopulate stale data */
  private generation = 0;

  constructor(
    private readonly load: (hash: string) => Promise<Principal | null>,
    ttlMs: number,
    negativeTtlMs = 5_000,
    max = 50_000,
  ) {
    this.entries = new LRUCache({
      max,
      ttl: Math.max(ttlMs, 1),
      ttlAutopurge: false,
      dispose: (entry, hash) => {
        if (entry.value !== UNKNOWN && this.hashByKeyId.get(entry.value.keyId ?? "") === hash) {
          this.hashByKeyId.delete(entry.value.keyId ?? "");
        }
      },
    });
    this.negativeTtlMs = negativeTtlMs;
  }

  private readonly negativeTtlMs: number;

  async lookup(hash: string): Promise<Principal | null> {
    const hit = this.entries.get(hash);
    if (hit) return hit.value === UNKNOWN ? null : hit.value;
    let pending = this.inFlight.get(hash);
    if (!pending) {
      const startedAt = this.generation;
      pending = this.load(hash)
        .then((principal): CachedLookup => principal ?? UNKNOWN)
        .finally(() => this.inFlight.delete(hash));
      this.inFlight.set(hash, pending);
      pending.then(
        (value) => {
          if (startedAt !== this.generation) return;
          if (value === UNKNOWN) this.entries.set(hash, { value }, { ttl: this.negativeTtlMs });
          else {
            this.entries.set(hash, { value });
            if (value.keyId) this.hashByKeyId.set(value.keyId, hash);
          }
        },
        () => {},
      );
    }
    const value = await pending;
    return value === UNKNOWN ? null : value;
  }

  invalidateKeyId(keyId: string): void {
    this.generation++;
    const hash = this.hashByKeyId.get(keyId);
    if (hash) this.entries.delete(hash);
    this.hashByKeyId.delete(keyId);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.hashByKeyId.clear();
  }
}
