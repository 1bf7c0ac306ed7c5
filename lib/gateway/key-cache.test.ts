import { afterEach, describe, expect, it, vi } from "vitest";
import { KeyCache } from "./key-cache";
import type { Principal } from "../principal/principal";

const principal = (keyId: string): Principal => ({
  orgId: "org", keyId, userId: "user", teamId: null, allowedModels: null, expiresAt: null,
});

function countingLoader(table: Record<string, Principal | null>, delayMs = 5) {
  const calls: string[] = [];
  const load = async (hash: string) => {
    calls.push(hash);
    const row = table[hash] ?? null; // read at query time, like a database would
    await new Promise((r) => setTimeout(r, delayMs));
    return row;
  };
  return { calls, load };
}

describe("KeyCache", () => {
  it("loads a key once for concurrent lookups (single flight) and serves later ones from memory", async () => {
    const { calls, load } = countingLoader({ h1: principal("k1") });
    const cache = new KeyCache(load, 60_000);
    const results = await Promise.all(Array.from({ length: 20 }, () => cache.lookup("h1")));
    expect(results.every((r) => r?.keyId === "k1")).toBe(true);
    await cache.lookup("h1");
    expect(calls).toEqual(["h1"]);
  });

  it("remembers unknown keys for a short time (negative entries)", async () => {
    const { calls, load } = countingLoader({});
    let now = 1_000;
    const cache = new KeyCache(load, 60_000, { negativeTtlMs: 50, ttlClock: () => now });
    expect(await cache.lookup("nope")).toBeNull();
    expect(await cache.lookup("nope")).toBeNull();
    expect(calls).toHaveLength(1);
    now += 50; // the last moment the entry holds
    expect(await cache.lookup("nope")).toBeNull();
    expect(calls).toHaveLength(1);
    now += 1;
    expect(await cache.lookup("nope")).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it("drops a key on invalidation so the next lookup reads the source again", async () => {
    const table: Record<string, Principal | null> = { h1: principal("k1") };
    const { calls, load } = countingLoader(table);
    const cache = new KeyCache(load, 60_000);
    expect(await cache.lookup("h1")).not.toBeNull();
    table.h1 = null; // revoked in the database
    cache.invalidateKeyId("k1");
    expect(await cache.lookup("h1")).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it("does not let a load that started before an invalidation repopulate the cache", async () => {
    const table: Record<string, Principal | null> = { h1: principal("k1") };
    const { load } = countingLoader(table, 30);
    const cache = new KeyCache(load, 60_000);
    const stale = cache.lookup("h1"); // in flight, will resolve with the old principal
    table.h1 = null;
    cache.invalidateKeyId("k1");
    expect(await stale).not.toBeNull();
    expect(await cache.lookup("h1")).toBeNull();
  });
});

describe("KeyCache while the invalidation channel is behind (a shared-store outage)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A cache whose channel vouches for everything published before `channel.through`. */
  function cacheWithChannel(table: Record<string, Principal | null>) {
    vi.useFakeTimers({ toFake: ["Date"], now: 1_000_000 });
    const channel = { through: Date.now() };
    const loader = countingLoader(table, 0);
    const cache = new KeyCache(loader.load, 60_000, { deliveredThrough: () => channel.through });
    return { cache, channel, calls: loader.calls };
  }

  it("serves a warm key from memory while the channel keeps up: no database read per request", async () => {
    const { cache, channel, calls } = cacheWithChannel({ h1: principal("k1") });
    await cache.lookup("h1");
    for (let i = 0; i < 50; i++) {
      vi.setSystemTime(Date.now() + 200); // ten seconds in all, the channel confirmed every 200 ms
      channel.through = Date.now() - 150;
      expect((await cache.lookup("h1"))?.keyId).toBe("k1");
    }
    expect(calls).toEqual(["h1"]);
  });

  it("reads a key again once the channel has vouched for nothing for a second, so a revocation it missed binds", async () => {
    const table: Record<string, Principal | null> = { h1: principal("k1") };
    const { cache, calls } = cacheWithChannel(table);
    await cache.lookup("h1");
    // The channel goes silent; within the first second the entry still stands.
    vi.setSystemTime(Date.now() + 900);
    expect(await cache.lookup("h1")).not.toBeNull();
    expect(calls).toHaveLength(1);
    table.h1 = null; // revoked; the broadcast never arrives
    vi.setSystemTime(Date.now() + 200);
    expect(await cache.lookup("h1")).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it("re-reads at most once a second per key while the channel stays down, one load for concurrent lookups", async () => {
    const { cache, channel, calls } = cacheWithChannel({ h1: principal("k1") });
    await cache.lookup("h1");
    channel.through = 0; // down from the start of time, as far as the cache can tell
    vi.setSystemTime(Date.now() + 1_500);
    await Promise.all(Array.from({ length: 10 }, () => cache.lookup("h1")));
    expect(calls).toHaveLength(2);
    vi.setSystemTime(Date.now() + 500);
    await cache.lookup("h1");
    expect(calls).toHaveLength(2); // loaded 500 ms ago: still within the second
    vi.setSystemTime(Date.now() + 600);
    await cache.lookup("h1");
    expect(calls).toHaveLength(3);
  });

  it("clear() (the channel resynced) drops every entry, so nothing loaded before the gap is served after it", async () => {
    const table: Record<string, Principal | null> = { h1: principal("k1"), h2: principal("k2") };
    const { cache, calls } = cacheWithChannel(table);
    await cache.lookup("h1");
    await cache.lookup("h2");
    table.h1 = null;
    cache.clear();
    expect(await cache.lookup("h1")).toBeNull();
    expect(await cache.lookup("h2")).not.toBeNull();
    expect(calls).toEqual(["h1", "h2", "h1", "h2"]);
  });
});
