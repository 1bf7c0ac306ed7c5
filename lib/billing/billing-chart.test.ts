import { describe, expect, it } from "vitest";
import { costPerDayByModel } from "./billing-chart";
import type { BillingDay } from "./schemas";

function day(date: string, lines: [string, number][]): BillingDay {
  const byModel = lines.map(([model, cost]) => ({ model, calls: 1, errors: 0, inputTokens: 1, outputTokens: 1, cachedTokens: 0, cost }));
  return { day: date, calls: lines.length, errors: 0, inputTokens: lines.length, outputTokens: lines.length, cachedTokens: 0, cost: 0, byModel };
}

describe("costPerDayByModel", () => {
  it("stacks cost per day by model, most expensive model first, keeping empty days", () => {
    const { rows, series } = costPerDayByModel({
      byDay: [day("2025-03-01", [["gpt-4.1", 0.5], ["claude", 2]]), day("2025-03-02", []), day("2025-03-03", [["gpt-4.1", 1]])],
    });
    expect(series.map((s) => s.label)).toEqual(["claude", "gpt-4.1"]);
    expect(rows).toEqual([
      { day: "2025-03-01", s0: 2, s1: 0.5 },
      { day: "2025-03-02", s0: 0, s1: 0 },
      { day: "2025-03-03", s0: 0, s1: 1 },
    ]);
  });

  it("folds models beyond the top six into Other", () => {
    const lines: [string, number][] = Array.from({ length: 8 }, (_, i) => [`m${i}`, 8 - i]);
    const { rows, series } = costPerDayByModel({ byDay: [day("2025-03-01", lines)] });
    expect(series.map((s) => s.label)).toEqual(["m0", "m1", "m2", "m3", "m4", "m5", "Other"]);
    expect(rows[0].other).toBe(2 + 1);
  });
});
