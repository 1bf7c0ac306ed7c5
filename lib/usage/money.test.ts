import { describe, expect, it } from "vitest";
import { costOfCall, dollarsToMicros, microsToDollars } from "./money";

describe("money", () => {
  it("converts dollars and micro-dollars both ways", () => {
    expect(dollarsToMicros(2.5)).toBe(2_500_000n);
    expect(microsToDollars(1_250_000n)).toBe(1.25);
  });

  it("prices input, cached and output tokens per million", () => {
    const price = { inputPerMTok: 2_500_000n, outputPerMTok: 10_000_000n, cachedPerMTok: 1_250_000n };
    // 1000 input (200 of them cached), 500 output: 800*2.5 + 200*1.25 + 500*10 = 7250 micro$ per 1M → 7.25e9/1e6
    expect(costOfCall({ inputTokens: 1000, outputTokens: 500, cachedTokens: 200 }, price)).toBe(7250n);
    expect(costOfCall({ inputTokens: 1000, outputTokens: 500, cachedTokens: 200 }, { ...price, cachedPerMTok: null })).toBe(7500n);
  });

  it("prices prompt-cache writes at the cache-write price, or the input price without one", () => {
    const price = { inputPerMTok: 3_000_000n, outputPerMTok: 15_000_000n, cachedPerMTok: 300_000n, cacheWritePerMTok: 3_750_000n };
    // 1000 input = 100 read + 400 written + 500 plain; 200 output:
    // 500*3 + 100*0.3 + 400*3.75 + 200*15 = 1500 + 30 + 1500 + 3000 = 6030 micro$
    const usage = { inputTokens: 1000, outputTokens: 200, cachedTokens: 100, cacheWriteTokens: 400 };
    expect(costOfCall(usage, price)).toBe(6030n);
    expect(costOfCall(usage, { ...price, cacheWritePerMTok: null })).toBe(5730n);
    // never more cache reads and writes than input tokens
    expect(costOfCall({ inputTokens: 100, outputTokens: 0, cachedTokens: 80, cacheWriteTokens: 80 }, price)).toBe(99n);
  });

  it("rounds to the nearest micro-dollar", () => {
    const price = { inputPerMTok: 150_000n, outputPerMTok: 600_000n, cachedPerMTok: null };
    expect(costOfCall({ inputTokens: 3, outputTokens: 0, cachedTokens: 0 }, price)).toBe(0n); // 0.45 micro$
    expect(costOfCall({ inputTokens: 4, outputTokens: 0, cachedTokens: 0 }, price)).toBe(1n); // 0.6 micro$
  });
});
