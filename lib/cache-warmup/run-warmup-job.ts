// Runs one leased warm-up job on the shared job loop (lib/jobs/leased-job-run.ts): claims its items
// in order, up to `concurrency` in flight, and ends the job when every item has a result. It stops
// claiming when the job is cancelled, when the lease is lost, when the job cannot go on (its key
// revoked, its model gone), or when the process shuts down; items already in flight always finish
// and record what happened.
import { setTimeout as sleep } from "node:timers/promises";
import type { AbortFlag } from "../abort/abort-flag";
import { LeasedJobRun } from "../jobs/leased-job-run";
import { refusalAction } from "./item-retry";
import { runWarmupItem } from "./run-warmup-item";
import { loadWarmupPrincipal, WarmupStopped } from "./warmup-charge";
import { warmupMetrics } from "./warmup-metrics";
import {
  claimNextItem, finishJob, jobStatus, recordItemResult, releaseJob, renewLease, returnItem,
  type ClaimedItem, type ItemResult, type LeasedJob,
} from "./warmup-leases";

const SHUTDOWN_ERROR = "Stopped by a shutdown before the answer arrived.";

export class WarmupJobRun extends LeasedJobRun<ClaimedItem> {
  constructor(
    readonly job: LeasedJob,
    private readonly leaseMs: number,
  ) {
    super({ jobId: job.id, leaseMs, concurrency: job.concurrency, label: "cache warm-up" });
  }

  protected claimNext(afterSeq: number): Promise<ClaimedItem | null> {
    return claimNextItem(this.job.id, this.job.leaseId, afterSeq);
  }

  protected async renewLease(): Promise<string | null> {
    if (await renewLease(this.job.id, this.job.leaseId, this.leaseMs)) return null;
    return (await jobStatus(this.job.id)) === "cancelled" ? "cancelled" : "lost";
  }

  protected async conclude(): Promise<void> {
    const { id, leaseId } = this.job;
    if (this.fatal !== null) await finishJob(id, leaseId, { status: "failed", error: this.fatal });
    else if (this.halted !== null) return; // cancelled (already recorded) or taken over by another runner
    else if (this.exhausted) await finishJob(id, leaseId, { status: "done" });
    else if (this.stopping) await releaseJob(id, leaseId);
  }

  protected async runItem(item: ClaimedItem, abort: AbortFlag): Promise<void> {
    const { job } = this;
    const record = async (result: ItemResult) => {
      await recordItemResult(item.id, job.leaseId, result);
      warmupMetrics().itemRecorded(result);
    };
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
