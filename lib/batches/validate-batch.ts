// A batch's first step, run by the runner that leased it (validating → in_progress): its input file
// becomes one BatchLine per request, malformed lines recorded at once as errors with their line
// numbers (in the error file and in the batch's `errors`). Everything happens in one transaction
// under the lease, so a crash halfway leaves the batch validating for the next runner.
import { db } from "../db";
import { failedLine } from "../files/result-lines";
import type { LeasedBatch } from "./batch-leases";
import { parseBatchInput } from "./parse-batch-input";
import type { BatchError } from "./schemas";

// SQLite allows 32,766 bound variables per statement; 500 rows × 8 columns stays far below it.
const INSERT_BATCH = 500;
/** Malformed lines listed in the batch object's `errors` (all of them are in the error file). */
const MAX_LISTED_ERRORS = 100;

export type Validation = { ok: true } | { ok: false; error: BatchError };

export async function validateBatch(batch: LeasedBatch): Promise<Validation> {
  const file = await db().batchFile.findUnique({ where: { id: batch.inputFileId }, select: { content: true } });
  if (file?.content == null) return { ok: false, error: { code: "file_not_found", message: `The input file ${batch.inputFileId} no longer exists.`, param: "input_file_id", line: null } };
  const parsed = parseBatchInput(file.content, batch.endpoint);
  if (parsed.length === 0) return { ok: false, error: { code: "empty_file", message: "The input file has no requests.", param: "input_file_id", line: null } };
  const errors: BatchError[] = [];
  const rows = parsed.map((entry, seq) => {
    if ("body" in entry) return { batchId: batch.id, seq, line: entry.line, customId: entry.customId, body: entry.body };
    if (errors.length < MAX_LISTED_ERRORS) errors.push({ code: "invalid_request", message: `Line ${entry.line}: ${entry.error}`, param: null, line: entry.line });
    return { batchId: batch.id, seq, line: entry.line, customId: entry.customId, body: null, status: "failed", outcome: "error" };
  });
  const valid = rows.filter((row) => row.body !== null).length;
  await db().$transaction(
    async (tx) => {
      const still = await tx.batch.findFirst({ where: { id: batch.id, leaseOwner: batch.leaseId, status: "validating" }, select: { id: true } });
      if (!still) return;
      for (let start = 0; start < rows.length; start += INSERT_BATCH) {
        await tx.batchLine.createMany({ data: rows.slice(start, start + INSERT_BATCH) });
      }
      // The malformed lines' error lines need the ids just given to them.
      const malformed = await tx.batchLine.findMany({ where: { batchId: batch.id, status: "failed" }, select: { id: true, seq: true, customId: true, line: true } });
      const reasons = new Map(parsed.flatMap((entry, seq) => ("error" in entry ? [[seq, entry.error] as const] : [])));
      for (const line of malformed) {
        await tx.batchLine.update({
          where: { id: line.id },
          data: { result: failedLine({ lineRowId: line.id, customId: line.customId, code: "invalid_request", message: reasons.get(line.seq) ?? "Invalid line.", line: line.line }) },
        });
      }
      await tx.batch.update({
        where: { id: batch.id },
        data: { status: "in_progress", inProgressAt: new Date(), total: rows.length, errors: errors.length > 0 ? JSON.stringify(errors) : null },
      });
    },
    { timeout: 120_000 },
  );
  if (valid === 0) return { ok: false, error: { code: "no_valid_requests", message: "Every line of the input file is malformed; see the error file.", param: "input_file_id", line: null } };
  return { ok: true };
}
