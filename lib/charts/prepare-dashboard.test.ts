import { describe, expect, it } from "vitest";
import { prepareDashboard, prepareKpis } from "./prepare-dashboard";

const totals = { calls: 200, errors: 5, errorRate: 0.025, inputTokens: 120_000, outputTokens: 30_500, cost: 1.5 };

describe("prepareKpis", () => {
  it("formats the four headline numbers", () => {
    const kpis = Object.fromEntries(prepareKpis(totals).map((k) => [k.id, k]));
    expect(kpis.calls.value).toBe("200");
    expect(kpis.tokens.value).toBe("150.5K");
    expect(kpis.tokens.detail).toBe("120K in · 30.5K out");
    expect(kpis.cost.value).toBe("$1.50");
    expect(kpis.cost.detail).toBe("$0.0075 per call");
    expect(kpis["error-rate"].value).toBe("2.5%");
  });

  it("says how many errors were refusals and how many requests had no valid key", () => {
    const kpis = Object.fromEntries(prepareKpis({ ...totals, refused: 3, unauthenticated: 1_200 }).map((k) => [k.id, k]));
    expect(kpis["error-rate"].detail).toBe("5 errors, 3 refused");
    const one = Object.fromEntries(prepareKpis({ ...totals, errors: 1, refused: 1 }).map((k) => [k.id, k]));
    expect(one["error-rate"].detail).toBe("1 error, 1 refused");
    expect(Object.fromEntries(prepareKpis({ ...totals, errors: 1 }).map((k) => [k.id, k]))["error-rate"].detail).toBe("1 error");
    expect(kpis.calls.detail).toBe("5 failed · 1,200 without a valid key");
    expect(Object.fromEntries(prepareKpis(totals).map((k) => [k.id, k])).calls.detail).toBe("5 failed");
  });

  it("shows a dash for the error rate when nothing was called", () => {
    const empty = { calls: 0, errors: 0, errorRate: null, inputTokens: 0, outputTokens: 0, cost: 0 };
    expect(prepareKpis(empty).find((k) => k.id === "error-rate")?.value).toBe("—");
  });
});

describe("prepareDashboard", () => {
  it("reports an empty range so the page can show its empty state", () => {
    const data = { series: [], latency: [], totals: { ...totals, calls: 0, errors: 0, errorRate: null } };
    const charts = prepareDashboard(data, ["2025-11-23"]);
    expect(charts.isEmpty).toBe(true);
    expect(charts.calls.rows).toEqual([{ day: "2025-11-23" }]);
  });

  it("derives every chart from the same response", () => {
    const data = {
      series: [{ day: "2025-11-23", group: "m", calls: 2, errors: 1, inputTokens: 10, outputTokens: 4, cost: 0.02 }],
      latency: [{ day: "2025-11-23", p50: 100, p95: 300 }],
      totals,
    };
    const charts = prepareDashboard(data, ["2025-11-22", "2025-11-23"]);
    expect(charts.isEmpty).toBe(false);
    expect(charts.cost.rows[1]).toEqual({ day: "2025-11-23", s0: 0.02 });
    expect(charts.errorRate.rows[1].rate).toBe(0.5);
    expect(charts.latency.rows[0].p50).toBeNull();
  });

  it("fits the error-rate axis to the data: 0–5 % with no errors, never past 100 %", () => {
    const day = "2025-11-23";
    const ok = { series: [{ day, group: "m", calls: 10, errors: 0, inputTokens: 1, outputTokens: 1, cost: 0 }], latency: [], totals };
    expect(prepareDashboard(ok, [day]).errorRate.scale.domain).toEqual([0, 0.05]);
    const failing = { ...ok, series: [{ ...ok.series[0], errors: 10 }] };
    expect(prepareDashboard(failing, [day]).errorRate.scale.domain).toEqual([0, 1]);
  });

  it("charts hourly buckets, cache hit rate and time to first token from the same response", () => {
    const hours = ["2025-11-23T10:00:00.000Z", "2025-11-23T11:00:00.000Z", "2025-11-23T12:00:00.000Z"];
    const data = {
      series: [
        { day: hours[0], group: "m", calls: 4, errors: 0, inputTokens: 10, outputTokens: 4, cost: 0.02, cacheHits: 1, cacheMisses: 3, costSaved: 0.01 },
        { day: hours[2], group: "m", calls: 2, errors: 0, inputTokens: 10, outputTokens: 4, cost: 0.02 },
      ],
      latency: [],
      ttft: [{ day: hours[0], p50: 120, p95: 400 }],
      totals: { ...totals, costSaved: 0.01 },
    };
    const charts = prepareDashboard(data, hours);
    expect(charts.calls.rows.map((row) => row.s0)).toEqual([4, 0, 2]);
    expect(charts.cacheHitRate.rows.map((row) => row.rate)).toEqual([0.25, null, null]);
    expect(charts.cacheHitRate.scale.domain).toEqual([0, 0.5]);
    expect(charts.cache).toEqual({ costSaved: 0.01, hitRate: 0.25 });
    expect(charts.hasCacheLookups).toBe(true);
    expect(charts.ttft.rows.map((row) => row.p50)).toEqual([120, null, null]);
    expect(charts.costSaved.rows.map((row) => row.s0)).toEqual([0.01, 0, 0]);
  });

  it("draws one p95 line per model when grouped by model, p50/p95 of all calls when grouped by user", () => {
    const day = "2025-11-23";
    const data = {
      series: [{ day, group: "a", calls: 3, errors: 0, inputTokens: 0, outputTokens: 0, cost: 0 }],
      latency: [{ day, p50: 100, p95: 300 }],
      modelLatency: [{ day, model: "a", p50: 100, p95: 300 }],
      totals,
    };
    expect(prepareDashboard(data, [day]).latency.series.map((s) => s.label)).toEqual(["a"]);
    expect(prepareDashboard(data, [day], undefined, { latencyByModel: false }).latency.series.map((s) => s.label)).toEqual(["p50", "p95"]);
  });
});
