import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyHeapGrowth } from "./heap-growth";

// A child process applies the factor at run time, keeps 300k objects alive and churns objects that
// live long enough to be promoted, then reports how many full GCs it took. Run in a child so the
// flag does not leak into the test runner.
const CHILD = `
import { PerformanceObserver } from "node:perf_hooks";
const loaded = await import(process.env.HEAP_GROWTH_MODULE);
const { applyHeapGrowth } = loaded.applyHeapGrowth ? loaded : loaded.default; // tsx may load it as CommonJS
applyHeapGrowth(Number(process.env.HEAP_GROWTH_PERCENT));
let fullGcs = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.detail.kind !== 1) fullGcs++; }).observe({ entryTypes: ["gc"] });
const live = Array.from({ length: 300_000 }, (_, i) => ({ i, s: "live" + i }));
const ring = new Array(300_000);
for (let i = 0; i < 8_000_000; i++) ring[i % ring.length] = { i, s: "churn" + i };
// GC entries reach the observer asynchronously, after the GC: give the last ones time to arrive.
setTimeout(() => console.log(JSON.stringify({ fullGcs, live: live.length })), 20);
`;

function fullGcsWith(percent: number): number {
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", CHILD], {
    env: { ...process.env, HEAP_GROWTH_MODULE: path.join(__dirname, "heap-growth.ts"), HEAP_GROWTH_PERCENT: String(percent) },
    encoding: "utf8",
    timeout: 60_000,
  });
  if (child.status !== 0) throw new Error(`child failed: ${child.stderr}`);
  return (JSON.parse(child.stdout.trim()) as { fullGcs: number }).fullGcs;
}

describe("applyHeapGrowth", () => {
  it("set at run time, it changes how often V8 runs a full GC", () => {
    const tight = fullGcsWith(10);
    const roomy = fullGcsWith(300);
    expect(roomy).toBeGreaterThan(0);
    expect(tight).toBeGreaterThan(2 * roomy);
  });

  it("refuses a negative or fractional percentage", () => {
    expect(() => applyHeapGrowth(-1)).toThrow(RangeError);
    expect(() => applyHeapGrowth(1.5)).toThrow(RangeError);
  });
});
