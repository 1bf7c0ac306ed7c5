// The process's one warm-up runner, kept on globalThis so another copy of lib/ in the same thread
// (Next.js bundles routes separately) finds it instead of starting a second one. Started from
// instrumentation.ts in the console's thread; scripts/next-worker.mjs stops it at shutdown before
// the console hands its last usage records to the main thread.
import { env } from "../env";
import { logger } from "../logger";
import { WarmupRunner } from "./warmup-runner";

const slot = globalThis as unknown as { tollgateWarmupRunner?: WarmupRunner };

/** Starts the runner unless it runs already or CACHE_WARMUP_POLL_INTERVAL_MS=0; returns whether it runs. */
export function startWarmupRunner(pollIntervalMs = env().CACHE_WARMUP_POLL_INTERVAL_MS): boolean {
  if (slot.tollgateWarmupRunner) return true;
  if (pollIntervalMs <= 0) {
    logger().info("cache warm-up jobs are not run by this process (CACHE_WARMUP_POLL_INTERVAL_MS=0)");
    return false;
  }
  const runner = new WarmupRunner({ pollIntervalMs });
  slot.tollgateWarmupRunner = runner;
  runner.start();
  return true;
}

/** A job was just created: start on it now rather than at the next poll. */
export function wakeWarmupRunner(): void {
  slot.tollgateWarmupRunner?.wake();
}

/** Shutdown (and tests): waits up to `graceMs` for calls in flight, then hands unfinished jobs back. */
export async function stopWarmupRunner(graceMs: number): Promise<void> {
  const runner = slot.tollgateWarmupRunner;
  if (!runner) return;
  slot.tollgateWarmupRunner = undefined;
  await runner.stop(graceMs);
}
