// The main thread's side of the response cache's SQLite writer thread (sqlite-cache-thread.ts,
// compiled by scripts/build-threads.mjs): one message per batch, answered when committed. The thread
// is unref'd while idle (it never keeps the process alive); a thread that dies or does not answer in
// 30 s rejects what it owed (the entry writer retries) and the next batch starts a new one.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { packTransferables, type PackedCacheEntries } from "./cache-entry-pack";
import type { DeletedEntryRow, FromSqliteCacheThread, SqliteCacheThreadData, ToSqliteCacheThread } from "./sqlite-cache-protocol";

// worker_threads from Node itself, not an import: Turbopack bundles the file of any `new Worker(path)`
// it can see into the Next.js build, keyed by the build machine's path ("/ROOT/…"), so in the
// console's thread the compiled thread was "not found" at run time (cache writes from warm-up and
// imports were lost). The thread is already compiled by scripts/build-threads.mjs; load it as is.
const { Worker } = process.getBuiltinModule("node:worker_threads") as typeof import("node:worker_threads");
type Worker = import("node:worker_threads").Worker;

const REPLY_TIMEOUT_MS = 30_000;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Where scripts/build-threads.mjs writes the compiled thread (keep the two in step). */
export function sqliteCacheThreadFile(root = process.cwd()): string {
  return join(root, "node_modules", ".cache", "tollgate", "threads", "sqlite-cache-thread.cjs");
}

interface Pending {
  resolve(deleted: DeletedEntryRow[] | undefined): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class SqliteCacheWriter {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly file: string) {}

  write(entries: PackedCacheEntries): Promise<void> {
    return this.send({ entries }, packTransferables(entries)).then(() => undefined);
  }

  touch(touches: [string, number, number][]): Promise<void> {
    return this.send({ touches }, []).then(() => undefined);
  }

  /** Deletes the entries expired at `now`; resolves what was deleted. */
  expire(now: number): Promise<DeletedEntryRow[]> {
    return this.send({ expire: { now } }, []).then((deleted) => deleted ?? []);
  }

  /** Deletes an organization's least recently used entries past its bounds; resolves what was deleted. */
  evict(orgId: string, maxEntries: number, maxBytes: number): Promise<DeletedEntryRow[]> {
    return this.send({ evict: { orgId, maxEntries, maxBytes } }, []).then((deleted) => deleted ?? []);
  }

  private send(message: DistributiveOmit<ToSqliteCacheThread, "id">, transfer: ArrayBuffer[]): Promise<DeletedEntryRow[] | undefined> {
    const worker = this.current();
    const id = this.nextId++;
    return new Promise<DeletedEntryRow[] | undefined>((resolve, reject) => {
      const timer = setTimeout(() => this.abandon(new Error("the SQLite cache writer did not answer in 30 s")), REPLY_TIMEOUT_MS);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
      worker.ref();
      worker.postMessage({ id, ...message } satisfies ToSqliteCacheThread, transfer);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private current(): Worker {
    if (this.worker) return this.worker;
    const code = sqliteCacheThreadFile();
    if (!existsSync(code)) throw new Error(`the SQLite cache writer's thread is not built (${code} is missing): start with npm start, or run npm run build`);
    const worker = new Worker(code, { workerData: { file: this.file } satisfies SqliteCacheThreadData });
    worker.unref();
    worker.on("message", (reply: FromSqliteCacheThread) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      clearTimeout(pending.timer);
      if (this.pending.size === 0) worker.unref();
      if (reply.error) pending.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
      else pending.resolve(reply.deleted);
    });
    worker.on("error", (error) => this.abandon(error));
    worker.on("exit", (code) => this.abandon(new Error(`the SQLite cache writer's thread exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private abandon(error: Error): void {
    const worker = this.worker;
    this.worker = null;
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.pending.clear();
    if (worker && worker.threadId !== -1) void worker.terminate();
  }
}
