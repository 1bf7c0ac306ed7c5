// Runs one leased job: claims its items in order and keeps up to `concurrency` of them in flight
// (and, with `slots`, within a bound shared with other jobs of the process), renews the lease while
// it works, and concludes when no item is left in flight. It stops claiming when the job is halted
// (cancelled, its lease lost, expired: whatever `renewLease` reports), when it cannot go on
// (`failJob`), or when the process shuts down (`stop`); items already in flight always finish and
// record what happened. The job kinds (lib/cache-warmup, lib/batches) say how to claim, run and
// conclude; the claim itself is theirs: a conditional update, so no item is ever claimed twice.
import { AbortFlag } from "../abort/abort-flag";
import { logger } from "../logger";
import type { JobRun } from "./job-runner";
import type { Semaphore } from "./semaphore";

export interface ClaimedItemBase {
  id: string;
  seq: number;
}

export interface LeasedJobRunOptions {
  jobId: string;
  leaseMs: number;
  concurrency: number;
  /** for logs: "cache warm-up", "batches" */
  label: string;
  /** a bound on calls in flight shared with the other jobs of this process */
  slots?: Semaphore;
}

export abstract class LeasedJobRun<Item extends ClaimedItemBase> implements JobRun {
  private readonly inFlight = new Map<string, { done: Promise<void>; abort: AbortFlag }>();
  private readonly stopSignal = new AbortController();
  /** fires when nothing more should be sent: shutdown, a halt or a job-wide failure */
  protected readonly quit = new AbortController();
  /** why the job stopped claiming from outside (cancelled, lost, expired, …); null = it did not */
  protected halted: string | null = null;
  /** why the job cannot go on; null = it can */
  protected fatal: string | null = null;
  /** every item was claimed */
  protected exhausted = false;
  private lastSeq = -1;

  constructor(protected readonly runOptions: LeasedJobRunOptions) {}

  /** The next pending item after `afterSeq`, claimed for this lease; null when none is left. */
  protected abstract claimNext(afterSeq: number): Promise<Item | null>;
  /** Sends the item and records its result (`abort` fires when the shutdown's grace is over). */
  protected abstract runItem(item: Item, abort: AbortFlag): Promise<void>;
  /** Renews the lease: null to go on, or why the job must stop claiming. */
  protected abstract renewLease(): Promise<string | null>;
  /** Once nothing is in flight: records how the job ended (or hands it back). */
  protected abstract conclude(): Promise<void>;

  /** Work before the first claim (false: claim nothing, go straight to conclude). */
  protected async prepare(): Promise<boolean> {
    return true;
  }

  get stopping(): boolean {
    return this.stopSignal.signal.aborted;
  }

  private get claiming(): boolean {
    return !this.stopping && this.halted === null && this.fatal === null;
  }

  async run(): Promise<void> {
    const renewal = setInterval(() => void this.renew(), Math.max(50, Math.floor(this.runOptions.leaseMs / 3)));
    renewal.unref();
    try {
      if (await this.prepare()) await this.claimAndRun();
    } finally {
      clearInterval(renewal);
    }
    await this.conclude();
  }

  private async claimAndRun(): Promise<void> {
    const { concurrency, slots } = this.runOptions;
    for (;;) {
      while (this.claiming && !this.exhausted && this.inFlight.size < concurrency) {
        const release = slots ? await slots.acquire(this.quit.signal) : () => {};
        if (!release) break;
        let item: Item | null;
        try {
          item = await this.claimNext(this.lastSeq);
        } catch (error) {
          release();
          throw error;
        }
        if (!item) {
          release();
          this.exhausted = true;
        } else this.launch(item, release);
      }
      if (this.inFlight.size === 0) break;
      await Promise.race([...this.inFlight.values()].map((entry) => entry.done));
    }
  }

  stop(): void {
    this.stopSignal.abort();
    this.quit.abort();
  }

  protected halt(reason: string): void {
    this.halted ??= reason;
    this.quit.abort();
  }

  protected failJob(error: string): void {
    this.fatal ??= error;
    this.quit.abort();
  }

  abortInFlight(): void {
    for (const entry of this.inFlight.values()) entry.abort.abort();
  }

  private async renew(): Promise<void> {
    if (this.halted !== null) return;
    try {
      const reason = await this.renewLease();
      if (reason !== null) this.halt(reason);
    } catch (error) {
      logger().warn({ err: error, jobId: this.runOptions.jobId }, `${this.runOptions.label}: could not renew the job's lease`);
    }
  }

  private launch(item: Item, release: () => void): void {
    this.lastSeq = item.seq;
    const abort = new AbortFlag();
    const done = this.runItem(item, abort)
      .catch((error: unknown) => logger().error({ err: error, jobId: this.runOptions.jobId, seq: item.seq }, `${this.runOptions.label}: an item failed unexpectedly`))
      .finally(() => {
        release();
        this.inFlight.delete(item.id);
      });
    this.inFlight.set(item.id, { done, abort });
  }
}
