// Usage batches on SQLite, written by a worker thread that owns the connection (sqlite-usage-worker.ts
// starts sqlite-usage-thread.ts).
//
// Why a thread: better-sqlite3 is synchronous. With the writer on the event loop, even in 50-record
// transactions with yields between them, flushes stalled the proxy's event loop for 3–14 ms several
// times a second at 500 req/s (and checkpoints for 12–17 ms before they moved to a thread), a large
// part of its p99. Now no SQL runs on the main thread at all: prepared statements, transactions and
// WAL checkpoints all live in the worker.
//
// What stays here is cheap and bounded: each chunk of CHUNK records becomes plain rows (dates as
// Prisma's text format, booleans as 0/1; bigints pass through structured clone as they are), its
// rollup deltas come from the pure aggregateUsage (the same arithmetic as PostgreSQL's writer), and
// one message carries it: about 0.3 ms of main-thread time per 100 records, against about 2 ms of SQL
// that now runs in the worker. Chunks go one at a time (one message = one transaction): a round trip
// costs the worker ~1 ms of waiting per chunk, far more headroom than 500 req/s needs, and keeps the
// order of commits that of the batch.
//
// Idempotency: the worker inserts a chunk's records first; if any request id was stored already (a
// flush retried after a lost answer, or a repeat inside the batch) it rolls the whole transaction back
// and names them by index (an id repeated inside one chunk is stored once, so ids alone would drop
// both copies), and the chunk goes again without them, with deltas recomputed: a record is never
// stored or rolled up twice. That path is rare; the common one is a single round trip.
import { aggregateDeploymentStats } from "./deployment-stats";
import { routingColumns } from "./routing-columns";
import { aggregateUsage, dailyLatency, dailyRollups, keysToTouch, type UsageDeltas } from "./usage-aggregate";
import type { UsageEvent } from "./usage-event";
import type { SqliteUsageChunk, UsageRecordRow } from "./sqlite-usage-protocol";
import { SqliteUsageWorker } from "./sqlite-usage-worker";
import type { UsageWriter } from "./usage-writer";

const CHUNK = 100;

/** Prisma's DateTime text format on SQLite (ISO 8601 with an explicit offset); other readers depend on it. */
export function sqliteDateTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function recordRow(e: UsageEvent): UsageRecordRow {
  // Every named parameter must be present: the cache fields are optional on the event.
  const { tokensSaved: _tokensSaved, ...record } = e;
  void _tokensSaved;
  return {
    ...record, streamed: e.streamed ? 1 : 0, estimated: e.estimated ? 1 : 0, createdAt: sqliteDateTime(e.createdAt),
    cache: e.cache ?? null, costSavedMicros: e.costSavedMicros ?? 0n, refusal: e.refusal ?? null, cacheWriteTokens: e.cacheWriteTokens ?? 0,
    batchId: e.batchId ?? null, ...routingColumns(e),
  };
}

function dailyRows(deltas: UsageDeltas): Pick<SqliteUsageChunk, "days" | "teamDays" | "userDays" | "modelDays" | "latencyDays"> {
  const { days, teamDays, userDays, modelDays } = dailyRollups(deltas.rollups);
  return {
    days: days.map((r) => ({ ...r, day: sqliteDateTime(r.day) })),
    teamDays: teamDays.map((r) => ({ ...r, day: sqliteDateTime(r.day) })),
    userDays: userDays.map((r) => ({ ...r, day: sqliteDateTime(r.day) })),
    modelDays: modelDays.map((r) => ({ ...r, day: sqliteDateTime(r.day) })),
    latencyDays: dailyLatency(deltas.latency).map((l) => ({ ...l, day: sqliteDateTime(l.day) })),
  };
}

function chunkOf(records: UsageRecordRow[], deltas: UsageDeltas, touches: [string, Date][], events: readonly UsageEvent[]): SqliteUsageChunk {
  const deployments = aggregateDeploymentStats(events);
  return {
    records,
    rollups: deltas.rollups.map((r) => ({ ...r, hour: sqliteDateTime(r.hour) })),
    ...dailyRows(deltas),
    latency: deltas.latency.map((l) => ({ ...l, hour: sqliteDateTime(l.hour) })),
    deploymentStats: deployments.stats.map((d) => ({ ...d, bucket: sqliteDateTime(d.bucket), lastErrorAt: d.lastErrorAt ? sqliteDateTime(d.lastErrorAt) : null })),
    deploymentLatency: deployments.latency.map((d) => ({ ...d, bucket: sqliteDateTime(d.bucket) })),
    touches: touches.map(([keyId, at]) => [keyId, sqliteDateTime(at)]),
  };
}

export interface SqliteUsageWriterOptions {
  /** how long a chunk (or close) may wait for the worker's answer before it is rejected */
  replyTimeoutMs?: number;
}

export function createSqliteUsageWriter(file: string, options: SqliteUsageWriterOptions = {}): UsageWriter {
  const worker = new SqliteUsageWorker(file, options.replyTimeoutMs);
  const inFlight = new Set<Promise<number>>();
  let closing: Promise<void> | null = null;

  async function writeChunk(events: readonly UsageEvent[]): Promise<number> {
    let records = events.map(recordRow);
    let deltas = aggregateUsage(events);
    // keysToTouch remembers what it hands out (once a minute per key): ask it once per chunk.
    const touchable = keysToTouch(deltas.keysLastUsed);
    let outcome = await worker.write(chunkOf(records, deltas, touchable, events));
    let fresh = events;
    while ("duplicates" in outcome) {
      const stored = new Set(outcome.duplicates);
      fresh = fresh.filter((_, i) => !stored.has(i));
      records = records.filter((_, i) => !stored.has(i));
      if (fresh.length === 0) return 0;
      deltas = aggregateUsage(fresh);
      const touches = touchable.flatMap(([keyId]): [string, Date][] => {
        const at = deltas.keysLastUsed.get(keyId);
        return at ? [[keyId, at]] : [];
      });
      outcome = await worker.write(chunkOf(records, deltas, touches, fresh));
    }
    return outcome.stored;
  }

  async function writeAll(events: readonly UsageEvent[]): Promise<number> {
    let stored = 0;
    for (let i = 0; i < events.length; i += CHUNK) stored += await writeChunk(events.slice(i, i + CHUNK));
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
