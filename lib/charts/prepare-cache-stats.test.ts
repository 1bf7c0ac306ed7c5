import { describe, expect, it } from "vitest";
import { cacheFigures, costSavedPerDay, formatBytes, hitRatePerDay, prepareCacheStats, type CacheStatsInput } from "./prepare-cache-stats";

const DAYS = ["2026-12-01", "2026-12-02", "2026-12-03"];
const day = (d: string, hits: number, semanticHits: number, misses: number, costSaved = 0) => ({ day: d, hits, semanticHits, misses, tokensSaved: hits * 10, costSaved });

describe("cache stats for charts", () => {
  it("fills every day; the hit rate is a gap on days without lookups, not 0 %", () => {
    const chart = hitRatePerDay([day("2026-12-01", 3, 0, 1), day("2026-12-03", 0, 0, 4)], DAYS);
    expect(chart.rows).toEqual([
      { day: "2026-12-01", rate: 0.75, semanticRate: 0 },
      { day: "2026-12-02", rate: null, semanticRate: null },
      { day: "2026-12-03", rate: 0, semanticRate: 0 },
    ]);
    expect(chart.series.map((s) => s.key)).toEqual(["rate"]);
  });

  it("sums several groups of a day and shows the semantic share when there is one", () => {
    const chart = hitRatePerDay([day("2026-12-02", 1, 1, 2), day("2026-12-02", 2, 0, 2)], DAYS);
    expect(chart.rows[1]).toEqual({ day: "2026-12-02", rate: 0.5, semanticRate: 0.125 });
    expect(chart.series.map((s) => s.key)).toEqual(["rate", "semanticRate"]);
  });

  it("cost saved per day in dollars, zeros on quiet days", () => {
    expect(costSavedPerDay([day("2026-12-03", 1, 0, 0, 0.25), day("2026-12-03", 1, 0, 0, 0.5)], DAYS).rows).toEqual([
      { day: "2026-12-01", saved: 0 },
      { day: "2026-12-02", saved: 0 },
      { day: "2026-12-03", saved: 0.75 },
    ]);
  });

  it("figures: hit rate, cost saved per hit, tokens, entries and bytes", () => {
    const stats: CacheStatsInput = { hits: 30, semanticHits: 10, misses: 60, hitRate: 0.4, tokensSaved: 12_300, costSaved: 2, entries: 1234, bytes: 5 * 1024 * 1024, byDay: [] };
    expect(cacheFigures(stats)).toEqual([
      { id: "hit-rate", label: "Hit rate", value: "40%", detail: "40 of 100 lookups · 10 semantic" },
      { id: "cost-saved", label: "Cost saved", value: "$2.00", detail: "$0.05 per hit" },
      { id: "tokens-saved", label: "Tokens saved", value: "12.3K", detail: "not sent upstream" },
      { id: "entries", label: "Entries", value: "1,234", detail: "5.0 MB" },
    ]);
    const none = cacheFigures({ ...stats, hits: 0, semanticHits: 0, misses: 0, hitRate: 0, costSaved: 0 });
    expect(none[0].value).toBe("—");
    expect(none[1].detail).toBe("no hits yet");
  });

  it("is empty only with no lookups and no entries", () => {
    const base: CacheStatsInput = { hits: 0, semanticHits: 0, misses: 0, hitRate: 0, tokensSaved: 0, costSaved: 0, entries: 0, bytes: 0, byDay: [] };
    expect(prepareCacheStats(base, DAYS).isEmpty).toBe(true);
    expect(prepareCacheStats({ ...base, entries: 1, bytes: 10 }, DAYS).isEmpty).toBe(false);
  });

  it("formats bytes in powers of 1024", () => {
    expect([0, 512, 1536, 10 * 1024 * 1024, 3 * 1024 ** 3].map(formatBytes)).toEqual(["0 B", "512 B", "1.5 KB", "10 MB", "3.0 GB"]);
  });
});
