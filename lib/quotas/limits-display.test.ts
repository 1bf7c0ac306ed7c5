import { describe, expect, it } from "vitest";
import { limitGroups, nearLimitMessages } from "./limits-display";
import type { EffectiveLimitsBody } from "./schemas";

const limits: EffectiveLimitsBody = {
  subject: { scope: "key", id: "k1", name: "ci (tg-abc…)", tier: "free" },
  quotas: [
    { scope: "user", scopeId: "u1", scopeName: "dev@x.test", period: "daily", kind: "calls", used: 920, limit: 1000, remaining: 80, resetsAt: "2026-12-04T00:00:00.000Z", periodKey: "daily:2026-12-03", source: "tier" },
    { scope: "key", scopeId: "k1", scopeName: "ci (tg-abc…)", period: "total", kind: "tokens", used: 10, limit: 1000, remaining: 990, resetsAt: null, periodKey: "total", source: "explicit" },
    { scope: "org", scopeId: "o1", scopeName: "Acme", period: "monthly", kind: "cost", used: 1, limit: 100, remaining: 99, resetsAt: "2027-01-01T00:00:00.000Z", periodKey: "monthly:2026-12", source: "explicit" },
  ],
  rateLimits: [{ scope: "key", scopeId: "k1", scopeName: "ci (tg-abc…)", kind: "rpm", limit: 10, used: 10, remaining: 0, resetsAt: "2026-12-03T10:00:30.000Z" }],
  keyLimits: { models: ["gpt-4o"], maxDays: 30, expiresAt: null },
  near: [
    { scope: "key", scopeId: "k1", scopeName: "ci (tg-abc…)", what: "rpm", used: 10, limit: 10, ratio: 1, resetsAt: "2026-12-03T10:00:30.000Z" },
    { scope: "user", scopeId: "u1", scopeName: "dev@x.test", what: "daily calls", used: 920, limit: 1000, ratio: 0.92, resetsAt: "2026-12-04T00:00:00.000Z" },
  ],
};

describe("limitGroups", () => {
  it("groups bars by scope in charging order, rate limits with their scope, tier quotas marked", () => {
    const groups = limitGroups(limits);
    expect(groups.map((g) => g.title)).toEqual(["This key", "Owner · dev@x.test", "Organization"]);
    expect(groups[0].bars.map((b) => [b.title, b.tone])).toEqual([["All time tokens", "ok"], ["Requests per minute", "full"]]);
    expect(groups[1].bars[0]).toMatchObject({ title: "Daily calls", percent: "92%", tone: "warn", fromTier: true });
    expect(groups[2].bars[0].used).toBe("$1.00");
    expect(groups[0].bars[1].resets).toEqual({ label: "frees up", at: "2026-12-03T10:00:30.000Z" });
  });
});

describe("nearLimitMessages", () => {
  it("says what, whose, how much and when it resets, most used first", () => {
    // The reset instant stays ISO: the banner shows it in the viewer's zone (LocalTime).
    expect(nearLimitMessages(limits)).toEqual([
      { text: "Requests per minute of key ci (tg-abc…): used up", resetsAt: "2026-12-03T10:00:30.000Z" },
      { text: "Daily calls of your user: 92 % used", resetsAt: "2026-12-04T00:00:00.000Z" },
    ]);
  });
});
