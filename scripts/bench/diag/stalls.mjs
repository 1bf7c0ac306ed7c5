// What overlapped the slow requests of one open-loop run (`npm run bench -- --diag`): Tollgate's GC
// pauses and event-loop stalls (scripts/bench/diag/loop-stalls.mjs) against the load generator's
// per-request trace. A request slower than the threshold is put down to a GC pause if one overlapped
// it, else to a stall (split into time the main thread was busy and time it waited for a core).
import { existsSync, readFileSync } from "node:fs";

export function readDiagEvents(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line));
}

const overlaps = (event, start, end) => event.at < end && event.at + event.ms > start;
const sum = (events, key) => events.reduce((total, event) => total + event[key], 0);

/** trace: [[scheduled epoch ms, latency ms]…]; events: from readDiagEvents. */
export function summarizeStalls(trace, events, thresholdMs = 8) {
  if (!trace?.length) return null;
  const from = trace[0][0];
  const to = trace.at(-1)[0] + trace.at(-1)[1];
  const inRun = events.filter((event) => event.at >= from && event.at <= to);
  const gcs = inRun.filter((event) => event.type === "gc");
  const stalls = inRun.filter((event) => event.type === "stall");
  const slow = trace.filter(([, latency]) => latency > thresholdMs);
  const blame = { gc: 0, stall: 0, neither: 0 };
  for (const [at, latency] of slow) {
    if (gcs.some((event) => overlaps(event, at, at + latency))) blame.gc++;
    else if (stalls.some((event) => overlaps(event, at, at + latency))) blame.stall++;
    else blame.neither++;
  }
  return {
    requests: trace.length,
    slow: slow.length,
    thresholdMs,
    blame,
    gc: { count: gcs.length, totalMs: sum(gcs, "ms"), maxMs: Math.max(0, ...gcs.map((event) => event.ms)) },
    stalls: {
      count: stalls.length,
      totalMs: sum(stalls, "ms"),
      busyMs: sum(stalls, "cpuMs"),
      waitingMs: sum(stalls, "waitMs"),
      maxMs: Math.max(0, ...stalls.map((event) => event.ms)),
    },
  };
}

export function describeStalls(summary) {
  if (!summary) return "no trace";
  const { slow, thresholdMs, requests, blame, gc, stalls } = summary;
  const ms = (value) => `${Math.round(value)} ms`;
  return (
    `${slow}/${requests} requests over ${thresholdMs} ms (GC ${blame.gc}, other stalls ${blame.stall}, neither ${blame.neither}); ` +
    `GC pauses ${gc.count}, ${ms(gc.totalMs)} (max ${gc.maxMs.toFixed(1)}); ` +
    `loop stalls > 3 ms ${stalls.count}, ${ms(stalls.totalMs)} (max ${stalls.maxMs.toFixed(1)}): busy ${ms(stalls.busyMs)}, waiting for a core ${ms(stalls.waitingMs)}`
  );
}
