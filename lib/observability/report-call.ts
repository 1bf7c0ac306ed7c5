// Everything the operator sees of one finished call, from its usage event: the Prometheus series
// (lib/metrics/call-metrics.ts), the access-log line (access-log.ts) and the end of its trace
// (lib/tracing/call-traces.ts). recordUsage calls it once per call, in the thread that served it.
import { callMetrics } from "../metrics/call-metrics";
import { callTraces } from "../tracing/call-traces";
import type { UsageEvent } from "../usage/usage-event";
import { logAccess } from "./access-log";

export function reportCall(event: UsageEvent): void {
  callMetrics().observe(event);
  logAccess(event);
  callTraces()?.ended(event);
}
