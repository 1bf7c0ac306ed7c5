// What one batch of usage records adds to the per-deployment rollups the Health page reads
// (DeploymentStat, DeploymentLatency): every upstream attempt counts for its deployment, the failed
// ones a retry or fallback made up for included (they are in the record's attempt log). Pure, so
// both SQL writers apply the same arithmetic, next to usage-aggregate.ts.
import { latencyBucketOf } from "./latency-buckets";

/** One upstream attempt as a usage record's attempt log keeps it (lib/routing/types.ts AttemptRecord). */
export interface AttemptLine {
  deploymentId: string;
  model: string;
  status: number;
  errorType: string | null;
  upstreamStatus: number | null;
  latencyMs: number;
  ttftMs: number | null;
}

/** The parts of a usage event the deployment rollups read. */
export interface DeploymentStatEvent {
  orgId: string;
  model: string;
  status: number;
  errorType: string | null;
  latencyMs: number;
  ttftMs: number | null;
  createdAt: Date;
  refusal?: string | null;
  deploymentId?: string | null;
  attemptLog?: readonly AttemptLine[] | null;
}

/** Deployment rollups are kept in 5-minute buckets: "the last hour" is the last twelve of them. */
export const DEPLOYMENT_STAT_BUCKET_MS = 5 * 60_000;

export function deploymentBucketOf(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DEPLOYMENT_STAT_BUCKET_MS) * DEPLOYMENT_STAT_BUCKET_MS);
}

export interface DeploymentStatDelta {
  bucket: Date;
  deploymentId: string;
  orgId: string;
  calls: number;
  errors: number;
  latencySumMs: number;
  ttftCount: number;
  ttftSumMs: number;
  /** the bucket's latest failure ("503 upstream_server_error") and when it happened */
  lastError: string | null;
  lastErrorAt: Date | null;
}

export interface DeploymentLatencyDelta {
  bucket: Date;
  deploymentId: string;
  metric: "latency" | "ttft";
  le: number;
  count: number;
}

/** The deployment's own failures: rate limits and 5xx, timeouts, network errors (a client's 4xx is not one). */
export function isDeploymentError(status: number): boolean {
  return status === 429 || status >= 500;
}

const SEP = "\u0000";

function attemptsOf(e: DeploymentStatEvent): readonly AttemptLine[] {
  if (e.attemptLog && e.attemptLog.length > 0) return e.attemptLog;
  if (!e.deploymentId) return [];
  return [{ deploymentId: e.deploymentId, model: e.model, status: e.status, errorType: e.errorType, upstreamStatus: null, latencyMs: e.latencyMs, ttftMs: e.ttftMs }];
}

export function aggregateDeploymentStats(events: readonly DeploymentStatEvent[]): { stats: DeploymentStatDelta[]; latency: DeploymentLatencyDelta[] } {
  const stats = new Map<string, DeploymentStatDelta>();
  const latency = new Map<string, DeploymentLatencyDelta>();
  const count = (bucket: Date, deploymentId: string, metric: "latency" | "ttft", ms: number) => {
    const le = latencyBucketOf(ms);
    const id = [bucket.getTime(), deploymentId, metric, le].join(SEP);
    const cell = latency.get(id);
    if (cell) cell.count += 1;
    else latency.set(id, { bucket, deploymentId, metric, le, count: 1 });
  };
  for (const e of events) {
    if (e.refusal) continue;
    const bucket = deploymentBucketOf(e.createdAt);
    for (const attempt of attemptsOf(e)) {
      const id = `${bucket.getTime()}${SEP}${attempt.deploymentId}`;
      let group = stats.get(id);
      if (!group) {
        group = { bucket, deploymentId: attempt.deploymentId, orgId: e.orgId, calls: 0, errors: 0, latencySumMs: 0, ttftCount: 0, ttftSumMs: 0, lastError: null, lastErrorAt: null };
        stats.set(id, group);
      }
      group.calls += 1;
      group.latencySumMs += attempt.latencyMs;
      count(bucket, attempt.deploymentId, "latency", attempt.latencyMs);
      if (attempt.ttftMs !== null) {
        group.ttftCount += 1;
        group.ttftSumMs += attempt.ttftMs;
        count(bucket, attempt.deploymentId, "ttft", attempt.ttftMs);
      }
      if (isDeploymentError(attempt.status)) {
        group.errors += 1;
        if (group.lastErrorAt === null || group.lastErrorAt.getTime() <= e.createdAt.getTime()) {
          group.lastError = `${attempt.upstreamStatus ?? attempt.status} ${attempt.errorType ?? "error"}`.slice(0, 200);
          group.lastErrorAt = e.createdAt;
        }
      }
    }
  }
  // A fixed order, so concurrent writers on PostgreSQL lock rollup rows in the same order (no deadlock).
  const byKey = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return { stats: byKey(stats), latency: byKey(latency) };
}
