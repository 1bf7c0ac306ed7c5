// The longest stall of this thread's event loop since the last read, as a 1 ms timer sees it: what a
// request that arrived during the stall waited before anything could even read it.
//
// On a shared machine a stall measured by the clock also holds the time the thread waited for a core
// (anything from nothing to hundreds of milliseconds). Where Linux tells how long the thread ran
// (/proc/thread-self/schedstat), the probe also reports the longest stall counted in time on a CPU:
// the work the thread did in one piece (its own code and its garbage collections), which that noise
// does not lengthen.
import { closeSync, openSync, readSync } from "node:fs";

export interface LoopProbe {
  /**
   * The longest gap between two ticks since the previous read (ms), and the longest one counted in
   * time on a CPU (`maxBusyStallMs`, the same as `maxStallMs` where the platform cannot tell);
   * reading starts a new window.
   */
  read(): { maxStallMs: number; maxBusyStallMs: number };
}

/** This thread's time on a CPU so far (ms), or null where the platform does not say. */
function cpuClock(): (() => number) | null {
  let fd: number;
  try {
    fd = openSync("/proc/thread-self/schedstat", "r");
  } catch {
    return null;
  }
  const buffer = Buffer.alloc(128);
  const read = () => Number(buffer.toString("latin1", 0, readSync(fd, buffer, 0, buffer.length, 0)).split(" ")[0]) / 1e6;
  try {
    read();
  } catch {
    closeSync(fd);
    return null;
  }
  return read;
}

export function startLoopProbe(): LoopProbe {
  const onCpu = cpuClock();
  let last = performance.now();
  let lastCpu = onCpu?.() ?? 0;
  let longest = 0;
  let longestBusy = 0;
  setInterval(() => {
    const now = performance.now();
    const cpu = onCpu?.() ?? 0;
    longest = Math.max(longest, now - last);
    longestBusy = Math.max(longestBusy, onCpu ? cpu - lastCpu : now - last);
    last = now;
    lastCpu = cpu;
  }, 1).unref();
  return {
    read() {
      const now = performance.now();
      const maxStallMs = Math.max(longest, now - last);
      const maxBusyStallMs = onCpu ? longestBusy : maxStallMs;
      longest = 0;
      longestBusy = 0;
      return { maxStallMs, maxBusyStallMs };
    },
  };
}
