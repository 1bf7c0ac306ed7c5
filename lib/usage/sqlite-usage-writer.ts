// Usage batches on SQLite, written by a worker thread that owns the connection (sqlite-usage-worker.ts
// starts sqlite-usage-thread.ts).
//
// Why a thread: better-sqlite3 is synchronous. With the writer on the event loop, even in 50-record
// transactions with yields between them, flushes stalled the proxy's event loop for 3–14 ms several
// times a second at 500 req/s (and checkpoints for 12–17 ms before they moved to a thread), a large
// part of its p99. Now no SQL runs on the main thread at all: prepared statements, transactions and
// WAL checkpoints all live in the worker.
//
// What stays here is one postMessage per chunk of CHUNK events, packed into a few flat arrays
// (usage-event-pack.ts): the rows, the rollup deltas (usage-aggregate.ts) and the retry without
// records stored already are all built in the thread (sqlite-usage-rows.ts).
// Chunks go one at a time (one message = one transaction): a round trip costs the worker ~1 ms of
// waiting per chunk, far more headroom than the proxy's throughput needs, and keeps the order of commits that of
// the batch.
//
// Idempotency: the thread inserts a chunk's records first; if any request id was stored already (a
// flush retried after a lost answer, or a repeat inside the batch) it rolls the whole transaction
// back and writes the chunk again without them, deltas recomputed: a record is never stored or
// rolled up twice.
import type { UsageEvent } from "./usage-event";
import { SqliteUsageWorker } from "./sqlite-usage-worker";
import type { UsageWriter } from "./usage-writer";

// One chunk per flush at USAGE_FLUSH_SIZE's default: each commit rewrites the right-edge pages of
// the table and its indexes and the rollup rows, so 500 records per commit instead of 100 cost the
// thread about a tenth less CPU per record (scripts/bench/diag/usage-writer-cpu.ts, decision 005).
const CHUNK = 500;

export interface SqliteUsageWriterOptions {
  /** events per message and transaction (default CHUNK) */
  chunkSize?: number;
  /** how long a chunk (or close) may wait for the worker's answer before it is rejected */
  replyTimeoutMs?: number;
}

export function createSqliteUsageWriter(file: string, options: SqliteUsageWriterOptions = {}): UsageWriter {
  const worker = new SqliteUsageWorker(file, options.replyTimeoutMs);
  const chunk = options.chunkSize ?? CHUNK;
  const inFlight = new Set<Promise<number>>();
  let closing: Promise<void> | null = null;

  async function writeChunk(events: readonly UsageEvent[]): Promise<number> {
    return (await worker.write(events)).stored;
  }

  async function writeAll(events: readonly UsageEvent[]): Promise<number> {
    let stored = 0;
    for (let i = 0; i < events.length; i += chunk) stored += await writeChunk(events.slice(i, i + chunk));
    return stored;
  }

  return {
    write(events) {
      if (closing) return Promise.reject(new Error("the SQLite usage writer is closed"));
      const written = writeAll(events);
      inFlight.add(written);
      const forget = () => inFlight.delete(written);
      written.then(forget, forget);
      return written;
    },
    close() {
      closing ??= Promise.allSettled(inFlight).then(() => worker.close());
      return closing;
    },
  };
}
