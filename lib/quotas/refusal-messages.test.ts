// The words of a refused call: whose limit by name, and when it resets as a wall-clock time with
// the time left, while every machine-readable field stays as it was (plus the added ones).
import { describe, expect, it } from "vitest";
import { rateLimitRefusal } from "../rate-limits/rate-limit-refusal";
import type { PlannedCounter } from "./governance-plan";
import { quotaRefusal } from "./quota-refusal";

const now = Date.parse("2026-12-03T11:55:00Z");
const names = { key: "ci", user: "Ada Lovelace", team: "Platform" };

function counter(scope: PlannedCounter["scope"], source: "explicit" | "tier", end: Date | null): PlannedCounter {
  const period = end ? "daily" : "total";
  return {
    rule: { id: "q1", orgId: "o1", scope, scopeId: `${scope}_1`, period, maxCalls: 10, maxTokens: null, maxCost: null },
    scope,
    scopeId: `${scope}_1`,
    source,
    window: { period, key: "w", start: null, end },
    spec: { key: "k", limits: { calls: 10, tokens: null, cost: null }, expireAt: 0 },
  } as PlannedCounter;
}

function body(response: { body: unknown }) {
  return JSON.parse(response.body as string);
}

describe("quota refusal", () => {
  it("names the key and says when the quota resets in words, keeping the API's fields", () => {
    const end = new Date("2026-12-04T00:00:00Z");
    const response = quotaRefusal({ requestId: "r1", counter: counter("key", "explicit", end), kind: "calls", used: 10, limit: 10, now, names, timeZone: "UTC" });
    expect(response.status).toBe(429);
    expect(body(response).error).toEqual({
      message: "Quota exceeded: the daily calls limit of key “ci” is 10 calls; 10 calls already used, including calls in progress. It resets on 4 Dec 2026 at 00:00 UTC (in 12 h 5 min).",
      type: "quota_exceeded",
      code: "quota_exceeded",
      param: null,
      limit: { scope: "key", scopeId: "key_1", name: "ci", period: "daily", kind: "calls", limit: 10, used: 10, resetsAt: "2026-12-04T00:00:00.000Z", resetsInSeconds: 43_500 },
    });
    expect(response.headers["retry-after"]).toBe("43500");
  });

  it("names a user's tier default, a team and the organization; the id when no name is known", () => {
    const end = new Date("2026-12-03T14:00:00Z");
    const user = body(quotaRefusal({ requestId: "r", counter: counter("user", "tier", end), kind: "calls", used: 10, limit: 10, now, names, timeZone: "UTC" }));
    expect(user.error.message).toContain("limit of user “Ada Lovelace” (tier default) is 10 calls");
    expect(user.error.message).toContain("It resets at 14:00 UTC (in 2 h 5 min).");
    const team = body(quotaRefusal({ requestId: "r", counter: counter("team", "explicit", end), kind: "calls", used: 10, limit: 10, now, names, timeZone: "UTC" }));
    expect(team.error.message).toContain("limit of team “Platform”");
    expect(team.error.limit.name).toBe("Platform");
    const org = body(quotaRefusal({ requestId: "r", counter: counter("org", "explicit", end), kind: "calls", used: 10, limit: 10, now, names, timeZone: "UTC" }));
    expect(org.error.message).toContain("limit of the organization");
    expect(org.error.limit).toMatchObject({ scope: "org", scopeId: "org_1", name: null });
    const anonymous = body(quotaRefusal({ requestId: "r", counter: counter("key", "explicit", end), kind: "calls", used: 10, limit: 10, now, timeZone: "UTC" }));
    expect(anonymous.error.message).toContain("limit of key key_1 is");
  });

  it("says an all-time quota never resets, with no retry-after", () => {
    const response = quotaRefusal({ requestId: "r", counter: counter("key", "explicit", null), kind: "calls", used: 10, limit: 10, now, names, timeZone: "UTC" });
    expect(body(response).error.message).toContain("This is an all-time quota; it does not reset.");
    expect(body(response).error.limit).toMatchObject({ resetsAt: null, resetsInSeconds: null });
    expect(response.headers["retry-after"]).toBeUndefined();
  });
});

describe("rate-limit refusal", () => {
  const base = {
    requestId: "r",
    model: "gpt-4o",
    retryAfterMs: 12_500,
    windows: [{ kind: "rpm" as const }],
    states: [{ limit: 60, remaining: 0, resetMs: 12_500 }],
    refusedState: { limit: 60, remaining: 0, resetMs: 12_500 },
  };

  it("names the key in OpenAI's wording and adds the limit's fields", () => {
    const response = rateLimitRefusal({ ...base, refused: { scope: "key", scopeId: "k_1", kind: "rpm", limit: 60 }, requested: 1, names });
    expect(body(response).error).toEqual({
      message: "Rate limit reached for gpt-4o on key “ci” on requests per min (RPM): Limit 60, Used 60, Requested 1. Please try again in 12.5s.",
      type: "rate_limit_exceeded",
      code: "rate_limit_exceeded",
      param: null,
      limit: { scope: "key", scopeId: "k_1", name: "ci", kind: "rpm", limit: 60, used: 60, requested: 1, retryAfterMs: 12_500 },
    });
    expect(response.headers["retry-after"]).toBe("13");
  });

  it("names the team of a too-large request, and falls back to the id", () => {
    const team = body(rateLimitRefusal({ ...base, refused: { scope: "team", scopeId: "t_1", kind: "tpm", limit: 100 }, requested: 500, names }));
    expect(team.error.message).toBe("Request too large for gpt-4o on team “Platform” on tokens per min (TPM): Limit 100, Requested 500. The input or output tokens must be reduced in order to run successfully.");
    const anonymous = body(rateLimitRefusal({ ...base, refused: { scope: "user", scopeId: "u_1", kind: "rpm", limit: 60 }, requested: 1 }));
    expect(anonymous.error.message).toContain("on user u_1 on requests per min");
  });
});
