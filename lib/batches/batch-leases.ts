// The runner's side of the batch tables, on the same two rules as the warm-up runner's
// (lib/cache-warmup/warmup-leases.ts) so no line is sent twice and none is lost:
//   - a batch is run only by the holder of its lease (leaseOwner until leaseUntil), taken and renewed
//     with conditional updates; a lapsed lease (the process died) lets the next runner take over;
//   - a line is claimed by moving it from pending to running in one conditional update, with the
//     request id of its call. A line a dead runner had claimed is never claimed again: the runner that
//     takes the batch over marks it interrupted (it may or may not have reached the upstream, so
//     sending it again could pay twice) and reports it in the error file.
import { randomUUID } from "node:crypto";
import { db } from "../db";
import { newRequestId } from "../gateway/respond";
import { failedLine } from "../files/result-lines";
import type { BatchEndpoint } from "./schemas";

/** Statuses a runner works on: the rest are final. */
export const OPEN_STATUSES = ["validating", "in_progress", "finalizing", "cancelling"];

export interface LeasedBatch {
  id: string;
  leaseId: string;
  orgId: string;
  userId: string;
  keyId: string;
  teamId: string | null;
  endpoint: BatchEndpoint;
  inputFileId: string;
  status: string;
  concurrency: number;
  expiresAt: Date;
}

export interface ClaimedLine {
  id: string;
  seq: number;
  line: number;
  customId: string | null;
  body: string;
  requestId: string;
}

const unleased = (now: Date) => [{ leaseUntil: null }, { leaseUntil: { lt: now } }];

const leasedSelect = { id: true, orgId: true, userId: true, keyId: true, teamId: true, endpoint: true, inputFileId: true, status: true, concurrency: true, expiresAt: true } as const;

/** Takes the lease of one batch nobody holds; null when another runner was faster or it has ended. */
export async function leaseBatch(batchId: string, runnerId: string, leaseMs: number): Promise<LeasedBatch | null> {
  const now = new Date();
  const leaseId = `${runnerId}.${randomUUID().slice(0, 8)}`;
  const taken = await db().batch.updateMany({
    where: { id: batchId, status: { in: OPEN_STATUSES }, OR: unleased(now) },
    data: { leaseOwner: leaseId, leaseUntil: new Date(now.getTime() + leaseMs) },
  });
  if (taken.count !== 1) return null;
  const batch = await db().batch.findUniqueOrThrow({ where: { id: batchId }, select: leasedSelect });
  await interruptOrphanedLines(batchId, leaseId, now);
  return { ...batch, endpoint: batch.endpoint as BatchEndpoint, leaseId };
}

/** Takes the lease of up to `limit` open batches nobody holds, oldest first. */
export async function leaseOpenBatches(runnerId: string, leaseMs: number, limit: number, orgId?: string): Promise<LeasedBatch[]> {
  const candidates = await db().batch.findMany({
    where: { status: { in: OPEN_STATUSES }, OR: unleased(new Date()), ...(orgId ? { orgId } : {}) },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true },
  });
  const leased: LeasedBatch[] = [];
  for (const candidate of candidates) {
    const batch = await leaseBatch(candidate.id, runnerId, leaseMs);
    if (batch) leased.push(batch);
  }
  return leased;
}

const ORPHAN_MESSAGE = "Interrupted: the process running this request stopped before its answer was recorded. It was not sent again, so it is never paid twice.";
const ORPHAN_CHARGED = "Interrupted: the upstream answered and the call was charged, but the process running the batch stopped before the answer was recorded. It was not sent again.";

/** Lines claimed under another lease (a runner that died) are reported as interrupted, never sent again. */
async function interruptOrphanedLines(batchId: string, leaseId: string, now: Date): Promise<void> {
  const orphans = await db().batchLine.findMany({
    where: { batchId, status: "running", NOT: { runnerId: leaseId } },
    select: { id: true, customId: true, requestId: true, runnerId: true },
  });
  if (orphans.length === 0) return;
  const charged = new Set(
    (await db().usageRecord.findMany({ where: { requestId: { in: orphans.flatMap((o) => (o.requestId ? [o.requestId] : [])) }, status: { lt: 400 } }, select: { requestId: true } })).map((r) => r.requestId),
  );
  for (const orphan of orphans) {
    const message = orphan.requestId && charged.has(orphan.requestId) ? ORPHAN_CHARGED : ORPHAN_MESSAGE;
    await db().batchLine.updateMany({
      where: { id: orphan.id, status: "running", runnerId: orphan.runnerId },
      data: { status: "interrupted", outcome: "error", result: failedLine({ lineRowId: orphan.id, customId: orphan.customId, code: "interrupted", message }), finishedAt: now },
    });
  }
}

/** The batch's status now, when this lease still holds it; null when the lease is gone. */
export async function renewBatchLease(batchId: string, leaseId: string, leaseMs: number): Promise<string | null> {
  const renewed = await db().batch.updateMany({
    where: { id: batchId, leaseOwner: leaseId, status: { in: OPEN_STATUSES } },
    data: { leaseUntil: new Date(Date.now() + leaseMs) },
  });
  if (renewed.count !== 1) return null;
  return (await db().batch.findUnique({ where: { id: batchId }, select: { status: true } }))?.status ?? null;
}

export async function batchStatus(batchId: string): Promise<string | null> {
  return (await db().batch.findUnique({ where: { id: batchId }, select: { status: true } }))?.status ?? null;
}

export async function claimNextLine(batchId: string, leaseId: string, afterSeq: number): Promise<ClaimedLine | null> {
  for (;;) {
    const next = await db().batchLine.findFirst({
      where: { batchId, status: "pending", seq: { gt: afterSeq } },
      orderBy: { seq: "asc" },
      select: { id: true, seq: true, line: true, customId: true, body: true },
    });
    if (!next) return null;
    const requestId = newRequestId();
    const claimed = await db().batchLine.updateMany({
      where: { id: next.id, status: "pending" },
      data: { status: "running", runnerId: leaseId, requestId, startedAt: new Date() },
    });
    if (claimed.count === 1) return { ...next, body: next.body ?? "{}", requestId };
    afterSeq = next.seq; // skipped by a cancel in between: look further
  }
}

/** A retry of a rate-limited line is a new call: it gets a request id (and usage record) of its own. */
export async function newAttempt(lineId: string, leaseId: string): Promise<string> {
  const requestId = newRequestId();
  await db().batchLine.updateMany({ where: { id: lineId, runnerId: leaseId, status: "running" }, data: { requestId } });
  return requestId;
}

export interface LineResult {
  status: "done" | "failed" | "interrupted";
  outcome: "output" | "error";
  result: string;
  attempts: number;
  statusCode?: number | null;
  inputTokens?: number;
  outputTokens?: number;
  costMicros?: bigint;
  latencyMs?: number | null;
  usageEvent?: string | null;
}

/** Written only by the runner that claimed the line (a late answer after a takeover still lands). */
export async function recordLineResult(lineId: string, leaseId: string, result: LineResult): Promise<void> {
  await db().batchLine.updateMany({
    where: { id: lineId, runnerId: leaseId, status: { in: ["running", "interrupted"] } },
    data: {
      status: result.status,
      outcome: result.outcome,
      result: result.result,
      attempts: result.attempts,
      statusCode: result.statusCode ?? null,
      inputTokens: result.inputTokens ?? 0,
      outputTokens: result.outputTokens ?? 0,
      costMicros: result.costMicros ?? 0n,
      latencyMs: result.latencyMs ?? null,
      usageEvent: result.usageEvent ?? null,
      finishedAt: new Date(),
    },
  });
}

/** A line claimed but never sent (a shutdown came while it waited out a rate limit) goes back to the queue. */
export async function returnLine(lineId: string, leaseId: string): Promise<void> {
  await db().batchLine.updateMany({ where: { id: lineId, runnerId: leaseId, status: "running" }, data: { status: "pending", runnerId: null, requestId: null, startedAt: null } });
}

/** Hands a batch back at shutdown, unleased, so the next runner (here or elsewhere) resumes it at once. */
export async function releaseBatch(batchId: string, leaseId: string): Promise<void> {
  await db().batch.updateMany({ where: { id: batchId, leaseOwner: leaseId }, data: { leaseOwner: null, leaseUntil: null } });
}
