// A batch line's usage record is written by the usage buffer like every call's, a moment after the
// answer. A process killed in that moment loses the record but not the line: the line keeps the
// record (usageEvent) until the ledger is known to hold it. The runner that next leases the batch,
// and the one that finalizes it (after a flush), write what is missing (the ledger ignores a
// request id it already has) and drop the copies the ledger holds.
import { db } from "../db";
import type { UsageEvent } from "../usage/usage-event";
import { replayUsage } from "../usage/usage-recorder";

const PAGE = 500;

export function serializeUsageEvent(event: UsageEvent): string {
  return JSON.stringify(event, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}

export function parseUsageEvent(text: string): UsageEvent {
  const raw = JSON.parse(text) as Record<string, unknown>;
  return {
    ...(raw as unknown as UsageEvent),
    costMicros: BigInt(raw.costMicros as string),
    ...(raw.costSavedMicros !== undefined ? { costSavedMicros: BigInt(raw.costSavedMicros as string) } : {}),
    createdAt: new Date(raw.createdAt as string),
  };
}

/** Returns how many records were written again. */
export async function repairBatchUsage(batchId: string): Promise<number> {
  let afterSeq = -1;
  let rewritten = 0;
  for (;;) {
    const lines = await db().batchLine.findMany({
      where: { batchId, seq: { gt: afterSeq }, usageEvent: { not: null } },
      orderBy: { seq: "asc" },
      take: PAGE,
      select: { id: true, seq: true, requestId: true, usageEvent: true },
    });
    if (lines.length === 0) return rewritten;
    afterSeq = lines[lines.length - 1].seq;
    const stored = new Set(
      (await db().usageRecord.findMany({ where: { requestId: { in: lines.flatMap((l) => (l.requestId ? [l.requestId] : [])) } }, select: { requestId: true } })).map((r) => r.requestId),
    );
    const held = lines.filter((line) => line.requestId && stored.has(line.requestId));
    if (held.length > 0) await db().batchLine.updateMany({ where: { id: { in: held.map((line) => line.id) } }, data: { usageEvent: null } });
    for (const line of lines) {
      if (line.requestId && stored.has(line.requestId)) continue;
      replayUsage(parseUsageEvent(line.usageEvent!));
      rewritten++;
    }
  }
}
