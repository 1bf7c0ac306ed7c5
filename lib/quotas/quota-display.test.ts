import { describe, expect, it } from "vitest";
import { formatAmount, limitSummary, usageBar } from "./quota-display";

const status = {
  scope: "user" as const, scopeId: "u1", period: "monthly" as const, kind: "cost" as const,
  used: 8.5, limit: 10, remaining: 1.5, resetsAt: "2026-12-01T00:00:00.000Z", periodKey: "monthly:2026-11", source: "tier" as const,
};

describe("quota display", () => {
  it("summarises limits in one line, in dollars for cost", () => {
    expect(limitSummary({ maxCalls: 1000, maxTokens: null, maxCost: 10 })).toBe("1,000 calls · $10.00");
    expect(limitSummary({ maxCalls: 1, maxTokens: 2_500_000, maxCost: null })).toBe("1 call · 2,500,000 tokens");
    expect(formatAmount("cost", 0.0004)).toBe("$0.0004");
  });

  it("prepares a usage bar: fill, percentage, tone and reset time", () => {
    expect(usageBar(status)).toMatchObject({
      id: "monthly:2026-11:cost", title: "Monthly cost", used: "$8.50", limit: "$10.00", remaining: "$1.50 left",
      fill: 0.85, percent: "85%", tone: "warn", fromTier: true,
    });
    expect(usageBar(status).resets).toEqual({ label: "resets", at: "2026-12-01T00:00:00.000Z" });
    expect(usageBar({ ...status, used: 12, remaining: 0, source: "explicit" })).toMatchObject({ fill: 1, percent: "120%", tone: "full", fromTier: false });
    expect(usageBar({ ...status, used: 1, limit: 10, resetsAt: null, period: "total" })).toMatchObject({ tone: "ok", resets: { label: "never resets", at: null }, title: "All time cost" });
    expect(usageBar({ ...status, used: 0, limit: 0, remaining: 0 })).toMatchObject({ fill: 1, tone: "full" });
  });
});
