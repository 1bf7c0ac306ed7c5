// A background runner of leased jobs: one per kind of job and process, in the console's thread
// (started from instrumentation.ts). Every `pollIntervalMs` it looks for open jobs nobody holds,
// leases up to `maxJobs` of them and runs each. Several replicas can run side by side: a job's lease
// keeps it in one process, and a lease that lapses (the process died) lets another runner resume
// it. Cache warm-up jobs (lib/cache-warmup) and batches (lib/batches) both run on it; what a lease
// is and how a job runs belong to them (`leaseOpenJobs`, `startRun`).
import { randomUUID } from "node:crypto";
import { logger } from "../logger";

/** One leased job being worked on. */
export interface JobRun {
  /** Resolves when the job is finished, failed, cancelled, lost or handed back. */
  run(): Promise<void>;
  /** Shutdown: claim nothing more; calls in flight go on unless aborted. */
  stop(): void;
  /** Shutdown after the grace period: cut off the calls still in flight. */
  abortInFlight(): void;
}

export interface JobRunnerOptions<J extends { id: string }> {
  /** for logs: "cache warm-up", "batches" */
  name: string;
  pollIntervalMs: number;
  /** how long a lease lasts without renewal (renewed every third of it) */
  leaseMs: number;
  /** jobs this process runs at once */
  maxJobs: number;
  runnerId?: string;
  /** takes the lease of up to `limit` open jobs nobody holds */
  leaseOpenJobs(runnerId: string, leaseMs: number, limit: number): Promise<J[]>;
  startRun(job: J): JobRun;
}

export class JobRunner<J extends { id: string }> {
  readonly runnerId: string;
  private readonly runs = new Map<string, { run: JobRun; finished: Promise<void> }>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: JobRunnerOptions<J>) {
    this.runnerId = options.runnerId ?? `runner-${randomUUID().slice(0, 8)}`;
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
      .catch((error: unknown) => logger().error({ err: error }, `${this.options.name}: looking for jobs failed`))
      .finally(() => {
        this.polling = null;
      });
  }

  /** One look for open jobs; resolves once the jobs it leased have started. */
  async poll(): Promise<void> {
    const free = this.options.maxJobs - this.runs.size;
    if (this.stopped || free <= 0) return;
    for (const job of await this.options.leaseOpenJobs(this.runnerId, this.options.leaseMs, free)) {
      const run = this.options.startRun(job);
      const finished = run
        .run()
        .catch((error: unknown) => logger().error({ err: error, jobId: job.id }, `${this.options.name}: a job run failed`))
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
   * still running then are cut off. Jobs left unfinished are handed back for the next runner.
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
