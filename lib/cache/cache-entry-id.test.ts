import { describe, expect, it } from "vitest";
import { newCacheEntryId } from "./cache-entry-id";

describe("newCacheEntryId", () => {
  it("is ce_, nine base-36 digits of the time and 20 hex digits", () => {
    const now = Date.UTC(2026, 11, 4, 7, 0, 0, 123);
    const id = newCacheEntryId(now);
    expect(id).toMatch(/^ce_[0-9a-z]{9}[0-9a-f]{20}$/);
    expect(Number.parseInt(id.slice(3, 12), 36)).toBe(now);
  });

  it("never repeats, across many refills of the random pool and within one millisecond", () => {
    const now = Date.now();
    const ids = new Set(Array.from({ length: 5_000 }, () => newCacheEntryId(now)));
    expect(ids.size).toBe(5_000);
  });

  it("sorts by creation time (new rows append to the primary key's index)", () => {
    const earlier = newCacheEntryId(1_700_000_000_000);
    const later = newCacheEntryId(1_700_000_000_001);
    expect(earlier < later).toBe(true);
    expect(newCacheEntryId(1_700_000_000_000).slice(0, 12)).toBe(earlier.slice(0, 12));
  });
});
