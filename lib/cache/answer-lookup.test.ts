import { afterEach, describe, expect, it } from "vitest";
import { findAnswer } from "./answer-lookup";
import type { CachedAnswer } from "./cache-entry";
import { cacheRuntime, resetCacheRuntime } from "./cache-runtime";
import type { CacheSettings } from "./cache-settings";

const settings = { maxEntries: 100, maxBytes: 1e6 } as CacheSettings;
const now = Date.now();
const answer = (key: string): CachedAnswer => ({
  id: `ce_${key}`, orgId: "org_lookup", key, kind: "chat", model: "m", answer: "{}", inputTokens: 1, outputTokens: 1, bytes: 2, createdAt: now, expiresAt: now + 60_000,
});
const indexed = (key: string) => ({ id: `ce_${key}`, orgId: "org_lookup", key, model: "m", namespace: "org", teamId: null, expiresAt: now + 60_000 });

afterEach(() => resetCacheRuntime());

describe("findAnswer", () => {
  it("answers a key the index does not know with null, without a promise (the all-miss path)", () => {
    expect(findAnswer("org_lookup", "unknown-key", settings, now)).toBeNull();
  });

  it("answers an answer held in memory without a promise", () => {
    cacheRuntime().memory.set(answer("held"), settings);
    expect(findAnswer("org_lookup", "held", settings, now)).toMatchObject({ key: "held", id: "ce_held" });
  });

  it("reads an indexed entry that is not held from the stored tiers, and forgets it when it is gone", async () => {
    cacheRuntime().index.add(indexed("gone"), null);
    const found = findAnswer("org_lookup", "gone", settings, now);
    expect(found).toBeInstanceOf(Promise);
    expect(await found).toBeNull();
    expect(cacheRuntime().index.find("gone", now)).toBeUndefined();
  });
});
