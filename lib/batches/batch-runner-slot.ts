// The process's one batch runner, in the shared runner slots (lib/jobs/runner-slots.ts). Started from
// instrumentation.ts in the console's thread; stopped with the other job runners at shutdown.
import { env } from "../env";
import { startRunner, wakeRunner } from "../jobs/runner-slots";
import { BatchRunner } from "./batch-runner";

const NAME = "batches";

/** Starts the runner unless it runs already or BATCH_POLL_INTERVAL_MS=0; returns whether it runs. */
export function startBatchRunner(pollIntervalMs = env().BATCH_POLL_INTERVAL_MS): boolean {
  return startRunner(NAME, pollIntervalMs, "BATCH_POLL_INTERVAL_MS", () => new BatchRunner({ pollIntervalMs }));
}

/** A batch was created or cancelled in this thread: look now rather than at the next poll. */
export function wakeBatchRunner(): void {
  wakeRunner(NAME);
}
