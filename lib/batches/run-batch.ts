// Runs one leased batch on the shared job loop (lib/jobs/leased-job-run.ts): validates its input the
// first time, then claims its lines in order, up to the batch's concurrency in flight and within the
// process-wide bound (BATCH_MAX_CONCURRENCY, shared by every batch this process runs), and ends the
// batch when no line is left. A cancel, the completion window running out, a lost lease or a shutdown
// stop the claiming; lines in flight always finish and record what happened.
import { setTimeout as sleep } from "node:timers/promises";
import type { AbortFlag } from "../abort/abort-flag";
import { answeredLine, failedLine } from "../files/result-lines";
import { refusalOf } from "../jobs/gateway-refusal";
import { LeasedJobRun } from "../jobs/leased-job-run";
import type { Semaphore } from "../jobs/semaphore";
import { flushUsage } from "../usage/usage-recorder";
import {
  batchStatus, claimNextLine, newAttempt, recordLineResult, releaseBatch, renewBatchLease, returnLine,
  type ClaimedLine, type LeasedBatch, type LineResult,
} from "./batch-leases";
import { BatchPrincipals, BatchStopped } from "./batch-principal";
import { finalizeBatch } from "./finalize-batch";
import { lineRefusalAction } from "./line-retry";
import { runBatchLine, type LineAnswer } from "./run-batch-line";
import { repairBatchUsage, serializeUsageEvent } from "./usage-repair";
import { validateBatch } from "./validate-batch";

const SHUTDOWN_MESSAGE = "Interrupted: the process running the batch shut down before the answer arrived. It was not sent again, so it is never paid twice.";

function modelOf(body: string): string {
  const model = (JSON.parse(body) as { model?: unknown }).model;
  return typeof model === "string" ? model : "";
}

export class BatchRun extends LeasedJobRun<ClaimedLine> {
  private readonly principals: BatchPrincipals;
  private failure: { code: string; message: string; param: string | null } | null = null;

  constructor(
    readonly batch: LeasedBatch,
    private readonly leaseMs: number,
    slots?: Semaphore,
  ) {
    super({ jobId: batch.id, leaseMs, concurrency: batch.concurrency, label: "batches", slots });
    this.principals = new BatchPrincipals(batch);
  }

  private get expired(): boolean {
    return Date.now() >= this.batch.expiresAt.getTime();
  }

  protected async prepare(): Promise<boolean> {
    await repairBatchUsage(this.batch.id);
    if (this.batch.status === "cancelling") return false;
    if (this.expired) {
      this.halt("expired");
      return false;
    }
    if (this.batch.status === "finalizing") {
      this.exhausted = true;
      return false;
    }
    if (this.batch.status === "validating") {
      const validation = await validateBatch(this.batch);
      if (!validation.ok) {
        this.failure = validation.error;
        this.failJob(validation.error.message);
        return false;
      }
    }
    return true;
  }

  protected async claimNext(afterSeq: number): Promise<ClaimedLine | null> {
    if (this.expired) {
      this.halt("expired");
      return null;
    }
    return claimNextLine(this.batch.id, this.batch.leaseId, afterSeq);
  }

  protected async renewLease(): Promise<string | null> {
    const status = await renewBatchLease(this.batch.id, this.batch.leaseId, this.leaseMs);
    if (status === null) return "lost";
    if (status === "cancelling") return "cancelled";
    return this.expired ? "expired" : null;
  }

  protected async conclude(): Promise<void> {
    const { id, leaseId } = this.batch;
    if (this.halted === "lost") return; // another runner holds it now
    if (this.fatal !== null) {
      const error = this.failure ?? { code: "batch_stopped", message: this.fatal, param: null };
      return this.finalize("failed", { ...error, line: null });
    }
    if (this.stopping) return releaseBatch(id, leaseId);
    if (this.halted === "expired") return this.finalize("expired");
    const status = await batchStatus(id);
    if (status === "cancelling") return this.finalize("cancelled");
    if (this.exhausted) return this.finalize("completed");
    await releaseBatch(id, leaseId);
  }

  private async finalize(status: "completed" | "failed" | "expired" | "cancelled", error?: { code: string; message: string; param: string | null; line: null }): Promise<void> {
    // The last lines' usage records are written before the batch says it is done.
    await flushUsage().catch(() => undefined);
    await repairBatchUsage(this.batch.id);
    await finalizeBatch(this.batch.id, this.batch.leaseId, status, error);
  }

  private record(line: ClaimedLine, result: LineResult): Promise<void> {
    return recordLineResult(line.id, this.batch.leaseId, result);
  }

  protected async runItem(line: ClaimedLine, abort: AbortFlag): Promise<void> {
    const { batch } = this;
    let requestId = line.requestId;
    for (let attempt = 1; ; attempt++) {
      let principal;
      try {
        principal = await this.principals.forModel(modelOf(line.body));
      } catch (error) {
        if (!(error instanceof BatchStopped)) throw error;
        this.failJob(error.message);
        return returnLine(line.id, batch.leaseId); // never sent: the batch's end reports it
      }
      const answer = await runBatchLine({ principal, endpoint: batch.endpoint, body: line.body, requestId, abort });
      if (abort.aborted) return this.record(line, { ...this.usageOf(answer), status: "interrupted", outcome: "error", attempts: attempt, result: failedLine({ lineRowId: line.id, customId: line.customId, code: "interrupted", message: SHUTDOWN_MESSAGE }) });
      if (answer.status >= 200 && answer.status < 300) return this.record(line, this.answered(line, answer, attempt, requestId, "done"));
      const next = lineRefusalAction(refusalOf(answer, answer.text), attempt);
      if (next.action === "stop-job") this.failJob(next.error);
      if (next.action !== "retry") return this.record(line, this.answered(line, answer, attempt, requestId, "failed"));
      try {
        await sleep(next.waitMs, undefined, { signal: this.quit.signal });
      } catch {
        // Never ran: it goes back to the queue; the next runner sends it, or the batch's end reports it.
        return returnLine(line.id, batch.leaseId);
      }
      requestId = await newAttempt(line.id, batch.leaseId);
    }
  }

  private usageOf(answer: LineAnswer): Pick<LineResult, "inputTokens" | "outputTokens" | "costMicros" | "latencyMs" | "usageEvent"> {
    const usage = answer.usage;
    if (!usage) return {};
    return { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, costMicros: usage.costMicros, latencyMs: usage.latencyMs, usageEvent: serializeUsageEvent(usage) };
  }

  private answered(line: ClaimedLine, answer: LineAnswer, attempts: number, requestId: string, status: "done" | "failed"): LineResult {
    return {
      ...this.usageOf(answer),
      status,
      outcome: status === "done" ? "output" : "error",
      attempts,
      statusCode: answer.status,
      result: answeredLine({ lineRowId: line.id, customId: line.customId, statusCode: answer.status, requestId: answer.headers["x-request-id"] ?? requestId, bodyText: answer.text }),
    };
  }
}
