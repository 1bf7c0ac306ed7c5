// The value of a spend / error_rate / latency_p95 rule over one window bucket. Windows up to 24h
// read the usage records (indexed by createdAt and by keyId/userId/teamId + createdAt): one or two
// queries returning a single row, a few ms at 100k records. Longer windows would scan a month of
// records (50–150 ms per rule at 100k, growing with traffic), so they read the hourly rollups
// instead — exact, since every bucket of 24h or more starts on the hour. See docs/alerts.md.
import type { DbClient } from "../db";
import { db } from "../db";
import { quantileFromBuckets } from "../usage/latency-buckets";
import { microsToDollars } from "../usage/money";
import type { AlertScope, AlertWindow } from "./alert-kinds";
import { WINDOW_MS } from "./windows";

export type WindowMetric = "spend" | "error_rate" | "latency_p95";

export interface WindowMeasurement {
  /** dollars, a fraction, or milliseconds; null when the bucket has no calls */
  value: number | null;
  calls: number;
  /** error_rate only: calls answered with a status >= 400 */
  errors?: number;
}

const RECORDS_UP_TO_MS = WINDOW_MS["24h"];

function scopeWhere(scope: AlertScope, scopeId: string): Record<string, string> {
  if (scope === "key") return { keyId: scopeId };
  if (scope === "user") return { userId: scopeId };
  if (scope === "team") return { teamId: scopeId };
  return {};
}

interface MeasureOptions {
  orgId: string;
  scope: AlertScope;
  scopeId: string;
  metric: WindowMetric;
  window: AlertWindow;
  from: Date;
  to: Date;
  client?: DbClient;
}

export function measureWindow(options: MeasureOptions): Promise<WindowMeasurement> {
  if (WINDOW_MS[options.window] <= RECORDS_UP_TO_MS) return measureFromRecords(options);
  // Latency histograms are rolled up per model only, so a key/user/team p95 needs the records.
  if (options.metric === "latency_p95" && options.scope !== "org") return measureFromRecords(options);
  return measureFromRollups(options);
}

async function measureFromRecords(options: MeasureOptions): Promise<WindowMeasurement> {
  const client = options.client ?? db();
  const where = { orgId: options.orgId, ...scopeWhere(options.scope, options.scopeId), createdAt: { gte: options.from, lt: options.to } };

  if (options.metric === "spend") {
    const total = await client.usageRecord.aggregate({ where, _count: { _all: true }, _sum: { costMicros: true } });
    return { value: total._count._all ? microsToDollars(total._sum.costMicros ?? 0n) : null, calls: total._count._all };
  }

  if (options.metric === "error_rate") {
    const [calls, errors] = await Promise.all([
      client.usageRecord.count({ where }),
      client.usageRecord.count({ where: { ...where, status: { gte: 400 } } }),
    ]);
    return { value: calls ? errors / calls : null, calls, errors };
  }

  // p95 by nearest rank: the latency at position ceil(0.95·n) of the sorted calls. The database
  // sorts and returns one row, so no latency list ever crosses the wire.
  const calls = await client.usageRecord.count({ where });
  if (calls === 0) return { value: null, calls };
  const rank = Math.ceil(0.95 * calls) - 1;
  const row = await client.usageRecord.findFirst({ where, orderBy: { latencyMs: "asc" }, skip: rank, select: { latencyMs: true } });
  return { value: row?.latencyMs ?? null, calls };
}

async function measureFromRollups(options: MeasureOptions): Promise<WindowMeasurement> {
  const client = options.client ?? db();
  const hour = { gte: options.from, lt: options.to };
  if (options.metric === "latency_p95") {
    const groups = await client.latencyRollup.groupBy({ by: ["bucket"], where: { orgId: options.orgId, hour }, _sum: { count: true } });
    const counts = new Map(groups.map((g) => [g.bucket, g._sum.count ?? 0]));
    const calls = [...counts.values()].reduce((sum, count) => sum + count, 0);
    // Interpolated inside the histogram bucket, as the dashboard's p95 is.
    return { value: quantileFromBuckets(counts, 0.95), calls };
  }
  const total = await client.usageRollup.aggregate({
    where: { orgId: options.orgId, ...scopeWhere(options.scope, options.scopeId), hour },
    _sum: { calls: true, errors: true, costMicros: true },
  });
  const calls = total._sum.calls ?? 0;
  if (options.metric === "spend") return { value: calls ? microsToDollars(total._sum.costMicros ?? 0n) : null, calls };
  const errors = total._sum.errors ?? 0;
  return { value: calls ? errors / calls : null, calls, errors };
}
