// The background runner of cache warm-up jobs: the shared job runner (lib/jobs/job-runner.ts) with
// the warm-up tables' leases (warmup-leases.ts) and job loop (run-warmup-job.ts). One per process,
// in the console's thread (warmup-runner-slot.ts); several replicas can run side by side.
import { JobRunner } from "../jobs/job-runner";
import { WarmupJobRun } from "./run-warmup-job";
import { warmupMetrics } from "./warmup-metrics";
import { leaseOpenJobs, type LeasedJob } from "./warmup-leases";

export interface WarmupRunnerOptions {
  pollIntervalMs: number;
  /** how long a lease lasts without renewal (renewed every third of it) */
  leaseMs?: number;
  /** jobs this process runs at once */
  maxJobs?: number;
  runnerId?: string;
  /** only this organization's jobs (tests run organizations side by side in one database); default every one */
  orgId?: string;
}

export const DEFAULT_LEASE_MS = 30_000;
export const DEFAULT_MAX_JOBS = 2;

export class WarmupRunner extends JobRunner<LeasedJob> {
  constructor(options: WarmupRunnerOptions) {
    const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    super({
      name: "cache warm-up",
      pollIntervalMs: options.pollIntervalMs,
      leaseMs,
      maxJobs: options.maxJobs ?? DEFAULT_MAX_JOBS,
      runnerId: options.runnerId,
      leaseOpenJobs: (runnerId, ms, limit) => leaseOpenJobs(runnerId, ms, limit, options.orgId),
      startRun: (job) => new WarmupJobRun(job, leaseMs),
    });
    // The series exist from the runner's start, so /api/metrics shows the jobs' states before any item ran.
    warmupMetrics();
  }
}
