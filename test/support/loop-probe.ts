// The longest stall of this thread's event loop since the last read, as a 1 ms timer sees it: what a
// request that arrived during the stall waited before anything could even read it.
export interface LoopProbe {
  /** the longest gap between two ticks since the previous read (ms); reading starts a new window */
  read(): { maxStallMs: number };
}

export function startLoopProbe(): LoopProbe {
  let last = performance.now();
  let longest = 0;
  setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1).unref();
  return {
    read() {
      const now = performance.now();
      const maxStallMs = Math.max(longest, now - last);
      longest = 0;
      return { maxStallMs };
    },
  };
}
