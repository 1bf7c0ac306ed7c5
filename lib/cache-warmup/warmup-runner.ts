// The background runner of cache warm-up jobs: one per process, in the console's thread (started
// from instrumentation.ts, like the alert evaluator). It looks for open jobs nobody holds every
// `pollIntervalMs`, leases up to `maxJobs` of them and runs each (run-warmup-job.ts). Several
// replicas can run side by side: a job's lease keeps it in one process, and a lease that lapses
// (the process died) lets another runner resume the job.
import { randomUUID } from "node:crypto";
import { logger } from "../logger";
import { WarmupJobRun } from "./run-warmup-job";
import { leaseOpenJobs } from "./warmup-leases";

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

export class WarmupRunner {
  readonly runnerId: string;
  private readonly leaseMs: number;
  private readonly maxJobs: number;
  private readonly runs = new Map<string, { run: WarmupJobRun; finished: Promise<void> }>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: WarmupRunnerOptions) {
    this.runnerId = options.runnerId ?? `runner-${randomUUID().slice(0, 8)}`;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.maxJobs = options.maxJobs ?? DEFAULT_MAX_JOBS;
  }

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs);
    this.timer.unref();
    this.wake();
  }

  /** Looks for work now (a job was just created in this process); a poll in progress is not doubled. */
  wake(): void {
    if (this.stopped || this.polling) return;
    this.polling = this.poll()
      .catch((error: unknown) => logger().error({ err: error }, "cache warm-up: looking for jobs failed"))
      .finally(() => {
        this.polling = null;
      });
  }

  /** One look for open jobs; resolves once the jobs it leased have started. */
  async poll(): Promise<void> {
    const free = this.maxJobs - this.runs.size;
    if (this.stopped || free <= 0) return;
    for (const job of await leaseOpenJobs(this.runnerId, this.leaseMs, free, this.options.orgId)) {
      const run = new WarmupJobRun(job, this.leaseMs);
      const finished = run
        .run()
        .catch((error: unknown) => logger().error({ err: error, jobId: job.id }, "cache warm-up: a job run failed"))
        .finally(() => {
          this.runs.delete(job.id);
          this.wake(); // a slot is free: the next queued job need not wait for the timer
        });
      this.runs.set(job.id, { run, finished });
    }
  }

  /** Jobs this runner is working on now. */
  activeJobIds(): string[] {
    return [...this.runs.keys()];
  }

  /** Resolves when the jobs this runner holds now have ended (tests). */
  async settled(): Promise<void> {
    while (this.polling || this.runs.size > 0) {
      await this.polling;
      await Promise.all([...this.runs.values()].map((entry) => entry.finished));
    }
  }

  /**
   * Shutdown: claim nothing more and let the calls in flight finish for up to `graceMs`; the ones
   * still running then are cut off. Jobs left unfinished are handed back (interrupted) for the next
   * runner to resume.
   */
  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.polling;
    const entries = [...this.runs.values()];
    for (const entry of entries) entry.run.stop();
    const all = Promise.all(entries.map((entry) => entry.finished));
    let graceTimer: NodeJS.Timeout | undefined;
    const grace = new Promise<"late">((resolve) => (graceTimer = setTimeout(() => resolve("late"), graceMs)));
    if ((await Promise.race([all, grace])) === "late") for (const entry of entries) entry.run.abortInFlight();
    clearTimeout(graceTimer);
    await all;
  }
}
