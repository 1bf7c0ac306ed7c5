// The Health page's data: each deployment's state (the admin's, then the circuit breaker's verdict as
// the shared store holds it, the same one every replica applies), and its upstream attempts over the
// last hour from the usage ledger's per-deployment rollups (DeploymentStat, DeploymentLatency, written
// with the usage records: failed attempts retried elsewhere included), its calls in flight right now
// (in-flight-census.ts), plus the ejection history.
import { db } from "../db";
import { sharedStore } from "../store";
import { LATENCY_BUCKET_BOUNDS_MS, quantileFromBuckets } from "../usage/latency-buckets";
import { DEPLOYMENT_STAT_BUCKET_MS, deploymentBucketOf } from "../usage/deployment-stats";
import type { DeploymentHealth, DeploymentHealthQuery, Ejection, EjectionQuery } from "./health-schemas";
import { inFlightCensus } from "./in-flight-census";
import { readVerdicts } from "./shared-health";
import type { DeploymentAdminState } from "./types";

/** Rollup rows are kept a week, ejections a month; pruned by the first health read of each hour. */
const STATS_KEPT_MS = 7 * 24 * 3_600_000;
const EJECTIONS_KEPT_MS = 30 * 24 * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;
let prunedAt = 0;

async function pruneOldRows(now: number): Promise<void> {
  if (now - prunedAt < PRUNE_EVERY_MS) return;
  prunedAt = now;
  const statsBefore = new Date(now - STATS_KEPT_MS);
  await db().deploymentStat.deleteMany({ where: { bucket: { lt: statsBefore } } });
  await db().deploymentLatency.deleteMany({ where: { bucket: { lt: statsBefore } } });
  await db().deploymentEjection.deleteMany({ where: { ejectedAt: { lt: new Date(now - EJECTIONS_KEPT_MS) } } });
}

type Histogram = number[];
const emptyHistogram = (): Histogram => LATENCY_BUCKET_BOUNDS_MS.map(() => 0);
const round = (value: number | null) => (value === null ? null : Math.round(value));

export async function listDeploymentHealth(options: { orgId: string; query: DeploymentHealthQuery; now?: number }): Promise<DeploymentHealth[]> {
  const now = options.now ?? Date.now();
  const { query } = options;
  void pruneOldRows(now).catch(() => {});
  const since = new Date(deploymentBucketOf(new Date(now)).getTime() - (Math.ceil(query.windowMinutes * 60_000 / DEPLOYMENT_STAT_BUCKET_MS) - 1) * DEPLOYMENT_STAT_BUCKET_MS);
  const deployments = await db().deployment.findMany({
    where: { orgId: options.orgId, ...(query.model ? { model: { name: query.model } } : {}) },
    select: {
      id: true, modelId: true, upstreamModel: true, state: true, weight: true, priority: true, position: true,
      model: { select: { name: true } }, provider: { select: { id: true, name: true, kind: true } },
    },
  });
  deployments.sort((a, b) => a.model.name.localeCompare(b.model.name) || a.priority - b.priority || a.position - b.position);
  const ids = deployments.map((d) => d.id);
  if (ids.length === 0) return [];
  const window = { deploymentId: { in: ids }, bucket: { gte: since } };
  const [stats, latency, errors, verdicts, census] = await Promise.all([
    db().deploymentStat.groupBy({ by: ["deploymentId"], where: window, _sum: { calls: true, errors: true } }),
    db().deploymentLatency.groupBy({ by: ["deploymentId", "metric", "le"], where: window, _sum: { count: true } }),
    db().deploymentStat.findMany({ where: { ...window, lastErrorAt: { not: null } }, select: { deploymentId: true, lastError: true, lastErrorAt: true }, orderBy: { lastErrorAt: "desc" } }),
    readVerdicts(sharedStore(), ids),
    // Calls in flight are asked of every thread and replica meanwhile (a fixed short wait); without the store, none are known.
    inFlightCensus().count(ids).catch(() => null),
  ]);
  const counts = new Map(stats.map((s) => [s.deploymentId, { calls: s._sum.calls ?? 0, errors: s._sum.errors ?? 0 }]));
  const histograms = new Map<string, { latency: Histogram; ttft: Histogram }>();
  for (const row of latency) {
    let entry = histograms.get(row.deploymentId);
    if (!entry) histograms.set(row.deploymentId, (entry = { latency: emptyHistogram(), ttft: emptyHistogram() }));
    const histogram = row.metric === "ttft" ? entry.ttft : entry.latency;
    if (row.le >= 0 && row.le < histogram.length) histogram[row.le] += row._sum.count ?? 0;
  }
  const lastErrors = new Map<string, { lastError: string | null; lastErrorAt: Date | null }>();
  for (const row of errors) if (!lastErrors.has(row.deploymentId)) lastErrors.set(row.deploymentId, row);
  const verdictOf = new Map(verdicts.map((v) => [v.id, v]));

  return deployments.map((d) => {
    const { calls, errors: failed } = counts.get(d.id) ?? { calls: 0, errors: 0 };
    const histogram = histograms.get(d.id);
    const verdict = verdictOf.get(d.id);
    const adminState = d.state as DeploymentAdminState;
    let state: DeploymentHealth["state"] = adminState === "active" ? "healthy" : adminState;
    let ejectedUntil: string | null = null;
    if (adminState === "active" && verdict?.state === "open") {
      state = verdict.until > now ? "ejected" : "half-open";
      ejectedUntil = new Date(verdict.until).toISOString();
    }
    const last = lastErrors.get(d.id);
    return {
      id: d.id,
      model: d.model.name,
      modelId: d.modelId,
      provider: d.provider.name,
      providerId: d.provider.id,
      providerKind: d.provider.kind as DeploymentHealth["providerKind"],
      upstreamModel: d.upstreamModel,
      state,
      adminState,
      weight: d.weight,
      priority: d.priority,
      calls,
      inFlight: census?.counts.get(d.id) ?? 0,
      errors: failed,
      errorRate: calls > 0 ? failed / calls : 0,
      latencyP50Ms: histogram ? round(quantileFromBuckets(histogram.latency, 0.5)) : null,
      latencyP95Ms: histogram ? round(quantileFromBuckets(histogram.latency, 0.95)) : null,
      ttftP50Ms: histogram ? round(quantileFromBuckets(histogram.ttft, 0.5)) : null,
      ttftP95Ms: histogram ? round(quantileFromBuckets(histogram.ttft, 0.95)) : null,
      ejectedUntil,
      lastError: last?.lastError ?? verdict?.lastError ?? null,
      lastErrorAt: last?.lastErrorAt?.toISOString() ?? null,
      since: since.toISOString(),
    };
  });
}

export async function listEjections(options: { orgId: string; query: EjectionQuery }): Promise<{ data: Ejection[]; total: number }> {
  const { query } = options;
  const where = {
    orgId: options.orgId,
    ...(query.deploymentId ? { deploymentId: query.deploymentId } : {}),
    ...(query.model ? { model: query.model } : {}),
    ...(query.from ? { ejectedAt: { gte: query.from } } : {}),
  };
  const [rows, total] = await Promise.all([
    db().deploymentEjection.findMany({ where, orderBy: { ejectedAt: "desc" }, take: query.limit }),
    db().deploymentEjection.count({ where }),
  ]);
  return {
    data: rows.map((r) => ({
      id: r.id,
      deploymentId: r.deploymentId,
      model: r.model,
      provider: r.provider,
      ejectedAt: r.ejectedAt.toISOString(),
      until: r.until.toISOString(),
      reason: r.reason as Ejection["reason"],
      lastError: r.lastError,
    })),
    total,
  };
}
