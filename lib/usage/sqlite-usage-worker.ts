// The main thread's side of the SQLite usage worker: starts the thread (sqlite-usage-worker-source.ts),
// sends it one chunk per message and matches the answers. The thread is unref'd while idle, so it
// never keeps the process alive, and ref'd while it owes an answer, so a write or close in progress
// completes. A thread that dies rejects everything it owed and the next request starts a new one;
// an answer that never comes rejects after a timeout and the thread is replaced: nothing waits forever.
import { createRequire } from "node:module";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { SQLITE_USAGE_WORKER_SOURCE } from "./sqlite-usage-worker-source";

/** One transaction's worth of usage, as SQLite takes it (dates as text, booleans as 0/1). */
export interface SqliteUsageChunk {
  records: Record<string, unknown>[];
  rollups: Record<string, unknown>[];
  latency: Record<string, unknown>[];
  /** [keyId, lastUsedAt] */
  touches: [string, string][];
}

/** `stored`: committed. `duplicates`: rolled back, because the records at these indexes were stored already. */
export type SqliteChunkOutcome = { stored: number } | { duplicates: number[] };

type Reply = { id: number } & (SqliteChunkOutcome | { error: { message: string; code?: string } });

interface Pending {
  resolve(outcome: SqliteChunkOutcome): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  closing: boolean;
  failure: Error | null;
}

const SQLITE_WORKER_REPLY_TIMEOUT_MS = 30_000;

export class SqliteUsageWorker {
  private thread: Thread | null = null;
  private nextId = 1;

  constructor(
    private readonly file: string,
    /** well above the connection's 10 s busy timeout: only a thread that is truly stuck hits it */
    private readonly replyTimeoutMs = SQLITE_WORKER_REPLY_TIMEOUT_MS,
  ) {}

  write(chunk: SqliteUsageChunk): Promise<SqliteChunkOutcome> {
    return new Promise((resolve, reject) => {
      try {
        const thread = this.current();
        const id = this.nextId++;
        // Posted first: a chunk that cannot be cloned fails here alone, and no answer can arrive before
        // the pending entry exists (it comes through the event loop).
        thread.worker.postMessage({ type: "write", id, chunk });
        const timer = setTimeout(
          () => this.abandon(thread, new Error(`the SQLite usage worker did not answer within ${this.replyTimeoutMs} ms`)),
          this.replyTimeoutMs,
        );
        timer.unref();
        thread.pending.set(id, { resolve, reject, timer });
        if (thread.pending.size === 1) thread.worker.ref();
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** TRUNCATE checkpoint, close the database, let the thread exit. Call once no write is in flight. */
  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      let thread: Thread;
      try {
        thread = this.current(); // a fresh thread if none runs: the WAL must still be truncated
      } catch (error) {
        return reject(error instanceof Error ? error : new Error(String(error)));
      }
      this.thread = null;
      thread.closing = true;
      const timer = setTimeout(() => {
        void thread.worker.terminate();
        reject(new Error(`the SQLite usage worker did not close within ${this.replyTimeoutMs} ms`));
      }, this.replyTimeoutMs);
      timer.unref();
      thread.worker.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      thread.worker.ref();
      thread.worker.postMessage({ type: "close" });
    });
  }

  private current(): Thread {
    this.thread ??= this.start();
    return this.thread;
  }

  private start(): Thread {
    // Resolved from the app's root, not from this module: inside a bundle there is no node_modules next to it.
    const driver = createRequire(join(process.cwd(), "package.json")).resolve("better-sqlite3");
    const worker = new Worker(SQLITE_USAGE_WORKER_SOURCE, { eval: true, workerData: { file: this.file, driver } });
    worker.unref();
    const thread: Thread = { worker, pending: new Map(), closing: false, failure: null };
    worker.on("message", (reply: Reply) => this.settle(thread, reply));
    worker.on("error", (error) => {
      thread.failure = error;
    });
    worker.on("exit", (code) => {
      this.abandon(thread, thread.failure ?? new Error(`the SQLite usage worker exited (code ${code})`));
    });
    return thread;
  }

  private settle(thread: Thread, reply: Reply): void {
    const pending = thread.pending.get(reply.id);
    if (!pending) return; // already rejected by its timeout
    thread.pending.delete(reply.id);
    clearTimeout(pending.timer);
    if (thread.pending.size === 0 && !thread.closing) thread.worker.unref();
    if ("error" in reply) pending.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
    else pending.resolve(reply);
  }

  /** Rejects everything the thread owes and makes sure the next request starts another one. */
  private abandon(thread: Thread, error: Error): void {
    if (this.thread === thread) this.thread = null;
    for (const pending of thread.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    thread.pending.clear();
    if (thread.worker.threadId !== -1) void thread.worker.terminate();
  }
}
