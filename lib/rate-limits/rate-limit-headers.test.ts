import { describe, expect, it } from "vitest";
import { formatResetDuration, rateLimitHeaders } from "./rate-limit-headers";

describe("rate-limit headers", () => {
  it("formats durations the way OpenAI does", () => {
    expect(formatResetDuration(20)).toBe("20ms");
    expect(formatResetDuration(999.2)).toBe("1s");
    expect(formatResetDuration(12_500)).toBe("12.5s");
    expect(formatResetDuration(60_000)).toBe("1m0s");
    expect(formatResetDuration(361_000)).toBe("6m1s");
    expect(formatResetDuration(-5)).toBe("0ms");
  });

  it("reports the tightest window of each kind", () => {
    const windows = [{ kind: "rpm" as const }, { kind: "rpm" as const }, { kind: "tpm" as const }];
    const states = [
      { limit: 100, remaining: 40, resetMs: 1000 },
      { limit: 10, remaining: 9, resetMs: 60_000 },
      { limit: 5000, remaining: 4200, resetMs: 2500 },
    ];
    expect(rateLimitHeaders(windows, states)).toEqual({
      "x-ratelimit-limit-requests": "10",
      "x-ratelimit-remaining-requests": "9",
      "x-ratelimit-reset-requests": "1m0s",
      "x-ratelimit-limit-tokens": "5000",
      "x-ratelimit-remaining-tokens": "4200",
      "x-ratelimit-reset-tokens": "2.5s",
    });
    expect(rateLimitHeaders([], [])).toEqual({});
  });
});
