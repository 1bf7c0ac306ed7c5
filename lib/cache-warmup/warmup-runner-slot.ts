// The process's one warm-up runner, in the shared runner slots (lib/jobs/runner-slots.ts) so another
// copy of lib/ in the same thread finds it instead of starting a second one. Started from
// instrumentation.ts in the console's thread; stopped with the other job runners at shutdown
// (scripts/next-worker.mjs) before the console hands its last usage records to the main thread.
import { env } from "../env";
import { startRunner, stopRunner, wakeRunner } from "../jobs/runner-slots";
import { WarmupRunner } from "./warmup-runner";

const NAME = "cache warm-up";

/** Starts the runner unless it runs already or CACHE_WARMUP_POLL_INTERVAL_MS=0; returns whether it runs. */
export function startWarmupRunner(pollIntervalMs = env().CACHE_WARMUP_POLL_INTERVAL_MS): boolean {
  return startRunner(NAME, pollIntervalMs, "CACHE_WARMUP_POLL_INTERVAL_MS", () => new WarmupRunner({ pollIntervalMs }));
}

/** A job was just created: start on it now rather than at the next poll. */
export function wakeWarmupRunner(): void {
  wakeRunner(NAME);
}

/** Shutdown (and tests): waits up to `graceMs` for calls in flight, then hands unfinished jobs back. */
export async function stopWarmupRunner(graceMs: number): Promise<void> {
  await stopRunner(NAME, graceMs);
}
