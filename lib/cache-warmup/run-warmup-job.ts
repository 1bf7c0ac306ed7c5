// Runs one leased job: claims its items in order and keeps up to `concurrency` of them in flight,
// renews the lease while it works, and ends the job when every item has a result. It stops claiming
// when the job is cancelled (the cancel already skipped what was pending), when the lease is lost,
// when the job cannot go on (its key revoked, its model gone), or when the process shuts down; items
// already in flight always finish and record what happened.
import { setTimeout as sleep } from "node:timers/promises";
import { AbortFlag } from "../gateway/abort-flag";
import { logger } from "../logger";
import { refusalAction } from "./item-retry";
import { runWarmupItem } from "./run-warmup-item";
import { loadWarmupPrincipal, WarmupStopped } from "./warmup-charge";
import {
  claimNextItem, finishJob, jobStatus, recordItemResult, releaseJob, renewLease, returnItem,
  type ClaimedItem, type ItemResult, type LeasedJob,
} from "./warmup-leases";

const SHUTDOWN_ERROR = "Stopped by a shutdown before the answer arrived.";

export class WarmupJobRun {
  private readonly inFlight = new Map<string, { done: Promise<void>; abort: AbortFlag }>();
  private readonly stopSignal = new AbortController();
  /** fires when nothing more should be sent: shutdown, cancel, lost lease or a job-wide failure */
  private readonly quit = new AbortController();
  private halted: "cancelled" | "lost" | null = null;
  private fatal: string | null = null;
  private exhausted = false;
  private lastSeq = -1;

  constructor(
    readonly job: LeasedJob,
    private readonly leaseMs: number,
  ) {}

  get stopping(): boolean {
    return this.stopSignal.signal.aborted;
  }

  private get claiming(): boolean {
    return !this.stopping && this.halted === null && this.fatal === null;
  }

  /** Resolves when the job is finished, failed, cancelled, lost or handed back. */
  async run(): Promise<void> {
    const renewal = setInterval(() => void this.renew(), Math.max(50, Math.floor(this.leaseMs / 3)));
    renewal.unref();
    try {
      for (;;) {
        while (this.claiming && !this.exhausted && this.inFlight.size < this.job.concurrency) {
          const item = await claimNextItem(this.job.id, this.job.leaseId, this.lastSeq);
          if (!item) this.exhausted = true;
          else this.launch(item);
        }
        if (this.inFlight.size === 0) break;
        await Promise.race([...this.inFlight.values()].map((entry) => entry.done));
      }
    } finally {
      clearInterval(renewal);
    }
    await this.conclude();
  }

  /** Shutdown: claim nothing more, stop waiting out rate limits; in-flight calls go on unless aborted. */
  stop(): void {
    this.stopSignal.abort();
    this.quit.abort();
  }

  private halt(reason: "cancelled" | "lost"): void {
    this.halted ??= reason;
    this.quit.abort();
  }

  private failJob(error: string): void {
    this.fatal ??= error;
    this.quit.abort();
  }

  /** Shutdown after the grace period: the calls still in flight are cut off (recorded as interrupted). */
  abortInFlight(): void {
    for (const entry of this.inFlight.values()) entry.abort.abort();
  }

  private async conclude(): Promise<void> {
    const { id, leaseId } = this.job;
    if (this.fatal !== null) await finishJob(id, leaseId, { status: "failed", error: this.fatal });
    else if (this.halted !== null) return; // cancelled (already recorded) or taken over by another runner
    else if (this.exhausted) await finishJob(id, leaseId, { status: "done" });
    else if (this.stopping) await releaseJob(id, leaseId);
  }

  private async renew(): Promise<void> {
    if (this.halted !== null) return;
    try {
      if (await renewLease(this.job.id, this.job.leaseId, this.leaseMs)) return;
      this.halt((await jobStatus(this.job.id)) === "cancelled" ? "cancelled" : "lost");
    } catch (error) {
      logger().warn({ err: error, jobId: this.job.id }, "cache warm-up: could not renew the job's lease");
    }
  }

  private launch(item: ClaimedItem): void {
    this.lastSeq = item.seq;
    const abort = new AbortFlag();
    const done = this.runItem(item, abort)
      .catch((error: unknown) => logger().error({ err: error, jobId: this.job.id, seq: item.seq }, "cache warm-up: an item failed unexpectedly"))
      .finally(() => this.inFlight.delete(item.id));
    this.inFlight.set(item.id, { done, abort });
  }

  private async runItem(item: ClaimedItem, abort: AbortFlag): Promise<void> {
    const { job } = this;
    const record = (result: ItemResult) => recordItemResult(item.id, job.leaseId, result);
    for (let attempt = 1; ; attempt++) {
      let principal;
      try {
        principal = await loadWarmupPrincipal(job);
      } catch (error) {
        if (!(error instanceof WarmupStopped)) throw error;
        this.failJob(error.message);
        return record({ status: "skipped", attempts: attempt - 1, error: error.message });
      }
      const outcome = await runWarmupItem({ principal, model: job.model, request: item.request, abort });
      if (abort.aborted) return record({ status: "interrupted", attempts: attempt, requestId: outcome.requestId, error: SHUTDOWN_ERROR });
      if (outcome.kind === "answered") {
        const { requestId, cache, inputTokens, outputTokens, costMicros, latencyMs } = outcome;
        return record({ status: "done", attempts: attempt, requestId, cache, inputTokens, outputTokens, costMicros, latencyMs });
      }
      const next = refusalAction(outcome, attempt);
      if (next.action === "stop-job") this.failJob(next.error);
      if (next.action !== "retry") return record({ status: "failed", attempts: attempt, requestId: outcome.requestId, error: next.error });
      try {
        await sleep(next.waitMs, undefined, { signal: this.quit.signal });
      } catch {
        // It never ran: at a shutdown the next runner sends it; otherwise the job has ended.
        if (this.stopping) return returnItem(item.id, job.leaseId);
        return record({ status: "skipped", attempts: attempt, error: `Not sent: ${this.fatal ?? (this.halted === "lost" ? "another runner took the job over" : "the job was cancelled")}` });
      }
    }
  }
}
