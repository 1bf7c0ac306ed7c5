// Prometheus series of cache warm-up, registered in the thread's registry (lib/metrics) by the
// runner, which lives in the console's thread (warmup-runner-slot.ts):
//   tollgate_cache_warmup_items_total{result}  items that got a result; result = answered (sent
//                                              upstream, answer stored) | hit (already in the cache,
//                                              nothing spent) | failed | skipped | interrupted
//   tollgate_cache_warmup_jobs{state}          jobs in the database by state (queued, running, done,
//                                              failed, cancelled, interrupted), read at scrape time
// Labels are fixed lists (no model or job id), so the series stay few whatever runs.
// Like every metric, on a globalThis slot: each copy of lib/ in a thread counts into one set.
import { Counter, Gauge } from "prom-client";
import { db } from "../db";
import { logger } from "../logger";
import { metrics } from "../metrics/metrics";
import { WARMUP_JOB_STATUSES } from "./schemas";
import type { ItemResult } from "./warmup-leases";

export type WarmupItemMetricResult = "answered" | "hit" | "failed" | "skipped" | "interrupted";

/** The series' name for a recorded item result: a done item answered from the cache is a hit. */
export function itemMetricResult(result: Pick<ItemResult, "status" | "cache">): WarmupItemMetricResult {
  if (result.status !== "done") return result.status;
  return result.cache === "hit" || result.cache === "semantic-hit" ? "hit" : "answered";
}

async function jobsByState(): Promise<Map<string, number>> {
  const groups = await db().cacheWarmupJob.groupBy({ by: ["status"], _count: { _all: true } });
  return new Map(groups.map((group) => [group.status, group._count._all]));
}

class WarmupMetrics {
  private readonly items: Counter<"result">;

  constructor() {
    const registers = [metrics().registry];
    this.items = new Counter({
      name: "tollgate_cache_warmup_items_total",
      help: "Cache warm-up items that got a result: answered (sent upstream), hit (already cached), failed, skipped or interrupted.",
      labelNames: ["result"] as const,
      registers,
    });
    new Gauge({
      name: "tollgate_cache_warmup_jobs",
      help: "Cache warm-up jobs in the database, by state (read at scrape time).",
      labelNames: ["state"] as const,
      registers,
      async collect() {
        // A scrape still answers when the database does not: the series keep their last values.
        const counts = await jobsByState().catch((error) => {
          logger().warn({ err: error }, "could not count cache warm-up jobs for /api/metrics");
          return null;
        });
        if (counts) for (const state of WARMUP_JOB_STATUSES) this.set({ state }, counts.get(state) ?? 0);
      },
    });
  }

  itemRecorded(result: Pick<ItemResult, "status" | "cache">): void {
    this.items.inc({ result: itemMetricResult(result) });
  }
}

const slot = globalThis as unknown as { tollgateWarmupMetrics?: WarmupMetrics };

export function warmupMetrics(): WarmupMetrics {
  slot.tollgateWarmupMetrics ??= new WarmupMetrics();
  return slot.tollgateWarmupMetrics;
}
