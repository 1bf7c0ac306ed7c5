import { describe, expect, it } from "vitest";
import { OTHER_COLOR } from "./palette";
import { errorRatePerDay, fillDays, latencyPerDay, rankGroups, stackByGroup, tokensPerDay, type UsagePoint } from "./series";

function point(day: string, group: string | null, calls: number, extra: Partial<UsagePoint> = {}): UsagePoint {
  return { day, group, calls, errors: 0, inputTokens: 0, outputTokens: 0, cost: 0, ...extra };
}

const days = ["2025-11-21", "2025-11-22", "2025-11-23"];

describe("fillDays", () => {
  it("keeps every range day and adds stray days from the data, sorted", () => {
    expect(fillDays(days, [{ day: "2025-11-20" }, { day: "2025-11-22" }])).toEqual(["2025-11-20", ...days]);
  });
});

describe("rankGroups", () => {
  it("orders by the metric total with a stable tie-break", () => {
    const points = [point(days[0], "b", 2), point(days[1], "a", 2), point(days[2], "c", 5)];
    expect(rankGroups(points, "calls")).toEqual(["c", "a", "b"]);
  });
});

describe("stackByGroup", () => {
  it("fills missing days with zeros and uses synthetic keys safe for dotted model names", () => {
    const result = stackByGroup([point("2025-11-22", "gpt-4.1", 3)], days, "calls", 5);
    expect(result.series).toEqual([{ key: "s0", label: "gpt-4.1", color: expect.any(String) }]);
    expect(result.rows).toEqual([
      { day: "2025-11-21", s0: 0 },
      { day: "2025-11-22", s0: 3 },
      { day: "2025-11-23", s0: 0 },
    ]);
  });

  it("folds groups past the top N into a neutral Other series", () => {
    const points = [
      point(days[0], "big", 10),
      point(days[0], "mid", 5),
      point(days[0], "small", 1),
      point(days[1], "tiny", 2),
    ];
    const result = stackByGroup(points, days, "calls", 2);
    expect(result.series.map((s) => s.label)).toEqual(["big", "mid", "Other"]);
    expect(result.series[2].color).toBe(OTHER_COLOR);
    expect(result.rows[0]).toEqual({ day: days[0], s0: 10, s1: 5, other: 1 });
    expect(result.rows[1]).toEqual({ day: days[1], s0: 0, s1: 0, other: 2 });
  });

  it("ranks by the metric being stacked, not by calls", () => {
    const points = [point(days[0], "many-cheap", 100, { cost: 0.01 }), point(days[0], "few-dear", 1, { cost: 2 })];
    expect(stackByGroup(points, days, "cost", 1).series.map((s) => s.label)).toEqual(["few-dear", "Other"]);
  });

  it("labels a null group as unknown", () => {
    expect(stackByGroup([point(days[0], null, 1)], days, "calls", 3).series[0].label).toBe("(unknown)");
  });
});

describe("daily totals", () => {
  const points = [
    point(days[0], "a", 4, { errors: 1, inputTokens: 100, outputTokens: 10 }),
    point(days[0], "b", 4, { errors: 1, inputTokens: 50, outputTokens: 5 }),
  ];

  it("sums tokens across groups per day", () => {
    expect(tokensPerDay(points, days).rows).toEqual([
      { day: days[0], input: 150, output: 15 },
      { day: days[1], input: 0, output: 0 },
      { day: days[2], input: 0, output: 0 },
    ]);
  });

  it("computes the error rate per day and leaves days without calls empty", () => {
    expect(errorRatePerDay(points, days).rows.map((r) => r.rate)).toEqual([0.25, null, null]);
  });

  it("aligns latency percentiles to the range", () => {
    expect(latencyPerDay([{ day: days[1], p50: 120, p95: 900 }], days).rows).toEqual([
      { day: days[0], p50: null, p95: null },
      { day: days[1], p50: 120, p95: 900 },
      { day: days[2], p50: null, p95: null },
    ]);
  });
});
