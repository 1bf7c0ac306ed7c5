// A batch's progress, counted from its lines (one grouped query for any number of batches), so the
// counts can never disagree with the output and error files.
import { db } from "../db";

export interface BatchProgress {
  /** lines in the output file (answered 2xx) */
  completed: number;
  /** lines in the error file (malformed, refused, failed, cancelled, expired, interrupted) */
  failed: number;
  pending: number;
  running: number;
  inputTokens: number;
  outputTokens: number;
  costMicros: bigint;
}

const empty = (): BatchProgress => ({ completed: 0, failed: 0, pending: 0, running: 0, inputTokens: 0, outputTokens: 0, costMicros: 0n });

export async function progressOf(batchIds: string[]): Promise<Map<string, BatchProgress>> {
  const progress = new Map(batchIds.map((id) => [id, empty()]));
  if (batchIds.length === 0) return progress;
  const groups = await db().batchLine.groupBy({
    by: ["batchId", "status", "outcome"],
    where: { batchId: { in: batchIds } },
    _count: { _all: true },
    _sum: { inputTokens: true, outputTokens: true, costMicros: true },
  });
  for (const group of groups) {
    const entry = progress.get(group.batchId)!;
    const count = group._count._all;
    if (group.outcome === "output") entry.completed += count;
    else if (group.outcome === "error") entry.failed += count;
    else if (group.status === "pending") entry.pending += count;
    else if (group.status === "running") entry.running += count;
    entry.inputTokens += group._sum.inputTokens ?? 0;
    entry.outputTokens += group._sum.outputTokens ?? 0;
    entry.costMicros += group._sum.costMicros ?? 0n;
  }
  return progress;
}
