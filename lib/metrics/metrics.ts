// The thread-wide Prometheus registry and every Tollgate metric, created on first use.
// They live on a globalThis slot because one thread may hold several copies of lib/ (the Next.js
// build bundles it per entry): they must all count into one registry, and a second registry (or a
// second collectDefaultMetrics) would split or duplicate the series. Callers only use the objects'
// methods (`inc`, `set`, `labels`), never `instanceof`, so which copy of prom-client built them does
// not matter.
// In production the console runs in a worker thread (lib/boot/host-bridge.ts) with a registry of
// its own (alert deliveries, the playground's requests); /api/metrics, served there, adds the main
// thread's registry to it. The process metrics (CPU, memory, event loop) are collected by the main
// thread only, so they are not counted twice.
// This module imports nothing but prom-client and the bridge, so the gateway's hot path may use it.
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Registry } from "prom-client";
import { hostBridge } from "../boot/host-bridge";
import type { HostHandlers } from "../boot/host-methods";
import { TallyCounter } from "./tally-metrics";

export interface TollgateMetrics {
  registry: Registry;
  /** every proxy answer; endpoint = "chat.completions" | "embeddings" | "models" | "messages" | "messages.count_tokens" | "tokens.count" | "me", status = HTTP status */
  gatewayRequests: TallyCounter<"endpoint" | "status">;
  /** calls refused by a quota; scope = user|team|key, period = daily|monthly|total, kind = calls|tokens|cost */
  quotaRejections: Counter<"scope" | "period" | "kind">;
  /** calls refused by a rate limit; scope = user|team|key, kind = rpm|tpm */
  rateLimitRejections: Counter<"scope" | "kind">;
  /** decisions taken without the shared store because Redis was unreachable */
  storeFallbacks: Counter<"subsystem" | "policy">;
  /** usage records waiting in this process's buffer (read at scrape time) */
  usagePending: Gauge;
  /** failed usage batch writes (each is retried; records stay in memory or the journal) */
  usageWriteFailures: Counter;
  /** usage records in the local journal, waiting for the database (read at scrape time) */
  usageJournalRecords: Gauge;
  /** 0 = ok, 1 = degraded (records wait in memory or the journal), 2 = failing (records are dropped) */
  usageLedgerState: Gauge;
  /** usage records dropped because neither the database nor the journal could take them */
  usageDroppedRecords: Counter;
  /** alert notifications sent; channel = email|webhook|…, status = sent|failed */
  alertDeliveries: Counter<"channel" | "status">;
  /** token counts (lib/tokens); path = inline|thread|bound, outcome = exact|approximate|partial or, for bound, why */
  tokenCounts: Counter<"path" | "outcome">;
  /** proxy requests refused with 401; reason = missing_api_key | invalid_api_key | expired_api_key */
  unauthenticatedRequests: Counter<"reason">;
}

export type StoreFallbackSubsystem = "quota" | "rate_limit";
export type StoreFallbackPolicy = "fail_open" | "fail_closed" | "local";

const slot = globalThis as unknown as {
  tollgateMetrics?: TollgateMetrics;
  tollgateUsageBuffer?: { pending?: number; journaled?: number; dropped?: number; health?: string };
  /** lib/tokens/token-counting.ts: counts by "path outcome" */
  tollgateTokenCountTallies?: Record<string, number>;
  /** lib/usage/unauthenticated-tally.ts: 401s by reason since the thread started */
  tollgateUnauthenticated?: { totals: Record<string, number> };
};

function createMetrics(): TollgateMetrics {
  const registry = new Registry();
  if (!hostBridge()) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    // Counted on every proxy answer: a tally (lib/metrics/tally-metrics.ts), not prom-client's label hashing.
    gatewayRequests: new TallyCounter({
      name: "tollgate_gateway_requests_total",
      help: "Proxy requests answered, by endpoint and HTTP status.",
      labelNames: ["endpoint", "status"] as const,
      registry,
    }),
    quotaRejections: new Counter({
      name: "tollgate_quota_rejections_total",
      help: "Proxy requests refused because a quota was exhausted.",
      labelNames: ["scope", "period", "kind"] as const,
      registers,
    }),
    rateLimitRejections: new Counter({
      name: "tollgate_rate_limit_rejections_total",
      help: "Proxy requests refused by a rate limit.",
      labelNames: ["scope", "kind"] as const,
      registers,
    }),
    storeFallbacks: new Counter({
      name: "tollgate_store_fallbacks_total",
      help: "Admission decisions taken without the shared store (Redis unreachable), by subsystem and policy.",
      labelNames: ["subsystem", "policy"] as const,
      registers,
    }),
    usagePending: new Gauge({
      name: "tollgate_usage_pending_records",
      help: "Usage records buffered in memory and not yet written to the database.",
      registers,
      // Read at scrape time so the buffer needs no knowledge of metrics.
      collect() {
        this.set(slot.tollgateUsageBuffer?.pending ?? 0);
      },
    }),
    usageWriteFailures: new Counter({
      name: "tollgate_usage_write_failures_total",
      help: "Failed usage batch writes (the batch is kept and retried).",
      registers,
    }),
    usageJournalRecords: new Gauge({
      name: "tollgate_usage_journal_records",
      help: "Usage records in the local journal (written there while the database could not take them), not yet replayed.",
      registers,
      collect() {
        this.set(slot.tollgateUsageBuffer?.journaled ?? 0);
      },
    }),
    usageLedgerState: new Gauge({
      name: "tollgate_usage_ledger_state",
      help: "The usage ledger: 0 = ok, 1 = degraded (records wait in memory or the journal; none lost), 2 = failing (records are being dropped).",
      registers,
      collect() {
        const health = slot.tollgateUsageBuffer?.health;
        this.set(health === "failing" ? 2 : health === "degraded" ? 1 : 0);
      },
    }),
    usageDroppedRecords: new Counter({
      name: "tollgate_usage_dropped_records_total",
      help: "Usage records dropped because neither the database nor the local journal could take them.",
      registers,
      collect() {
        this.reset();
        const dropped = slot.tollgateUsageBuffer?.dropped ?? 0;
        if (dropped > 0) this.inc(dropped);
      },
    }),
    alertDeliveries: new Counter({
      name: "tollgate_alert_deliveries_total",
      help: "Alert notifications attempted, by channel and outcome.",
      labelNames: ["channel", "status"] as const,
      registers,
    }),
    tokenCounts: new Counter({
      name: "tollgate_token_counts_total",
      help: "Prompt and completion token counts, by where they ran (inline, thread) or whether an upper bound stood in (bound), and their outcome.",
      labelNames: ["path", "outcome"] as const,
      registers,
      // Read at scrape time: the counter keeps plain tallies (an increment per governed call).
      collect() {
        this.reset();
        for (const [key, count] of Object.entries(slot.tollgateTokenCountTallies ?? {})) {
          const [path, outcome] = key.split(" ");
          this.inc({ path, outcome }, count);
        }
      },
    }),
    unauthenticatedRequests: new Counter({
      name: "tollgate_gateway_unauthenticated_total",
      help: "Proxy requests refused with 401, by reason (missing_api_key, invalid_api_key, expired_api_key). Not stored one by one; the per-day figure is in the database.",
      labelNames: ["reason"] as const,
      registers,
      // Read at scrape time: a flood of bad keys costs a property increment each, not a label hash.
      collect() {
        this.reset();
        for (const [reason, count] of Object.entries(slot.tollgateUnauthenticated?.totals ?? {})) if (count > 0) this.inc({ reason }, count);
      },
    }),
  };
}

/** The process-wide metrics; the first call creates the registry (with default process metrics). */
export function metrics(): TollgateMetrics {
  slot.tollgateMetrics ??= createMetrics();
  return slot.tollgateMetrics;
}

/** The Prometheus text of the whole process: this thread's registry, plus the main thread's when this is the console's worker. */
export async function exposeMetrics(): Promise<{ text: string; contentType: string }> {
  const { registry } = metrics();
  const host = hostBridge();
  if (!host) return { text: await registry.metrics(), contentType: registry.contentType };
  const [main, own] = await Promise.all([host.call("metrics.json"), registry.getMetricsAsJSON()]);
  return { text: await AggregatorRegistry.aggregate([main, own]).metrics(), contentType: registry.contentType };
}

/** What the main thread answers for the console's worker. */
export function metricsHostHandlers(): Pick<HostHandlers, "metrics.json"> {
  return { "metrics.json": () => metrics().registry.getMetricsAsJSON() };
}
