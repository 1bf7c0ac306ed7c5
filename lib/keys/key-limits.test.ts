import { describe, expect, it } from "vitest";
import { effectiveKeyExpiry, effectiveKeyModels, latestKeyExpiry, userKeyLimits } from "./key-limits";

const created = new Date("2026-01-01T00:00:00Z");

describe("effectiveKeyModels", () => {
  it("without a user limit, is the key's own list (null = every model)", () => {
    expect(effectiveKeyModels([], { models: [], maxDays: null })).toBeNull();
    expect(effectiveKeyModels(["a"], { models: [], maxDays: null })).toEqual(["a"]);
  });

  it("with a user limit, a key without a list gets the user's list and a key with one gets the overlap (maybe none)", () => {
    const limits = { models: ["a", "b"], maxDays: null };
    expect(effectiveKeyModels([], limits)).toEqual(["a", "b"]);
    expect(effectiveKeyModels(["b", "c"], limits)).toEqual(["b"]);
    expect(effectiveKeyModels(["c"], limits)).toEqual([]);
  });
});

describe("key expiry under a user's limit", () => {
  it("is the earlier of the key's own expiry and creation + maxDays", () => {
    const limits = { models: [], maxDays: 30 };
    expect(latestKeyExpiry(created, limits)?.toISOString()).toBe("2026-01-31T00:00:00.000Z");
    expect(effectiveKeyExpiry({ createdAt: created, expiresAt: null }, limits)?.toISOString()).toBe("2026-01-31T00:00:00.000Z");
    expect(effectiveKeyExpiry({ createdAt: created, expiresAt: new Date("2026-03-01T00:00:00Z") }, limits)?.toISOString()).toBe("2026-01-31T00:00:00.000Z");
    expect(effectiveKeyExpiry({ createdAt: created, expiresAt: new Date("2026-01-10T00:00:00Z") }, limits)?.toISOString()).toBe("2026-01-10T00:00:00.000Z");
    expect(effectiveKeyExpiry({ createdAt: created, expiresAt: null }, { models: [], maxDays: null })).toBeNull();
  });

  it("reads the limits as User stores them, tolerating a broken list", () => {
    expect(userKeyLimits({ keyModels: '["a"]', keyMaxDays: 7 })).toEqual({ models: ["a"], maxDays: 7 });
    expect(userKeyLimits({ keyModels: "not json", keyMaxDays: null })).toEqual({ models: [], maxDays: null });
  });
});
