import { describe, expect, it } from "vitest";
import type { CachedAnswer } from "./cache-entry";
import { MemoryTier } from "./memory-tier";

const answer = (key: string, bytes: number, orgId = "o"): CachedAnswer => ({
  id: key, orgId, key, kind: "chat", model: "m", answer: "x".repeat(10), inputTokens: 1, outputTokens: 1, bytes, createdAt: 0, expiresAt: Date.now() + 60_000,
});

describe("MemoryTier", () => {
  it("never holds more bytes than its bound, evicting the least recently used first", () => {
    const tier = new MemoryTier();
    const bounds = { maxEntries: 1000, maxBytes: 10_000 };
    for (let i = 0; i < 5; i++) tier.set(answer(`k${i}`, 3000), bounds);
    expect(tier.stats("o").bytes).toBeLessThanOrEqual(10_000);
    expect(tier.stats("o").entries).toBe(3);
    // k2 is used, so k3 (the least recently used) goes when k5 arrives.
    expect(tier.get("o", "k2", Date.now())).toBeDefined();
    tier.set(answer("k5", 3000), bounds);
    expect(tier.get("o", "k3", Date.now())).toBeUndefined();
    expect(tier.get("o", "k2", Date.now())).toBeDefined();
    // An entry larger than the whole bound is not kept, and evicts nothing.
    tier.set(answer("huge", 20_000), bounds);
    expect(tier.get("o", "huge", Date.now())).toBeUndefined();
    expect(tier.stats("o").entries).toBe(3);
  });

  it("bounds the number of entries, per organization, and applies lowered bounds", () => {
    const tier = new MemoryTier();
    for (let i = 0; i < 10; i++) tier.set(answer(`k${i}`, 1), { maxEntries: 4, maxBytes: 1e9 });
    tier.set(answer("other", 1, "o2"), { maxEntries: 4, maxBytes: 1e9 });
    expect(tier.stats("o").entries).toBe(4);
    expect(tier.stats("o2").entries).toBe(1);
    tier.set(answer("k10", 1), { maxEntries: 2, maxBytes: 1e9 });
    expect(tier.stats("o").entries).toBe(2);
    expect(tier.get("o", "k10", Date.now())).toBeDefined();
  });

  it("drops expired answers on read", () => {
    const tier = new MemoryTier();
    tier.set({ ...answer("old", 1), expiresAt: Date.now() + 1000 }, { maxEntries: 10, maxBytes: 100 });
    expect(tier.get("o", "old", Date.now() + 2000)).toBeUndefined();
    expect(tier.stats("o").entries).toBe(0);
  });
});
