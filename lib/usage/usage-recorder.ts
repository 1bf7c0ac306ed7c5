// The process-wide usage buffer, created on first use and drained by the server's shutdown hook.
import { env } from "../env";
import { logger } from "../logger";
import { metrics } from "../metrics/metrics";
import { UsageBuffer } from "./usage-buffer";
import type { UsageEvent } from "./usage-event";
import { writeUsageBatch } from "./write-usage-batch";

const globalForUsage = globalThis as unknown as { tollgateUsageBuffer?: UsageBuffer };

export function usageBuffer(): UsageBuffer {
  if (!globalForUsage.tollgateUsageBuffer) {
    const config = env();
    globalForUsage.tollgateUsageBuffer = new UsageBuffer(writeUsageBatch, {
      flushSize: config.USAGE_FLUSH_SIZE,
      flushIntervalMs: config.USAGE_FLUSH_INTERVAL_MS,
      onError: (error, pending) => {
        metrics().usageWriteFailures.inc();
        logger().error({ err: error, pending }, "usage write failed; will retry (records are kept in memory)");
      },
    });
  }
  return globalForUsage.tollgateUsageBuffer;
}

export function recordUsage(event: UsageEvent): void {
  usageBuffer().enqueue(event);
}
