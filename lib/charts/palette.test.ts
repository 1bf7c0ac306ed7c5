import { describe, expect, it } from "vitest";
import { prepareDashboard } from "./prepare-dashboard";
import { OTHER_COLOR, SERIES_COLORS, assignColors, colorOf, preferredColor } from "./palette";

describe("assignColors", () => {
  it("gives a name the same colour whatever else is on the page or in which order", () => {
    const a = assignColors(["gpt-4o", "claude-haiku-4-5", "gemini-2.5-flash"]);
    const b = assignColors(["gemini-2.5-flash", "gpt-4o", "claude-haiku-4-5", "gpt-4o"]);
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
  });

  it("gives different names different colours while there are colours left", () => {
    const names = Array.from({ length: SERIES_COLORS.length }, (_, index) => `model-${index}`);
    const colors = assignColors(names);
    expect(new Set(colors.values()).size).toBe(SERIES_COLORS.length);
    expect([...colors.values()]).not.toContain(OTHER_COLOR);
  });

  it("falls back to the name's preferred colour for a name it was not given", () => {
    expect(colorOf(new Map(), "gpt-4o")).toBe(preferredColor("gpt-4o"));
    expect(SERIES_COLORS).toContain(preferredColor("anything"));
  });
});

describe("one colour per model on every dashboard chart", () => {
  it("uses the same colour for a model in Calls, Cost, Tokens and Latency although it ranks differently", () => {
    const day = "2025-11-23";
    const point = (group: string, calls: number, cost: number, tokens: number) => ({ day, group, calls, errors: 0, inputTokens: tokens, outputTokens: 0, cost });
    const data = {
      series: [point("cheap-and-busy", 100, 0.1, 500), point("dear-and-quiet", 2, 5, 100_000), point("middle", 20, 1, 1_000)],
      latency: [{ day, p50: 100, p95: 200 }],
      modelLatency: [
        { day, model: "cheap-and-busy", p50: 50, p95: 90 },
        { day, model: "dear-and-quiet", p50: 900, p95: 2_000 },
        { day, model: "middle", p50: 300, p95: 400 },
      ],
      totals: { calls: 122, errors: 0, errorRate: 0, inputTokens: 101_500, outputTokens: 0, cost: 6.1 },
    };
    const charts = prepareDashboard(data, [day]);
    const colorIn = (series: { label: string; color: string }[], name: string) => series.find((s) => s.label === name)?.color;
    expect(charts.calls.series[0].label).toBe("cheap-and-busy");
    expect(charts.cost.series[0].label).toBe("dear-and-quiet");
    for (const name of ["cheap-and-busy", "dear-and-quiet", "middle"]) {
      const expected = charts.colors.get(name);
      expect(expected).toBeDefined();
      for (const chart of [charts.calls, charts.cost, charts.tokens, charts.latency]) expect(colorIn(chart.series, name)).toBe(expected);
    }
  });
});
