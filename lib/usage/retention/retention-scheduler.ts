// Runs the usage retention on a schedule when USAGE_RETENTION_DAYS is set: once per interval per
// cluster. Every process looks every few minutes; the first to look in an interval takes it (an
// atomic counter in the shared store, Redis or in-process), and a run still going on (a marker
// renewed while it works) makes the others wait for the next interval. Started from
// instrumentation.ts, in the console's thread: the deletes never run on the proxy's event loop.
import { env } from "../../env";
import { logger } from "../../logger";
import { sharedStore } from "../../store";
import { runUsageRetention } from "./run-retention";

const RUNNING_KEY = "usage-retention:running";
const RUNNING_TTL_MS = 120_000;
const FIRST_LOOK_MS = 30_000;
const LOOK_EVERY_MS = 5 * 60_000;

const slot = globalThis as unknown as { tollgateRetention?: { timer: NodeJS.Timeout; running: boolean } };

/** One look: runs the retention if this process is the first of the cluster in this interval. Returns whether it ran. */
export async function runRetentionIfDue(now = Date.now()): Promise<boolean> {
  const { USAGE_RETENTION_DAYS: days, USAGE_RETENTION_INTERVAL_MS: intervalMs } = env();
  if (!days) return false;
  const store = sharedStore();
  const { count } = await store.incrementWindow(`usage-retention:${Math.floor(now / intervalMs)}`, intervalMs);
  if (count !== 1 || (await store.get(RUNNING_KEY))) return false;
  await store.set(RUNNING_KEY, String(process.pid), RUNNING_TTL_MS);
  const renew = setInterval(() => void store.set(RUNNING_KEY, String(process.pid), RUNNING_TTL_MS).catch(() => {}), RUNNING_TTL_MS / 3);
  renew.unref();
  try {
    await runUsageRetention({ days });
    return true;
  } finally {
    clearInterval(renew);
    await store.delete(RUNNING_KEY).catch(() => {});
  }
}

export function startUsageRetention(): void {
  const { USAGE_RETENTION_DAYS: days, USAGE_RETENTION_INTERVAL_MS: intervalMs } = env();
  if (!days || slot.tollgateRetention) return;
  const state = { timer: setTimeout(() => {}, 0), running: false };
  const look = () => {
    if (state.running) return;
    state.running = true;
    runRetentionIfDue()
      .catch((error: unknown) => logger().warn({ err: error }, "usage retention could not start; will look again"))
      .finally(() => {
        state.running = false;
      });
  };
  state.timer = setTimeout(() => {
    look();
    state.timer = setInterval(look, Math.min(intervalMs, LOOK_EVERY_MS));
    state.timer.unref();
  }, FIRST_LOOK_MS);
  state.timer.unref();
  slot.tollgateRetention = state;
  logger().info({ days, intervalMs }, "usage retention on: raw usage records older than USAGE_RETENTION_DAYS are removed");
}
