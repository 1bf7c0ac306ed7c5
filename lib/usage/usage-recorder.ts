// The process-wide usage buffer, created on first use and drained by the server's shutdown hook.
// It lives in the main thread: the console's worker thread (the playground's calls) hands its
// records over through the host bridge, so one buffer and one writer serve the whole process and
// the shutdown drains everything in one place.
import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import { hostBridge } from "../boot/host-bridge";
import type { HostHandlers, LedgerState } from "../boot/host-methods";
import { env } from "../env";
import { logger } from "../logger";
import { metrics } from "../metrics/metrics";
import { reportCall } from "../observability/report-call";
import { callTraces, NO_SPAN } from "../tracing/call-traces";
import { drainCaptures } from "../capture/capture-buffer";
import { warnThrottled } from "../quotas/throttled-warning";
import { UsageJournal } from "./journal";
import { drainUnauthenticated } from "./unauthenticated-tally";
import { UsageBuffer } from "./usage-buffer";
import { tapUsage } from "./usage-taps";
import type { UsageEvent } from "./usage-event";
import { closeUsageWriter, writeUsageBatch } from "./write-usage-batch";

const globalForUsage = globalThis as unknown as { tollgateUsageBuffer?: UsageBuffer };

/**
 * The journal's directory: one per database (a hash of DATABASE_URL), so a process only ever adopts
 * and replays records meant for the database it writes to.
 */
export function usageJournalDir(config = env()): string {
  const database = createHash("sha256").update(config.DATABASE_URL).digest("hex").slice(0, 12);
  return join(resolve(config.USAGE_JOURNAL_DIR), database);
}

export function usageBuffer(): UsageBuffer {
  if (!globalForUsage.tollgateUsageBuffer) {
    const config = env();
    globalForUsage.tollgateUsageBuffer = new UsageBuffer(writeUsageBatch, {
      flushSize: config.USAGE_FLUSH_SIZE,
      flushIntervalMs: config.USAGE_FLUSH_INTERVAL_MS,
      maxRecords: config.USAGE_BUFFER_MAX_RECORDS,
      journalAfterMs: config.USAGE_JOURNAL_AFTER_MS,
      journal: new UsageJournal({ dir: usageJournalDir(config) }),
      onError: (error, pending) => {
        metrics().usageWriteFailures.inc();
        logger().error({ err: error, pending }, "usage write failed; will retry (records are kept in memory or the local journal)");
      },
      onJournalError: (error) => warnThrottled("usage-journal", error, "could not write the usage journal; records stay in memory up to USAGE_BUFFER_MAX_RECORDS"),
      onDropped: (dropped) => warnThrottled("usage-dropped", new Error(`${dropped} usage records dropped so far`), "usage records dropped: neither the database nor the journal can take them"),
    });
  }
  return globalForUsage.tollgateUsageBuffer;
}

/** At start, in the main thread: the buffer, and the records an earlier process left in the journal replayed. */
export async function startUsageLedger(): Promise<void> {
  const buffer = usageBuffer();
  await buffer.recoverJournal().catch((error: unknown) => logger().error({ err: error }, "could not open the usage journal at start"));
  if (buffer.journaled > 0) logger().warn({ journaled: buffer.journaled }, "usage records from the journal wait for the database; replayed once it takes writes");
}

function ledgerStateOf(buffer: UsageBuffer | undefined): LedgerState {
  if (!buffer) return { health: "ok", pending: 0, journaled: 0, dropped: 0, failingForMs: 0, journalError: null };
  const { journalError } = buffer;
  const reason = journalError === null ? null : journalError instanceof Error ? journalError.message : String(journalError);
  return { health: buffer.health, pending: buffer.pending, journaled: buffer.journaled, dropped: buffer.dropped, failingForMs: buffer.failingForMs, journalError: reason };
}

/** The usage ledger's state (the main thread's buffer, from either thread): for /api/health. */
export async function usageLedgerState(): Promise<LedgerState> {
  const host = hostBridge();
  if (host) return host.call("usage.ledger");
  return ledgerStateOf(globalForUsage.tollgateUsageBuffer);
}

function enqueueUsage(event: UsageEvent): void {
  const host = hostBridge();
  if (host) host.post("usage.record", event);
  else usageBuffer().enqueue(event);
}

/**
 * The end of every call: its record goes to the ledger (a synchronous push; the usage write's span
 * when the call is traced), then to the operator's view of it: metrics, access log, trace
 * (lib/observability/report-call.ts).
 */
export function recordUsage(event: UsageEvent): void {
  tapUsage(event); // a batch runner waiting for this call's record (lib/usage/usage-taps.ts)
  const traces = callTraces();
  const span = traces ? traces.child(event.requestId) : NO_SPAN;
  enqueueUsage(event);
  if (span !== NO_SPAN) traces!.endUsageWrite(span);
  reportCall(event);
}

/** A record written again (a batch line's, after a crash): the ledger only, it was reported when the call ended. */
export function replayUsage(event: UsageEvent): void {
  enqueueUsage(event);
}

/** Writes every record buffered so far (the main thread's buffer, from either thread). */
export async function flushUsage(): Promise<void> {
  const host = hostBridge();
  if (host) await host.call("usage.flush");
  else await usageBuffer().flush();
}

/**
 * Before the process exits. In the console's thread: hands over what it posted (the main thread
 * writes it). In the main thread: writes the whole buffer (retrying a failing database for a while),
 * then closes the writer. Returns how many records could not be written.
 */
export async function drainUsage(): Promise<number> {
  // Each thread writes its own count of 401s (a few rows at most), in parallel with the records.
  const unauthenticated = Promise.all([drainUnauthenticated(), drainCaptures()]).catch((error: unknown) =>
    logger().error({ err: error }, "writing the count of unauthenticated requests or captured bodies failed"),
  );
  const host = hostBridge();
  if (host) {
    await unauthenticated;
    // Answered after every record this thread posted before it (one ordered port), and written.
    await host.call("usage.flush").catch((error: unknown) => logger().error({ err: error }, "the console's usage flush failed; the main thread's drain still writes what it received"));
    return 0;
  }
  const buffer = globalForUsage.tollgateUsageBuffer;
  await Promise.all([buffer?.shutdown(), unauthenticated]);
  await closeUsageWriter().catch((error: unknown) => logger().error({ err: error }, "closing the usage writer failed"));
  return buffer?.pending ?? 0;
}

/** What the main thread answers for the console's worker. */
export function usageHostHandlers(): Pick<HostHandlers, "usage.record" | "usage.flush" | "usage.ledger"> {
  return {
    "usage.record": (event) => usageBuffer().enqueue(event),
    "usage.flush": () => usageBuffer().flush(),
    "usage.ledger": () => ledgerStateOf(globalForUsage.tollgateUsageBuffer),
  };
}
