// Runs evaluateAlerts every ALERT_EVALUATION_INTERVAL_MS (0 = never). Started once per process from
// instrumentation.ts, in the thread that runs Next.js (the console's worker in production); the
// timer lives on globalThis so another copy of lib/ in that thread finds it instead of starting a
// second one, and it is unref()ed so it never keeps a shutting-down thread alive. A pass still
// running when the next tick comes is not doubled.
import { env } from "../env";
import { logger } from "../logger";
import { evaluateAlerts } from "./evaluate-alerts";

interface EvaluatorSlot {
  timer: NodeJS.Timeout;
  running: Promise<void> | null;
}

const slot = globalThis as unknown as { tollgateAlertEvaluator?: EvaluatorSlot };

/** Starts the evaluation timer unless it runs already or is disabled; returns whether it is running. */
export function startAlertEvaluator(intervalMs = env().ALERT_EVALUATION_INTERVAL_MS): boolean {
  if (slot.tollgateAlertEvaluator) return true;
  if (intervalMs <= 0) {
    logger().info("alert evaluation is disabled (ALERT_EVALUATION_INTERVAL_MS=0)");
    return false;
  }
  const state: EvaluatorSlot = { timer: setInterval(() => tick(state), intervalMs), running: null };
  state.timer.unref();
  slot.tollgateAlertEvaluator = state;
  return true;
}

function tick(state: EvaluatorSlot): void {
  if (state.running) return;
  state.running = evaluateAlerts()
    .then(() => undefined)
    .catch((error: unknown) => logger().error({ err: error }, "alert evaluation failed"))
    .finally(() => {
      state.running = null;
    });
}

/** Stops the timer and waits for a pass in progress (tests, shutdown). */
export async function stopAlertEvaluator(): Promise<void> {
  const state = slot.tollgateAlertEvaluator;
  if (!state) return;
  slot.tollgateAlertEvaluator = undefined;
  clearInterval(state.timer);
  await state.running;
}
