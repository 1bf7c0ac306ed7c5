import { describe, expect, it } from "vitest";
import { formatPercentTick, maxValue, ratioScale } from "./axis";

const rows = (...rates: (number | null)[]) => rates.map((rate, index) => ({ day: `d${index}`, rate }));

describe("ratioScale", () => {
  it("keeps a flat zero line on 0–5 %, not recharts' made-up 0–400 %", () => {
    expect(ratioScale(rows(0, 0, null), ["rate"])).toEqual({ domain: [0, 0.05], ticks: [0, 0.01, 0.02, 0.03, 0.04, 0.05] });
    expect(ratioScale([], ["rate"]).domain).toEqual([0, 0.05]);
  });

  it("takes the smallest round ceiling at or above the largest value", () => {
    expect(ratioScale(rows(0.01, 0.07), ["rate"]).domain).toEqual([0, 0.1]);
    expect(ratioScale(rows(0.12), ["rate"])).toEqual({ domain: [0, 0.2], ticks: [0, 0.05, 0.1, 0.15, 0.2] });
    expect(ratioScale(rows(0.3), ["rate"]).ticks).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(ratioScale(rows(0.51), ["rate"])).toEqual({ domain: [0, 1], ticks: [0, 0.25, 0.5, 0.75, 1] });
  });

  it("never runs past 100 %", () => {
    expect(ratioScale(rows(4), ["rate"]).domain).toEqual([0, 1]);
  });
});

describe("maxValue", () => {
  it("reads only finite numbers of the given keys", () => {
    expect(maxValue([{ day: "a", rate: null, other: 9 }, { day: "b", rate: Number.NaN }, { day: "c", rate: 0.2 }], ["rate"])).toBe(0.2);
  });
});

describe("formatPercentTick", () => {
  it("prints round percentages without float noise", () => {
    expect([0, 0.01, 0.15, 0.3, 1].map(formatPercentTick)).toEqual(["0%", "1%", "15%", "30%", "100%"]);
    expect(formatPercentTick(0.025)).toBe("2.5%");
  });
});
