// Preloaded into Tollgate by `npm run bench -- --diag` (node --import). Records, with wall-clock
// timestamps, every stall of the main thread's event loop longer than 3 ms — seen by a 1 ms interval
// timer — with how much of it the thread spent on a CPU and waiting for one (from
// /proc/thread-self/schedstat: "busy" vs "descheduled"), and every GC pause. scripts/bench/diag/stalls.mjs
// lines these up with the load generator's slow requests. Costs about 2 % of a core; not for production.
import fs from "node:fs";
import { PerformanceObserver, performance } from "node:perf_hooks";
import { isMainThread } from "node:worker_threads";

const file = process.env.TOLLGATE_DIAG_FILE;
if (isMainThread && file) {
  const origin = performance.timeOrigin;
  let pending = [];
  const flush = () => {
    if (pending.length === 0) return;
    fs.appendFileSync(file, pending.join("\n") + "\n");
    pending = [];
  };

  // Linux only: without schedstat the stalls are still recorded, without the split.
  let schedFd = null;
  try {
    schedFd = fs.openSync("/proc/thread-self/schedstat", "r");
  } catch {
    schedFd = null;
  }
  const buffer = Buffer.alloc(128);
  const sched = () => {
    if (schedFd === null) return [0, 0];
    const length = fs.readSync(schedFd, buffer, 0, buffer.length, 0);
    const [onCpuNs, waitingNs] = buffer.toString("latin1", 0, length).split(" ");
    return [Number(onCpuNs) / 1e6, Number(waitingNs) / 1e6];
  };

  let last = performance.now();
  let [lastCpu, lastWait] = sched();
  setInterval(() => {
    const now = performance.now();
    const [cpu, wait] = sched();
    if (now - last > 3) {
      pending.push(JSON.stringify({ type: "stall", at: origin + last, ms: now - last, cpuMs: cpu - lastCpu, waitMs: wait - lastWait }));
    }
    last = now;
    lastCpu = cpu;
    lastWait = wait;
  }, 1).unref();

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = entry.detail?.kind ?? entry.kind; // 1 scavenge, 2 mark-compact, 4 incremental, 8 weak callbacks
      pending.push(JSON.stringify({ type: "gc", kind, at: origin + entry.startTime, ms: entry.duration }));
    }
  }).observe({ entryTypes: ["gc"] });

  setInterval(flush, 250).unref();
  process.once("exit", flush);
}
