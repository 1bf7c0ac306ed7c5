// A batch line keeps its call's usage record until the ledger holds it: a record the process that
// ran the line never flushed (killed in between) is written by the next runner; copies the ledger
// already holds are dropped, and writing again never doubles a record.
import { describe, expect, it } from "vitest";
import { repairBatchUsage, serializeUsageEvent } from "@/lib/batches/usage-repair";
import { db } from "@/lib/db";
import { newBatchId, newFileId } from "@/lib/files/file-ids";
import { newRequestId } from "@/lib/gateway/respond";
import type { UsageEvent } from "@/lib/usage/usage-event";
import { usageBuffer } from "@/lib/usage/usage-recorder";
import { createUserWithKey } from "../support/gateway-fixtures";

function eventFor(requestId: string, owner: { orgId: string; userId: string; keyId: string }, batchId: string): UsageEvent {
  return {
    requestId, orgId: owner.orgId, keyId: owner.keyId, userId: owner.userId, teamId: null, batchId,
    model: "repair-model", providerId: null, providerKind: "openai-compatible", upstreamModel: "up",
    inputTokens: 12, outputTokens: 34, cachedTokens: 0, costMicros: 1234n, latencyMs: 50, ttftMs: null,
    streamed: false, status: 200, errorType: null, estimated: false, endpoint: "chat.completions", createdAt: new Date(),
  };
}

describe("batch usage repair", () => {
  it("writes the records the ledger lacks, once, and drops the copies it holds", async () => {
    const { keyId, userId } = await createUserWithKey();
    const orgId = (await db().apiKey.findUniqueOrThrow({ where: { id: keyId } })).orgId;
    const owner = { orgId, userId, keyId };
    const batchId = newBatchId();
    await db().batch.create({ data: { id: batchId, orgId, userId, keyId, endpoint: "/v1/chat/completions", inputFileId: newFileId(), status: "in_progress", expiresAt: new Date(Date.now() + 60_000) } });
    const [lost, held] = [newRequestId(), newRequestId()];
    usageBuffer().enqueue(eventFor(held, owner, batchId));
    await usageBuffer().flush();
    await db().batchLine.createMany({
      data: [lost, held].map((requestId, seq) => ({ batchId, seq, line: seq + 1, customId: `c${seq}`, body: "{}", status: "done", outcome: "output", result: "{}", requestId, usageEvent: serializeUsageEvent(eventFor(requestId, owner, batchId)) })),
    });

    expect(await repairBatchUsage(batchId)).toBe(1);
    await usageBuffer().flush();
    const records = await db().usageRecord.findMany({ where: { batchId }, orderBy: { requestId: "asc" } });
    expect(records.map((record) => record.requestId).sort()).toEqual([lost, held].sort());
    expect(records.find((record) => record.requestId === lost)).toMatchObject({ inputTokens: 12, outputTokens: 34, costMicros: 1234n, keyId, status: 200 });
    expect((await db().batchLine.findFirstOrThrow({ where: { batchId, requestId: held } })).usageEvent).toBeNull();

    // The next pass finds the written record, drops the copy and writes nothing.
    expect(await repairBatchUsage(batchId)).toBe(0);
    expect(await db().batchLine.count({ where: { batchId, usageEvent: { not: null } } })).toBe(0);
    expect(await db().usageRecord.count({ where: { batchId } })).toBe(2);
    const rollup = await db().usageRollup.aggregate({ where: { orgId, keyId, model: "repair-model" }, _sum: { calls: true } });
    expect(rollup._sum.calls).toBe(2);
  });
});
