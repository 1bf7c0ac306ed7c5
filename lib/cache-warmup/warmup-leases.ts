// The runner's side of the job tables. Two rules keep a job in one process and every item sent at
// most once, across replicas and restarts:
//   - a job is run only by the holder of its lease (leaseOwner until leaseUntil), taken and renewed
//     with conditional updates; a lapsed lease (the process died) lets the next runner take over;
//   - an item is claimed by moving it from pending to running in one conditional update. An item a
//     dead runner had claimed is never claimed again: the runner that takes the job over marks it
//     interrupted (it may or may not have reached the upstream, so sending it again could pay twice).
import { randomUUID } from "node:crypto";
import { db } from "../db";
import type { WarmupRequestBody } from "./warmup-request";

export const OPEN_JOB_STATUSES = ["queued", "running", "interrupted"];

export interface LeasedJob {
  id: string;
  /** this lease's own id (runner id + a random part): the lease owner and the claimer of its items */
  leaseId: string;
  orgId: string;
  model: string;
  keyId: string | null;
  teamId: string | null;
  userId: string;
  concurrency: number;
}

export interface ClaimedItem {
  id: string;
  seq: number;
  request: WarmupRequestBody;
}

export interface ItemResult {
  status: "done" | "failed" | "interrupted" | "skipped";
  cache?: string | null;
  requestId?: string | null;
  inputTokens?: number;
  outputTokens?: number;
  costMicros?: bigint;
  latencyMs?: number | null;
  attempts: number;
  error?: string | null;
}

const unleased = (now: Date) => [{ leaseUntil: null }, { leaseUntil: { lt: now } }];

/**
 * Takes the lease of up to `limit` open jobs nobody holds, oldest first. Each lease has an id of its
 * own, so even this runner's earlier lease of the same job (a run that crashed) counts as another
 * claimer whose unfinished items are interrupted.
 */
export async function leaseOpenJobs(runnerId: string, leaseMs: number, limit: number, orgId?: string): Promise<LeasedJob[]> {
  const now = new Date();
  const candidates = await db().cacheWarmupJob.findMany({
    where: { status: { in: OPEN_JOB_STATUSES }, OR: unleased(now), ...(orgId ? { orgId } : {}) },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true, startedAt: true },
  });
  const leased: LeasedJob[] = [];
  for (const candidate of candidates) {
    const leaseId = `${runnerId}.${randomUUID().slice(0, 8)}`;
    const taken = await db().cacheWarmupJob.updateMany({
      where: { id: candidate.id, status: { in: OPEN_JOB_STATUSES }, OR: unleased(now) },
      data: { status: "running", leaseOwner: leaseId, leaseUntil: new Date(now.getTime() + leaseMs), startedAt: candidate.startedAt ?? now },
    });
    if (taken.count !== 1) continue; // another runner was faster
    const job = await db().cacheWarmupJob.findUniqueOrThrow({
      where: { id: candidate.id },
      select: { id: true, orgId: true, model: true, keyId: true, teamId: true, userId: true, concurrency: true },
    });
    await db().cacheWarmupItem.updateMany({
      where: { jobId: job.id, status: "running", NOT: { runnerId: leaseId } },
      data: { status: "interrupted", error: "Interrupted: the process running it stopped before the answer was recorded. Not sent again, so it is never paid twice.", finishedAt: now },
    });
    leased.push({ ...job, leaseId, userId: job.userId ?? "" });
  }
  return leased;
}

/** false when the lease is gone: the job was cancelled or another runner holds it now. */
export async function renewLease(jobId: string, leaseId: string, leaseMs: number): Promise<boolean> {
  const renewed = await db().cacheWarmupJob.updateMany({
    where: { id: jobId, leaseOwner: leaseId, status: "running" },
    data: { leaseUntil: new Date(Date.now() + leaseMs) },
  });
  return renewed.count === 1;
}

export async function claimNextItem(jobId: string, leaseId: string, afterSeq: number): Promise<ClaimedItem | null> {
  for (;;) {
    const next = await db().cacheWarmupItem.findFirst({
      where: { jobId, status: "pending", seq: { gt: afterSeq } },
      orderBy: { seq: "asc" },
      select: { id: true, seq: true, request: true },
    });
    if (!next) return null;
    const claimed = await db().cacheWarmupItem.updateMany({
      where: { id: next.id, status: "pending" },
      data: { status: "running", runnerId: leaseId, startedAt: new Date() },
    });
    if (claimed.count === 1) return { id: next.id, seq: next.seq, request: JSON.parse(next.request) as WarmupRequestBody };
    afterSeq = next.seq; // skipped by a cancel in between: look further
  }
}

/** Written only by the runner that claimed the item (a late answer after a takeover still lands). */
export async function recordItemResult(itemId: string, leaseId: string, result: ItemResult): Promise<void> {
  await db().cacheWarmupItem.updateMany({
    where: { id: itemId, runnerId: leaseId, status: { in: ["running", "interrupted"] } },
    data: {
      status: result.status,
      cache: result.cache ?? null,
      requestId: result.requestId ?? null,
      inputTokens: result.inputTokens ?? 0,
      outputTokens: result.outputTokens ?? 0,
      costMicros: result.costMicros ?? 0n,
      latencyMs: result.latencyMs ?? null,
      attempts: result.attempts,
      error: result.error ?? null,
      finishedAt: new Date(),
    },
  });
}

/** An item claimed but never sent (a shutdown came while it waited out a rate limit) goes back to the queue. */
export async function returnItem(itemId: string, leaseId: string): Promise<void> {
  await db().cacheWarmupItem.updateMany({ where: { id: itemId, runnerId: leaseId, status: "running" }, data: { status: "pending", runnerId: null, startedAt: null } });
}

export async function jobStatus(jobId: string): Promise<string | null> {
  return (await db().cacheWarmupJob.findUnique({ where: { id: jobId }, select: { status: true } }))?.status ?? null;
}

/** Ends a job this runner holds: done, or failed with the reason (its pending items are skipped). */
export async function finishJob(jobId: string, leaseId: string, outcome: { status: "done" } | { status: "failed"; error: string }): Promise<void> {
  const now = new Date();
  await db().$transaction(async (tx) => {
    const ended = await tx.cacheWarmupJob.updateMany({
      where: { id: jobId, leaseOwner: leaseId, status: "running" },
      data: { status: outcome.status, error: outcome.status === "failed" ? outcome.error : null, finishedAt: now, leaseOwner: null, leaseUntil: null },
    });
    if (ended.count === 1) await tx.cacheWarmupItem.updateMany({ where: { jobId, status: "pending" }, data: { status: "skipped", finishedAt: now } });
  });
}

/** Hands a job back at shutdown: interrupted, unleased, so the next runner (here or elsewhere) resumes it at once. */
export async function releaseJob(jobId: string, leaseId: string): Promise<void> {
  await db().cacheWarmupJob.updateMany({
    where: { id: jobId, leaseOwner: leaseId, status: "running" },
    data: { status: "interrupted", leaseOwner: null, leaseUntil: null },
  });
}
