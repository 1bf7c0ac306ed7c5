// Usage records leave the request path through this buffer: enqueue is synchronous, writes happen
// in batches on size and on an interval, and shutdown() drains everything before the process
// exits. A failed write keeps its batch at the head of the queue and is retried with backoff,
// so a database hiccup delays records but never drops them.
import type { UsageEvent } from "./usage-event";

/** Stores a batch (idempotently) and returns how many records were new. */
export type WriteUsage = (events: readonly UsageEvent[]) => Promise<number>;

export interface UsageBufferOptions {
  flushSize: number;
  flushIntervalMs: number;
  /** how long shutdown() keeps retrying a failing database before giving up */
  drainTimeoutMs?: number;
  onError?: (error: unknown, pending: number) => void;
}

const MAX_BACKOFF_MS = 30_000;

export class UsageBuffer {
  private queue: UsageEvent[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private retryAt = 0;
  private stopped = false;
  written = 0;

  constructor(
    private readonly write: WriteUsage,
    private readonly options: UsageBufferOptions,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  enqueue(event: UsageEvent): void {
    this.queue.push(event);
    this.ensureTimer();
    if (this.queue.length >= this.options.flushSize && Date.now() >= this.retryAt) void this.flush();
  }

  private ensureTimer(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => {
      if (this.queue.length > 0 && Date.now() >= this.retryAt) void this.flush();
    }, this.options.flushIntervalMs);
    this.timer.unref();
  }

  /** Writes everything queued now; concurrent callers share one in-flight flush. */
  flush(): Promise<void> {
    this.flushing ??= this.flushLoop().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async flushLoop(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, this.options.flushSize);
      try {
        this.written += await this.write(batch);
        this.queue.splice(0, batch.length);
        this.failures = 0;
        this.retryAt = 0;
      } catch (error) {
        this.failures++;
        this.retryAt = Date.now() + Math.min(MAX_BACKOFF_MS, 250 * 2 ** (this.failures - 1));
        this.options.onError?.(error, this.queue.length);
        return;
      }
    }
  }

  /** Stops the timer and drains the queue, retrying a failing database until drainTimeoutMs. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const deadline = Date.now() + (this.options.drainTimeoutMs ?? 15_000);
    while (this.queue.length > 0 && Date.now() < deadline) {
      await this.flush();
      if (this.queue.length > 0) await new Promise((r) => setTimeout(r, Math.min(1000, Math.max(0, this.retryAt - Date.now()))));
    }
    if (this.flushing) await this.flushing;
  }
}
