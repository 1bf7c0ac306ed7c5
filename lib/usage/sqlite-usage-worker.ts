// The main thread's side of the SQLite usage worker: starts the thread (sqlite-usage-thread.ts,
// compiled by scripts/build-threads.mjs), sends it one chunk of usage events per message (packed: usage-event-pack.ts) and matches the answers.
// The thread is unref'd while idle, so it never keeps the process alive, and ref'd while it owes an
// answer, so a write or close in progress completes. A thread that dies rejects everything it owed
// and the next request starts a new one; an answer that never comes rejects after a timeout and the
// thread is replaced: nothing waits forever.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { FromSqliteThread, SqliteChunkOutcome, SqliteThreadData, ToSqliteThread } from "./sqlite-usage-protocol";
import type { UsageEvent } from "./usage-event";
import { packUsageEvents } from "./usage-event-pack";

export type { SqliteChunkOutcome } from "./sqlite-usage-protocol";

// worker_threads from Node itself, not an import: Turbopack bundles the file of any `new Worker(path)`
// it can see into the Next.js build, keyed by the build machine's path ("/ROOT/…"), so in the
// console's thread the compiled thread was "not found" at run time (cache writes from warm-up and
// imports were lost). The thread is already compiled by scripts/build-threads.mjs; load it as is.
const { Worker } = process.getBuiltinModule("node:worker_threads") as typeof import("node:worker_threads");
type Worker = import("node:worker_threads").Worker;

/**
 * Where scripts/build-threads.mjs writes the compiled thread (keep the two in step). Found from the
 * app's root (the working directory of npm start, npm run dev and the tests), not from this module:
 * this module runs from several places (the server bundle, the Next.js build, vitest's sources).
 */
export function sqliteUsageThreadFile(root = process.cwd()): string {
  return join(root, "node_modules", ".cache", "tollgate", "threads", "sqlite-usage-thread.cjs");
}

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

  write(events: readonly UsageEvent[]): Promise<SqliteChunkOutcome> {
    return new Promise((resolve, reject) => {
      try {
        const thread = this.current();
        const id = this.nextId++;
        // Posted first: a chunk that cannot be cloned fails here alone, and no answer can arrive before
        // the pending entry exists (it comes through the event loop).
        const packed = packUsageEvents(events);
        // The typed arrays move to the thread (no copy); they are packed anew for every write.
        thread.worker.postMessage({ type: "write", id, events: packed } satisfies ToSqliteThread, [packed.refs.buffer, packed.numbers.buffer, packed.money.buffer]);
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
      thread.worker.postMessage({ type: "close" } satisfies ToSqliteThread);
    });
  }

  private current(): Thread {
    this.thread ??= this.start();
    return this.thread;
  }

  private start(): Thread {
    const code = sqliteUsageThreadFile();
    if (!existsSync(code)) {
      throw new Error(`the SQLite usage writer's thread is not built (${code} is missing): start with npm start, or run npm run build`);
    }
    const worker = new Worker(code, { workerData: { file: this.file } satisfies SqliteThreadData });
    worker.unref();
    const thread: Thread = { worker, pending: new Map(), closing: false, failure: null };
    worker.on("message", (reply: FromSqliteThread) => this.settle(thread, reply));
    worker.on("error", (error) => {
      thread.failure = error;
    });
    worker.on("exit", (code) => {
      this.abandon(thread, thread.failure ?? new Error(`the SQLite usage worker exited (code ${code})`));
    });
    return thread;
  }

  private settle(thread: Thread, reply: FromSqliteThread): void {
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
