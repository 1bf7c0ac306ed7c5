// Usage retention (lib/usage/retention) on the real database, SQLite or PostgreSQL: raw records
// older than the cutoff go in batches, newer ones stay, the hourly rollups (what charts and billing
// read) stay whole, each run is recorded and reported by GET /api/admin/usage/retention, and one
// process of the cluster runs it per interval. The generated "old" records are dated in 2000 and
// the runs' cutoff is put just after, so other test files' records sharing this database are never
// in reach. On SQLite, a database file created by `npm start` hands the freed pages back.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb, isPostgres } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { adminRequest, callRoute, enableTestAdminApiKey } from "@/lib/http/admin-test-support";
import { ensureDefaultOrg } from "@/lib/org/default-org";
import type { UsageEvent } from "@/lib/usage/usage-event";
import { closeUsageWriter, writeUsageBatch } from "@/lib/usage/write-usage-batch";
import { runUsageRetention } from "@/lib/usage/retention/run-retention";
import { runRetentionIfDue } from "@/lib/usage/retention/retention-scheduler";
import { GET as retentionStatus } from "@/lib/usage/retention/retention-route";
import { createSqliteFile } from "../../scripts/migrations-state.mjs";
import { uniqueSuffix } from "../support/test-ids";

const DAY_MS = 86_400_000;
/** "Now" for the runs: with 30 days of retention the cutoff is 2001-01-01, after every generated old record. */
const RUN_AT = new Date(Date.UTC(2001, 0, 31));
const root = resolve(__dirname, "../..");

function records(orgId: string, model: string, count: number, firstAt: Date): UsageEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    requestId: `ret_${model}_${i}`, orgId, keyId: null, userId: "u-retention", teamId: null, model,
    providerId: null, providerKind: "openai", upstreamModel: model, inputTokens: 10, outputTokens: 5, cachedTokens: 0,
    costMicros: 20n, latencyMs: 100, ttftMs: null, streamed: false, status: 200, errorType: null, estimated: false,
    endpoint: "chat.completions", createdAt: new Date(firstAt.getTime() + i * 1_000),
  }));
}

async function write(events: UsageEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) await writeUsageBatch(events.slice(i, i + 500));
}

describe("usage retention", () => {
  let orgId: string;
  const model = `retention-${uniqueSuffix()}`;
  const OLD = 6_500;
  const KEPT = 300;

  beforeAll(async () => {
    enableTestAdminApiKey();
    orgId = await ensureDefaultOrg();
    await write(records(orgId, model, OLD, new Date(Date.UTC(2000, 5, 1)))); // June 2000: past the cutoff
    await write(records(orgId, `${model}-kept`, KEPT, new Date(Date.UTC(2001, 0, 15)))); // after it
  }, 120_000);

  afterAll(async () => {
    delete process.env.USAGE_RETENTION_DAYS;
    resetEnvCache();
  });

  it("removes the records older than the cutoff in batches and keeps the newer ones and the rollups", async () => {
    const rollupsBefore = await db().usageRollup.aggregate({ where: { model }, _sum: { calls: true, costMicros: true } });
    expect(rollupsBefore._sum.calls).toBe(OLD);

    const run = await runUsageRetention({ days: 30, now: RUN_AT, batchSize: 1_000, pauseMs: 5 });

    expect(run).toMatchObject({ status: "done", usageRecords: OLD, batches: Math.ceil(OLD / 1_000), cutoff: new Date(RUN_AT.getTime() - 30 * DAY_MS).toISOString(), error: null });
    expect(await db().usageRecord.count({ where: { model } })).toBe(0);
    expect(await db().usageRecord.count({ where: { model: `${model}-kept` } })).toBe(KEPT);
    // What charts, billing and quotas' verification of closed periods read is untouched.
    const rollupsAfter = await db().usageRollup.aggregate({ where: { model }, _sum: { calls: true, costMicros: true } });
    expect(rollupsAfter._sum).toEqual(rollupsBefore._sum);
    expect(await db().latencyRollup.count({ where: { model } })).toBeGreaterThan(0);

    // A second run finds nothing more: one statement, nothing removed.
    expect(await runUsageRetention({ days: 30, now: RUN_AT, batchSize: 1_000 })).toMatchObject({ status: "done", usageRecords: 0, batches: 1 });
  }, 120_000);

  it("reports its setting and latest runs at GET /api/admin/usage/retention (admins)", async () => {
    process.env.USAGE_RETENTION_DAYS = "90";
    resetEnvCache();
    const { status, body } = await callRoute(retentionStatus, adminRequest("/api/admin/usage/retention"));
    expect(status).toBe(200);
    expect(body).toMatchObject({ enabled: true, days: 90, intervalMs: 3_600_000 });
    expect(Date.now() - 90 * DAY_MS - Date.parse(body.cutoff)).toBeLessThan(60_000);
    expect(body.runs.length).toBeGreaterThanOrEqual(2);
    expect(body.runs.find((r: { usageRecords: number }) => r.usageRecords === OLD)).toMatchObject({ status: "done", batches: 7 });
    expect(body.runs[0].runner).toMatch(/:\d+$/);

    delete process.env.USAGE_RETENTION_DAYS;
    resetEnvCache();
    const off = await callRoute(retentionStatus, adminRequest("/api/admin/usage/retention"));
    expect(off.body).toMatchObject({ enabled: false, days: null, cutoff: null });
    expect((await callRoute(retentionStatus, adminRequest("/api/admin/usage/retention", { auth: "none" }))).status).toBe(401);
  });

  it("runs once per interval across the cluster: the first process to look takes it", async () => {
    // 100 years: a real run, whose cutoff reaches no record of any test.
    process.env.USAGE_RETENTION_DAYS = "36500";
    resetEnvCache();
    const at = Date.now() + 10 * 3_600_000 * Math.floor(Math.random() * 1_000); // an interval of its own
    const [first, second] = await Promise.all([runRetentionIfDue(at), runRetentionIfDue(at)]);
    expect([first, second].sort()).toEqual([false, true]);
    expect(await runRetentionIfDue(at + 3_600_000)).toBe(true); // the next interval
    delete process.env.USAGE_RETENTION_DAYS;
    resetEnvCache();
    expect(await runRetentionIfDue(at + 7_200_000)).toBe(false); // off
  });
});

describe.skipIf(isPostgres())("usage retention on a SQLite file created by npm start", () => {
  const file = join(root, "data", "test", `retention-vacuum-${process.pid}.db`);
  const sharedUrl = process.env.DATABASE_URL;

  afterAll(async () => {
    await closeUsageWriter();
    await disconnectDb();
    process.env.DATABASE_URL = sharedUrl;
    resetEnvCache();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  });

  it("hands the pages of removed records back to the file system (auto_vacuum = INCREMENTAL)", async () => {
    mkdirSync(join(root, "data", "test"), { recursive: true });
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    expect(createSqliteFile(root, `file:${file}`)).toBe(true);
    execFileSync(process.execPath, [join(root, "scripts/prisma.mjs"), "migrate-deploy"], { cwd: root, env: { ...process.env, DATABASE_URL: `file:${file}` }, stdio: "ignore" });
    await closeUsageWriter();
    await disconnectDb();
    process.env.DATABASE_URL = `file:${file}`;
    resetEnvCache();
    const orgId = await ensureDefaultOrg();
    await write(records(orgId, "vacuum-model", 8_000, new Date(Date.UTC(2000, 0, 1))));
    const pages = async () => Number((await db().$queryRawUnsafe<{ page_count: bigint }[]>("PRAGMA page_count"))[0].page_count);
    const before = await pages();

    const run = await runUsageRetention({ days: 30, now: RUN_AT, batchSize: 2_000, pauseMs: 0 });

    expect(run).toMatchObject({ status: "done", usageRecords: 8_000 });
    const after = await pages();
    expect(after).toBeLessThan(before * 0.6); // the file shrank instead of keeping the pages on its free list
    expect(Number((await db().$queryRawUnsafe<{ freelist_count: bigint }[]>("PRAGMA freelist_count"))[0].freelist_count)).toBe(0);
  }, 120_000);
});
