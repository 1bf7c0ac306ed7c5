// Retention: captured bodies past their expiresAt are deleted in batches, every few minutes, by one
// process of the cluster at a time (a lock in the shared store). Started by the first proxied call
// of a process, so it runs wherever the proxy runs, capture on or off (bodies outlive the setting).
import { db } from "../db";
import { logger } from "../logger";
import { sharedStore } from "../store";

const SWEEP_EVERY_MS = 5 * 60_000;
const BATCH = 500;

/** Deletes expired captures, BATCH rows per statement; returns how many went. */
export async function sweepCaptures(now = new Date()): Promise<number> {
  let deleted = 0;
  for (;;) {
    const rows = await db().capturedBody.findMany({ where: { expiresAt: { lte: now } }, select: { requestId: true }, take: BATCH });
    if (rows.length === 0) return deleted;
    deleted += (await db().capturedBody.deleteMany({ where: { requestId: { in: rows.map((r) => r.requestId) } } })).count;
    if (rows.length < BATCH) return deleted;
  }
}

const slot = globalThis as unknown as { tollgateCaptureSweeper?: NodeJS.Timeout };

export function startCaptureSweeper(): void {
  if (slot.tollgateCaptureSweeper) return;
  slot.tollgateCaptureSweeper = setInterval(() => {
    void (async () => {
      const { count } = await sharedStore().incrementWindow("capture-sweep-lock", SWEEP_EVERY_MS - 5_000);
      if (count !== 1) return;
      const deleted = await sweepCaptures();
      if (deleted > 0) logger().info({ deleted }, "deleted captured bodies past their retention");
    })().catch((error) => logger().warn({ err: error }, "could not delete expired captured bodies; will try again"));
  }, SWEEP_EVERY_MS);
  slot.tollgateCaptureSweeper.unref();
}
