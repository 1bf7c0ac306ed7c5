// In-process cache of key lookups: SHA-256 hash -> principal (or "unknown"), with a short TTL,
// single-flight loading and explicit invalidation. A warm key costs one hash and one map lookup.
//
// Revocations arrive as invalidations over the shared store's "key-invalidated" channel. A cached
// key is only as fresh as that channel: `deliveredThrough()` says up to when every revocation
// published has reached this process (lib/store/shared-store.ts). While it keeps up (always, in
// process; every ~200 ms with Redis), entries are served from memory. When it falls behind (Redis
// down or partitioned), an entry is trusted for at most `maxUnconfirmedMs` (1 s) past the later of
// its load and what the channel vouches for, and read again after that: a key revoked during an
// outage is refused within about a second on every replica. When the channel comes back, the store
// resyncs and the whole cache is dropped (`clear`), since what it missed meanwhile is unknown.
import { LRUCache } from "lru-cache";
import type { Principal } from "../principal/principal";

const UNKNOWN = "unknown" as const;
type CachedLookup = Principal | typeof UNKNOWN;

interface Entry {
  value: CachedLookup;
  /** when the load that produced it started: it reflects every revocation committed before */
  loadedAt: number;
}

export interface KeyCacheOptions {
  /** how long unknown keys are remembered */
  negativeTtlMs?: number;
  max?: number;
  /** the invalidation channel's SharedStore.deliveredThrough; default: in-process, never behind */
  deliveredThrough?: () => number;
  /** how long past what the channel vouches for an entry may still be served */
  maxUnconfirmedMs?: number;
  /** the time source (ms) of the entries' TTLs; default lru-cache's (performance.now). Tests pass their own clock. */
  ttlClock?: () => number;
}

export class KeyCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly inFlight = new Map<string, Promise<CachedLookup>>();
  private readonly hashByKeyId = new Map<string, string>();
  private readonly negativeTtlMs: number;
  private readonly deliveredThrough: () => number;
  private readonly maxUnconfirmedMs: number;
  /** bumped on every invalidation so a load that started before it cannot repopulate stale data */
  private generation = 0;

  constructor(
    private readonly load: (hash: string) => Promise<Principal | null>,
    ttlMs: number,
    options: KeyCacheOptions = {},
  ) {
    this.negativeTtlMs = options.negativeTtlMs ?? 5_000;
    this.deliveredThrough = options.deliveredThrough ?? (() => Infinity);
    this.maxUnconfirmedMs = options.maxUnconfirmedMs ?? 1_000;
    this.entries = new LRUCache({
      max: options.max ?? 50_000,
      ttl: Math.max(ttlMs, 1),
      ttlAutopurge: false,
      // The clock is read on every check: lru-cache's default reuses a reading for 1 ms, through a
      // timer set on each new reading (a timer about every millisecond under load, for a 30 s TTL).
      ttlResolution: 0,
      ...(options.ttlClock ? { perf: { now: options.ttlClock } } : {}),
      dispose: (entry, hash) => {
        if (entry.value !== UNKNOWN && this.hashByKeyId.get(entry.value.keyId ?? "") === hash) {
          this.hashByKeyId.delete(entry.value.keyId ?? "");
        }
      },
    });
  }

  /**
   * The cached answer, without an await: the principal, or null for a key known not to exist;
   * undefined when it must be loaded (not cached, or not vouched for): then call `lookup`.
   */
  lookupNow(hash: string): Principal | null | undefined {
    const hit = this.entries.get(hash);
    if (!hit) return undefined;
    if (hit.value === UNKNOWN) return null;
    // Otherwise a revocation may not have reached us: it must be read again.
    return this.vouchedFor(hit.loadedAt) ? hit.value : undefined;
  }

  async lookup(hash: string): Promise<Principal | null> {
    const cached = this.lookupNow(hash);
    if (cached !== undefined) return cached;
    let pending = this.inFlight.get(hash);
    if (!pending) {
      const startedAt = this.generation;
      const loadedAt = Date.now();
      pending = this.load(hash)
        .then((principal): CachedLookup => principal ?? UNKNOWN)
        .finally(() => this.inFlight.delete(hash));
      this.inFlight.set(hash, pending);
      pending.then(
        (value) => {
          if (startedAt !== this.generation) return;
          if (value === UNKNOWN) this.entries.set(hash, { value, loadedAt }, { ttl: this.negativeTtlMs });
          else {
            this.entries.set(hash, { value, loadedAt });
            if (value.keyId) this.hashByKeyId.set(value.keyId, hash);
          }
        },
        () => {},
      );
    }
    const value = await pending;
    return value === UNKNOWN ? null : value;
  }

  /** Whether every revocation older than `maxUnconfirmedMs` is reflected in an entry loaded at `loadedAt`. */
  private vouchedFor(loadedAt: number): boolean {
    const delivered = this.deliveredThrough();
    return Date.now() - (delivered > loadedAt ? delivered : loadedAt) <= this.maxUnconfirmedMs;
  }

  invalidateKeyId(keyId: string): void {
    this.generation++;
    const hash = this.hashByKeyId.get(keyId);
    if (hash) this.entries.delete(hash);
    this.hashByKeyId.delete(keyId);
  }

  /** Forget everything: the invalidation channel resynced, so revocations may have been missed. */
  clear(): void {
    this.generation++;
    this.entries.clear();
    this.hashByKeyId.clear();
  }
}
