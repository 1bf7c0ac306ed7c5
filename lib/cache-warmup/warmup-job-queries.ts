// Reading warm-up jobs and their items for the API. Progress is counted from the items themselves
// (one grouped query), so it can never disagree with the per-item results.
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import type { ListResult } from "../http/list-query";
import { pageArgs } from "../http/list-query";
import { microsToDollars } from "../usage/money";
import type { WarmupItem, WarmupItemStatus, WarmupJob, WarmupJobStatus } from "./schemas";

const jobSelect = {
  id: true, orgId: true, model: true, keyId: true, teamId: true, userId: true, createdBy: true, concurrency: true,
  status: true, total: true, estimatedCostMicros: true, error: true, leaseUntil: true,
  createdAt: true, startedAt: true, finishedAt: true,
} as const;

type JobRow = {
  id: string; model: string; keyId: string | null; teamId: string | null; userId: string | null; createdBy: string;
  concurrency: number; status: string; total: number; estimatedCostMicros: bigint; error: string | null;
  leaseUntil: Date | null; createdAt: Date; startedAt: Date | null; finishedAt: Date | null;
};

interface Progress {
  counts: Partial<Record<WarmupItemStatus, number>>;
  hits: number;
  costMicros: bigint;
}

async function progressOf(jobIds: string[]): Promise<Map<string, Progress>> {
  const progress = new Map<string, Progress>(jobIds.map((id) => [id, { counts: {}, hits: 0, costMicros: 0n }]));
  if (jobIds.length === 0) return progress;
  const groups = await db().cacheWarmupItem.groupBy({
    by: ["jobId", "status", "cache"],
    where: { jobId: { in: jobIds } },
    _count: { _all: true },
    _sum: { costMicros: true },
  });
  for (const group of groups) {
    const entry = progress.get(group.jobId)!;
    const status = group.status as WarmupItemStatus;
    entry.counts[status] = (entry.counts[status] ?? 0) + group._count._all;
    if (status === "done" && (group.cache === "hit" || group.cache === "semantic-hit")) entry.hits += group._count._all;
    entry.costMicros += group._sum.costMicros ?? 0n;
  }
  return progress;
}

/** A running job whose lease lapsed has no process working on it: it shows as interrupted until one resumes it. */
export function effectiveStatus(status: string, leaseUntil: Date | null, now = Date.now()): WarmupJobStatus {
  if (status === "running" && (leaseUntil === null || leaseUntil.getTime() < now)) return "interrupted";
  return status as WarmupJobStatus;
}

function toWarmupJob(row: JobRow, progress: Progress): WarmupJob {
  const count = (status: WarmupItemStatus) => progress.counts[status] ?? 0;
  return {
    id: row.id,
    status: effectiveStatus(row.status, row.leaseUntil),
    total: row.total,
    done: count("done"),
    failed: count("failed") + count("interrupted"),
    cost: microsToDollars(progress.costMicros),
    model: row.model,
    keyId: row.keyId,
    teamId: row.teamId,
    userId: row.userId,
    concurrency: row.concurrency,
    pending: count("pending"),
    running: count("running"),
    skipped: count("skipped"),
    hits: progress.hits,
    estimatedCost: microsToDollars(row.estimatedCostMicros),
    error: row.error,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export async function getWarmupJobOrThrow(options: { orgId: string; id: string }): Promise<WarmupJob> {
  const row = await db().cacheWarmupJob.findFirst({ where: { id: options.id, orgId: options.orgId }, select: jobSelect });
  if (!row) throw new NotFoundError(`Warm-up job ${options.id} not found.`);
  return toWarmupJob(row, (await progressOf([row.id])).get(row.id)!);
}

export async function listWarmupJobs(options: { orgId: string; query: { page: number; pageSize: number } }): Promise<ListResult<WarmupJob>> {
  const where = { orgId: options.orgId };
  const [rows, total] = await Promise.all([
    db().cacheWarmupJob.findMany({ where, select: jobSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...pageArgs(options.query) }),
    db().cacheWarmupJob.count({ where }),
  ]);
  const progress = await progressOf(rows.map((row) => row.id));
  return { data: rows.map((row) => toWarmupJob(row, progress.get(row.id)!)), total };
}

export async function listWarmupItems(options: {
  orgId: string;
  jobId: string;
  query: { status?: WarmupItemStatus; page: number; pageSize: number };
}): Promise<ListResult<WarmupItem>> {
  const job = await db().cacheWarmupJob.findFirst({ where: { id: options.jobId, orgId: options.orgId }, select: { id: true } });
  if (!job) throw new NotFoundError(`Warm-up job ${options.jobId} not found.`);
  const where = { jobId: job.id, ...(options.query.status ? { status: options.query.status } : {}) };
  const [rows, total] = await Promise.all([
    db().cacheWarmupItem.findMany({ where, orderBy: { seq: "asc" }, ...pageArgs(options.query) }),
    db().cacheWarmupItem.count({ where }),
  ]);
  return {
    data: rows.map((row) => ({
      seq: row.seq,
      line: row.line,
      prompt: row.preview,
      status: row.status as WarmupItemStatus,
      cache: row.cache,
      requestId: row.requestId,
      inputTokens: row.inputTokens,
      outputTokens: row.outputTokens,
      cost: microsToDollars(row.costMicros),
      latencyMs: row.latencyMs,
      attempts: row.attempts,
      error: row.error,
    })),
    total,
  };
}
