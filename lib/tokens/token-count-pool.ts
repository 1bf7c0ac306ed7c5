// Counting threads (piscina, running token-count-thread.ts as compiled by scripts/build-threads.mjs)
// behind a bounded queue of our own.
//
// The queue is ours rather than piscina's because the two ways a count is given up differ: a count
// that is still waiting when its caller goes away or its deadline passes is simply dropped, while a
// count that is running is left to finish (the worker stops itself at the deadline and answers with
// an upper bound for the rest). Only a thread that stays silent well past the deadline is stopped
// (piscina terminates a thread whose task is aborted, and starts a new one). Piscina only ever gets
// as many tasks as its threads interleave, so it never queues anything itself.
import { join } from "node:path";
import { Piscina } from "piscina";
import { HandOffBuffers, type HandOffOptions } from "./text-handoff";

/**
 * Where scripts/build-threads.mjs writes the compiled thread (keep the two in step). Found from the
 * app's root (start.mjs runs there), not from this module: inside a bundle there is no lib/ next to it.
 */
export function tokenCountThreadFile(root = process.cwd()): string {
  return join(root, "node_modules", ".cache", "tollgate", "threads", "token-count-thread.cjs");
}

export type CountQuality = "exact" | "approximate" | "bound";

export interface TextCount {
  tokens: number;
  quality: CountQuality;
}

/** The minimal AbortSignal the gateway passes (its AbortFlag or a Web request's signal). */
export interface CountSignal {
  readonly aborted: boolean;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/** Why the pool gave no count: the caller falls back to an upper bound. */
export type PoolRefusal = "queue_full" | "deadline" | "aborted" | "stuck" | "failed";

export type PoolOutcome = { counts: TextCount[]; refusal?: undefined } | { counts?: undefined; refusal: PoolRefusal; error?: unknown };

export interface TokenCountPoolOptions {
  /** absolute path of the compiled thread (tokenCountThreadFile()) */
  workerFile: string;
  threads: number;
  /** counts that may wait for a free slot; one more is refused at once */
  queueMax: number;
  /** counts one thread works on at the same time (it yields between segments) */
  tasksPerThread: number;
  /** how long past its deadline a running count may stay silent before its thread is replaced */
  stuckAfterMs: number;
  /** lower scheduling priority of the counting threads (Linux nice increment) */
  niceIncrement: number;
  /** large texts go to the thread through reused shared buffers (text-handoff.ts); absent: all cloned */
  handOff?: HandOffOptions;
}

interface Job {
  texts: string[];
  deadlineAt: number;
  resolve(outcome: PoolOutcome): void;
  /** the caller has its answer (a running count may still be finishing) */
  answered: boolean;
  timer: NodeJS.Timeout | null;
  signal: CountSignal | undefined;
  onAbort: (() => void) | null;
  /** set while a thread works on it: aborting it replaces that thread */
  running: AbortController | null;
  /** the shared buffer its large texts were written to, held until the thread answers */
  buffer: SharedArrayBuffer | null;
}

/** How long a caller waits past its deadline for a running count's answer (the worker stops at the deadline itself). */
const ANSWER_GRACE_MS = 50;

export class TokenCountPool {
  private piscina: Piscina | null = null;
  private readonly waiting: Job[] = [];
  private running = 0;
  private readonly buffers: HandOffBuffers | null;

  constructor(private readonly options: TokenCountPoolOptions) {
    this.buffers = options.handOff ? new HandOffBuffers(options.handOff) : null;
  }

  /**
   * Starts the threads now (they load the tokenizer in the background) instead of on the first count,
   * and makes the hand-off buffers (touching their pages now rather than during a call).
   */
  start(): void {
    this.threads();
    this.buffers?.prepare();
  }

  /** hand-off buffers no count holds */
  get freeBuffers(): number {
    return this.buffers?.available ?? 0;
  }

  /** counts waiting for a slot */
  get queued(): number {
    return this.waiting.length;
  }

  /** counts a thread works on (including ones whose caller already gave up on them) */
  get active(): number {
    return this.running;
  }

  /** Counts `texts` by `deadlineAt` (epoch ms), or says why not. Never rejects. */
  count(texts: string[], deadlineAt: number, signal?: CountSignal): Promise<PoolOutcome> {
    if (signal?.aborted) return Promise.resolve({ refusal: "aborted" });
    const free = this.running < this.capacity();
    if (!free && this.waiting.length >= this.options.queueMax) return Promise.resolve({ refusal: "queue_full" });
    return new Promise((resolve) => {
      const job: Job = { texts, deadlineAt, resolve, answered: false, timer: null, signal, onAbort: null, running: null, buffer: null };
      job.timer = setTimeout(() => this.onDeadline(job), Math.max(0, deadlineAt - Date.now()));
      if (signal) {
        job.onAbort = () => this.giveUp(job, "aborted");
        signal.addEventListener("abort", job.onAbort, { once: true });
      }
      this.waiting.push(job);
      this.pump();
    });
  }

  /** Stops the threads; every caller still waiting gets "failed" (and uses an upper bound). */
  async close(): Promise<void> {
    for (const job of [...this.waiting]) this.giveUp(job, "failed");
    const piscina = this.piscina;
    this.piscina = null;
    await piscina?.destroy();
  }

  private capacity(): number {
    return this.options.threads * this.options.tasksPerThread;
  }

  private threads(): Piscina {
    this.piscina ??= new Piscina({
      filename: this.options.workerFile,
      minThreads: this.options.threads,
      maxThreads: this.options.threads,
      concurrentTasksPerWorker: this.options.tasksPerThread,
      // Tasks are async (they yield between segments): no blocking Atomics.wait in the threads.
      atomics: "disabled",
      niceIncrement: this.options.niceIncrement,
      idleTimeout: Infinity,
    });
    return this.piscina;
  }

  private pump(): void {
    while (this.running < this.capacity() && this.waiting.length > 0) this.run(this.waiting.shift()!);
  }

  private run(job: Job): void {
    this.running += 1;
    const running = new AbortController();
    job.running = running;
    let threads: Piscina;
    try {
      threads = this.threads();
    } catch (error) {
      return this.finish(job, { refusal: "failed", error });
    }
    // Written only now, when a thread is about to read them: a waiting count holds no buffer.
    const handed = this.buffers ? this.buffers.handOff(job.texts) : { texts: job.texts, buffer: null };
    job.buffer = handed.buffer;
    threads.run({ texts: handed.texts, deadlineAt: job.deadlineAt }, { signal: running.signal }).then(
      (counts: TextCount[]) => this.finish(job, { counts }),
      (error: unknown) => this.finish(job, { refusal: running.signal.aborted ? "stuck" : "failed", error }),
    );
  }

  private onDeadline(job: Job): void {
    if (!job.running) return this.giveUp(job, "deadline");
    // Running: the worker answers by itself at the deadline, within one segment's work. The caller
    // waits a little for that answer; a thread still silent long after is stuck, and aborting its
    // task makes piscina replace it.
    const running = job.running;
    job.timer = setTimeout(() => {
      this.answer(job, { refusal: "deadline" });
      job.timer = setTimeout(() => running.abort(), Math.max(0, this.options.stuckAfterMs - ANSWER_GRACE_MS));
    }, ANSWER_GRACE_MS);
  }

  /** The caller stops waiting. A waiting count leaves the queue; a running one finishes unheard. */
  private giveUp(job: Job, refusal: PoolRefusal): void {
    const index = this.waiting.indexOf(job);
    if (index !== -1) this.waiting.splice(index, 1);
    this.answer(job, { refusal });
    if (!job.running) this.release(job);
  }

  private finish(job: Job, outcome: PoolOutcome): void {
    this.running -= 1;
    if (job.buffer) {
      // A stopped thread may not have finished reading its buffer: that one is never written again.
      if (outcome.refusal === "stuck") this.buffers?.discard(job.buffer);
      else this.buffers?.release(job.buffer);
      job.buffer = null;
    }
    this.answer(job, outcome);
    this.release(job);
    this.pump();
  }

  private answer(job: Job, outcome: PoolOutcome): void {
    if (job.answered) return;
    job.answered = true;
    if (job.signal && job.onAbort) job.signal.removeEventListener("abort", job.onAbort);
    job.onAbort = null;
    job.resolve(outcome);
  }

  private release(job: Job): void {
    if (job.timer) clearTimeout(job.timer);
    job.timer = null;
  }
}
