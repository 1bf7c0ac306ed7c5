// Writes a batch of usage events: the records (idempotent by request id), their hourly rollups
// and latency histograms, and keys' lastUsedAt — in one transaction, so rollups never count a
// record that was not stored, nor miss one that was.
import type { Db, DbClient } from "../db";
import { hourOf, latencyBucketOf } from "./latency-buckets";
import type { UsageEvent } from "./usage-event";

type Tx = DbClient;

async function insertRecords(tx: Tx, events: UsageEvent[]): Promise<UsageEvent[]> {
  const existing = await tx.usageRecord.findMany({
    where: { requestId: { in: events.map((e) => e.requestId) } },
    select: { requestId: true },
  });
  const seen = new Set(existing.map((r) => r.requestId));
  const fresh: UsageEvent[] = [];
  for (const event of events) {
    if (seen.has(event.requestId)) continue; // a retried flush: already stored
    seen.add(event.requestId);
    fresh.push(event);
  }
  if (fresh.length > 0) await tx.usageRecord.createMany({ data: fresh });
  return fresh;
}

async function addRollups(tx: Tx, events: UsageEvent[]): Promise<void> {
  const groups = new Map<string, { key: Record<string, string | Date>; calls: number; errors: number; input: number; output: number; cached: number; cost: bigint; latency: number }>();
  const latency = new Map<string, { hour: Date; orgId: string; model: string; bucket: number; count: number }>();
  for (const e of events) {
    const hour = hourOf(e.createdAt);
    const key = { hour, orgId: e.orgId, model: e.model, userId: e.userId ?? "", teamId: e.teamId ?? "", keyId: e.keyId ?? "" };
    const id = [hour.getTime(), key.orgId, key.model, key.userId, key.teamId, key.keyId].join("\u0000");
    const group = groups.get(id) ?? { key, calls: 0, errors: 0, input: 0, output: 0, cached: 0, cost: 0n, latency: 0 };
    group.calls += 1;
    group.errors += e.status >= 400 ? 1 : 0;
    group.input += e.inputTokens;
    group.output += e.outputTokens;
    group.cached += e.cachedTokens;
    group.cost += e.costMicros;
    group.latency += e.latencyMs;
    groups.set(id, group);

    const bucket = latencyBucketOf(e.latencyMs);
    const latencyId = [hour.getTime(), e.orgId, e.model, bucket].join("\u0000");
    const cell = latency.get(latencyId) ?? { hour, orgId: e.orgId, model: e.model, bucket, count: 0 };
    cell.count += 1;
    latency.set(latencyId, cell);
  }
  for (const g of groups.values()) {
    const k = g.key as { hour: Date; orgId: string; model: string; userId: string; teamId: string; keyId: string };
    await tx.usageRollup.upsert({
      where: { hour_orgId_model_userId_teamId_keyId: k },
      create: { ...k, calls: g.calls, errors: g.errors, inputTokens: BigInt(g.input), outputTokens: BigInt(g.output), cachedTokens: BigInt(g.cached), costMicros: g.cost, latencySumMs: BigInt(g.latency) },
      update: {
        calls: { increment: g.calls },
        errors: { increment: g.errors },
        inputTokens: { increment: BigInt(g.input) },
        outputTokens: { increment: BigInt(g.output) },
        cachedTokens: { increment: BigInt(g.cached) },
        costMicros: { increment: g.cost },
        latencySumMs: { increment: BigInt(g.latency) },
      },
    });
  }
  for (const cell of latency.values()) {
    const { count, ...id } = cell;
    await tx.latencyRollup.upsert({
      where: { hour_orgId_model_bucket: id },
      create: cell,
      update: { count: { increment: count } },
    });
  }
}

// lastUsedAt is for humans ("used 3 minutes ago"): once a minute per key is plenty.
const LAST_USED_EVERY_MS = 60_000;
const lastUsedWritten = new Map<string, number>();

async function touchKeys(tx: Tx, events: UsageEvent[]): Promise<void> {
  const latest = new Map<string, Date>();
  for (const e of events) {
    if (e.keyId && (latest.get(e.keyId)?.getTime() ?? 0) < e.createdAt.getTime()) latest.set(e.keyId, e.createdAt);
  }
  const now = Date.now();
  for (const [keyId, at] of latest) {
    if (now - (lastUsedWritten.get(keyId) ?? 0) < LAST_USED_EVERY_MS) continue;
    lastUsedWritten.set(keyId, now);
    await tx.apiKey.updateMany({ where: { id: keyId }, data: { lastUsedAt: at } });
  }
}

/** Returns how many records were newly stored (duplicates by request id are skipped). */
export async function writeUsageBatch(client: Db, events: UsageEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  return client.$transaction(
    async (tx) => {
      const fresh = await insertRecords(tx, events);
      await addRollups(tx, fresh);
      await touchKeys(tx, fresh);
      return fresh.length;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}
