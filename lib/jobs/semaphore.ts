// A counting semaphore with a FIFO queue: the process-wide bound on calls in flight that several
// job runs share (batches: BATCH_MAX_CONCURRENCY across every batch this process runs).
export class Semaphore {
  private used = 0;
  private readonly waiting: { grant: (release: () => void) => void; signal?: AbortSignal; onAbort?: () => void }[] = [];

  constructor(private readonly limit: number) {}

  get inUse(): number {
    return this.used;
  }

  /** Resolves with a release function once a slot is free, or null if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<(() => void) | null> {
    if (signal?.aborted) return Promise.resolve(null);
    if (this.used < this.limit) {
      this.used++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => {
      const entry: (typeof this.waiting)[number] = { grant: resolve, signal };
      if (signal) {
        entry.onAbort = () => {
          const index = this.waiting.indexOf(entry);
          if (index !== -1) this.waiting.splice(index, 1);
          resolve(null);
        };
        signal.addEventListener("abort", entry.onAbort, { once: true });
      }
      this.waiting.push(entry);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (!next) {
        this.used--;
        return;
      }
      // The slot passes straight to the next waiter: `used` stays the same.
      if (next.onAbort) next.signal?.removeEventListener("abort", next.onAbort);
      next.grant(this.releaser());
    };
  }
}
