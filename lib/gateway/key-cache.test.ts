import { describe, expect, it } from "vitest";
import { KeyCache } from "./key-cache";
import type { Principal } from "./principal";

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
    const cache = new KeyCache(load, 60_000, 50);
    expect(await cache.lookup("nope")).toBeNull();
    expect(await cache.lookup("nope")).toBeNull();
    expect(calls).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 70));
    await cache.lookup("nope");
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
