// The retention job's metrics, in the registry of the thread that runs it (the console's, merged
// into /api/metrics with the main thread's).
import { Counter, Gauge } from "prom-client";
import { metrics } from "../../metrics/metrics";

interface RetentionMetrics {
  deleted: Counter;
  failures: Counter;
  lastSuccess: Gauge;
}

const slot = globalThis as unknown as { tollgateRetentionMetrics?: RetentionMetrics };

export function retentionMetrics(): RetentionMetrics {
  if (!slot.tollgateRetentionMetrics) {
    const registers = [metrics().registry];
    slot.tollgateRetentionMetrics = {
      deleted: new Counter({ name: "tollgate_usage_retention_deleted_total", help: "Raw usage records removed by the retention job (USAGE_RETENTION_DAYS).", registers }),
      failures: new Counter({ name: "tollgate_usage_retention_failures_total", help: "Retention runs that failed (the next run goes on where it stopped).", registers }),
      lastSuccess: new Gauge({ name: "tollgate_usage_retention_last_success_timestamp_seconds", help: "When the retention job last finished a run in this process (Unix time).", registers }),
    };
  }
  return slot.tollgateRetentionMetrics;
}
