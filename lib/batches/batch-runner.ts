// The background runner of batches: the shared job runner (lib/jobs/job-runner.ts) with the batch
// tables' leases and the batch loop, and one bound on calls in flight shared by all the batches this
// process runs. One per process, in the console's thread (batch-runner-slot.ts); several replicas run
// side by side, each batch in one of them at a time.
import { env } from "../env";
import { JobRunner } from "../jobs/job-runner";
import { Semaphore } from "../jobs/semaphore";
import { leaseOpenBatches, type LeasedBatch } from "./batch-leases";
import { BatchRun } from "./run-batch";

export interface BatchRunnerOptions {
  pollIntervalMs: number;
  leaseMs?: number;
  /** batches this process runs at once */
  maxBatches?: number;
  /** calls in flight at once across them (default BATCH_MAX_CONCURRENCY) */
  maxConcurrency?: number;
  runnerId?: string;
  /** only this organization's batches (tests run organizations side by side in one database) */
  orgId?: string;
}

export const DEFAULT_BATCH_LEASE_MS = 30_000;
export const DEFAULT_MAX_BATCHES = 8;

export class BatchRunner extends JobRunner<LeasedBatch> {
  constructor(options: BatchRunnerOptions) {
    const leaseMs = options.leaseMs ?? DEFAULT_BATCH_LEASE_MS;
    const slots = new Semaphore(options.maxConcurrency ?? env().BATCH_MAX_CONCURRENCY);
    super({
      name: "batches",
      pollIntervalMs: options.pollIntervalMs,
      leaseMs,
      maxJobs: options.maxBatches ?? DEFAULT_MAX_BATCHES,
      runnerId: options.runnerId,
      leaseOpenJobs: (runnerId, ms, limit) => leaseOpenBatches(runnerId, ms, limit, options.orgId),
      startRun: (batch) => new BatchRun(batch, leaseMs, slots),
    });
  }
}
