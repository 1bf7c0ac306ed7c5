// The process's background job runners (cache warm-up, batches), one per name, kept on globalThis:
// Next.js bundles routes separately, and the console thread's shutdown code (lib/boot) is another
// copy of lib/ again; all of them must find the runner the first one started. Started from
// instrumentation.ts; stopped by the console thread's shutdown (scripts/next-worker.mjs) before it
// hands its last usage records to the main thread.
import { logger } from "../logger";

export interface RunnerLike {
  start(): void;
  wake(): void;
  stop(graceMs: number): Promise<void>;
}

const slot = globalThis as unknown as { tollgateJobRunners?: Map<string, RunnerLike> };

function runners(): Map<string, RunnerLike> {
  return (slot.tollgateJobRunners ??= new Map());
}

/**
 * Starts the runner `name` unless it runs already, or `pollIntervalMs` is 0 (this process runs none
 * of these jobs; `setting` names the variable for the log). Returns whether it runs.
 */
export function startRunner(name: string, pollIntervalMs: number, setting: string, create: () => RunnerLike): boolean {
  if (runners().has(name)) return true;
  if (pollIntervalMs <= 0) {
    logger().info(`${name} jobs are not run by this process (${setting}=0)`);
    return false;
  }
  const runner = create();
  runners().set(name, runner);
  runner.start();
  return true;
}

/** A job was just created: start on it now rather than at the next poll. */
export function wakeRunner(name: string): void {
  runners().get(name)?.wake();
}

/** Shutdown (and tests): waits up to `graceMs` for calls in flight, then hands unfinished jobs back. */
export async function stopRunner(name: string, graceMs: number): Promise<void> {
  const runner = runners().get(name);
  if (!runner) return;
  runners().delete(name);
  await runner.stop(graceMs);
}

/** Every runner of this process, side by side. */
export async function stopJobRunners(graceMs: number): Promise<void> {
  await Promise.all([...runners().keys()].map((name) => stopRunner(name, graceMs)));
}
