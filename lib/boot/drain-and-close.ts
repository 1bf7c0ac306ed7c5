// The last step of a graceful shutdown, once the HTTP server has nothing in flight: put away what
// this thread owns, in order. scripts/server.mjs runs it in the main thread (from the server
// bundle), scripts/next-worker.mjs in the console's thread (from the console-thread bundle); each
// copy of lib/ in a thread reaches the same instances (they live on globalThis slots).
import { flushCacheState } from "../cache/flush-cache";
import { disconnectDb } from "../db";
import { closeSharedStore } from "../store";
import { drainUsage } from "../usage/usage-recorder";
import { stopJobRunners } from "../jobs/runner-slots";
import { shutdownTracing } from "../tracing/tracer";

const RUNNER_GRACE_MS = 10_000;

export interface DrainReport {
  /** usage records that could not be written (the main thread; 0 in the console's thread) */
  unwritten: number;
}

/**
 * Usage first (the main thread writes its buffer and closes the writer; the console's thread hands
 * its records over) with the response cache's pending writes, then the shared store and the
 * database, which both may still need.
 */
export async function drainAndClose(): Promise<DrainReport> {
  // Background job runners (warm-up, batches) first: their last calls record usage. In the console's
  // thread scripts/next-worker.mjs has stopped them already; this covers `npm run dev`.
  await stopJobRunners(RUNNER_GRACE_MS);
  const [unwritten] = await Promise.all([drainUsage(), flushCacheState()]);
  // The spans of the last calls are exported (OpenTelemetry's batch) before the process exits.
  await Promise.allSettled([closeSharedStore(), disconnectDb(), shutdownTracing()]);
  return { unwritten };
}
