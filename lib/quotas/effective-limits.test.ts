// Effective limits: explicit quotas beside the tier's (an explicit one replaces the tier's for its
// period), limits inherited from the owner, team and organization, rate limits used in the last
// minute, near-limit entries, the bootstrap admin uncapped, and who may read what.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureFirstAdmin } from "../boot/first-admin";
import { db, isPostgres } from "../db";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor } from "../http/admin-test-support";
import { writeUsageBatch } from "../usage/write-usage-batch";
import { uniqueSuffix } from "../../test/support/test-ids";
import { putQuota, putRateLimit } from "../../test/support/governance-fixtures";
import { getEffectiveLimits } from "./effective-limits";
import * as limitsRoute from "./limits-route";
import { seedTierQuotas } from "./tier-defaults";

let orgId: string;

async function member(tier = "free") {
  const suffix = uniqueSuffix();
  const team = await db().team.create({ data: { orgId, name: `limits-team-${suffix}` } });
  const user = await db().user.create({ data: { orgId, email: `limits-${suffix}@example.test`, name: "L", tier, teamId: team.id, keyModels: '["m-a","m-b"]', keyMaxDays: 30 } });
  const key = await db().apiKey.create({ data: { orgId, userId: user.id, teamId: team.id, name: `limits-key-${suffix}`, keyHash: `h-${suffix}`, prefix: "tg-abcdef", models: '["m-b","m-c"]' } });
  return { user, team, key };
}

beforeAll(async () => {
  enableTestAdminApiKey();
  // An organization of its own, with the shipped tier defaults (free: 1,000 calls a day, $10 a month).
  orgId = (await db().organization.create({ data: { name: `Limits ${uniqueSuffix()}` } })).id;
  await seedTierQuotas({ orgId, enabled: true });
});

describe("getEffectiveLimits", () => {
  it("shows the tier's quotas for a user without their own, and an explicit one in place of the tier's for its period", async () => {
    const { user } = await member();
    const before = await getEffectiveLimits({ orgId, scope: "user", id: user.id });
    expect(before.subject).toMatchObject({ scope: "user", id: user.id, tier: "free", name: user.email });
    expect(before.quotas.map((q) => [q.scope, q.period, q.kind, q.limit, q.source])).toEqual([
      ["user", "daily", "calls", 1000, "tier"],
      ["user", "monthly", "cost", 10_000_000, "tier"],
    ]);
    expect(before.keyLimits).toEqual({ models: ["m-a", "m-b"], maxDays: 30, expiresAt: null });

    await db().quota.create({ data: { orgId, scope: "user", scopeId: user.id, period: "daily", maxCalls: 5 } });
    const { governanceRules } = await import("./governance-rules");
    governanceRules().invalidate();
    const after = await getEffectiveLimits({ orgId, scope: "user", id: user.id });
    expect(after.quotas.map((q) => [q.period, q.kind, q.limit, q.source])).toEqual([
      ["daily", "calls", 5, "explicit"],
      ["monthly", "cost", 10_000_000, "tier"],
    ]);
  });

  it("gives a key its own, its owner's, its team's and the organization's limits, with the models and expiry it really has", async () => {
    const { user, team, key } = await member("pro");
    const { governanceRules } = await import("./governance-rules");
    await db().quota.createMany({
      data: [
        { orgId, scope: "key", scopeId: key.id, period: "total", maxTokens: 1_000n },
        { orgId, scope: "team", scopeId: team.id, period: "monthly", maxCalls: 10 },
      ],
    });
    await db().rateLimit.create({ data: { orgId, scope: "key", scopeId: key.id, rpm: 4 } });
    governanceRules().invalidate();
    // 4 calls a moment ago: the rpm limit is used up; 900 of the key's 1,000 tokens too.
    const now = Date.now();
    await writeUsageBatch(
      Array.from({ length: 4 }, (_, i) => ({
        requestId: `lim-${uniqueSuffix()}${i}`, orgId, keyId: key.id, userId: user.id, teamId: team.id, model: "m-b",
        providerId: null, providerKind: null, upstreamModel: null, inputTokens: 200, outputTokens: 25, cachedTokens: 0, costMicros: 0n,
        latencyMs: 10, ttftMs: null, streamed: false, status: 200, errorType: null, estimated: false, endpoint: "chat.completions" as const,
        createdAt: new Date(now - 5_000 + i),
      })),
    );
    const limits = await getEffectiveLimits({ orgId, scope: "key", id: key.id });
    expect(limits.subject).toMatchObject({ scope: "key", tier: "pro", name: `${key.name} (tg-abcdef…)` });
    expect(limits.quotas.map((q) => [q.scope, q.period, q.kind, q.source])).toEqual([
      ["key", "total", "tokens", "explicit"],
      ["user", "monthly", "cost", "tier"],
      ["team", "monthly", "calls", "explicit"],
    ]);
    expect(limits.quotas.find((q) => q.scope === "team")).toMatchObject({ scopeName: team.name, used: 4, remaining: 6 });
    expect(limits.rateLimits).toEqual([expect.objectContaining({ scope: "key", kind: "rpm", limit: 4, used: 4, remaining: 0 })]);
    expect(Date.parse(limits.rateLimits[0].resetsAt!)).toBeGreaterThan(now);
    // The key's own list narrowed by the owner's: only m-b is on both. Expiry: 30 days after creation.
    expect(limits.keyLimits?.models).toEqual(["m-b"]);
    expect(Date.parse(limits.keyLimits!.expiresAt!) - key.createdAt.getTime()).toBe(30 * 86_400_000);
    expect(limits.near.map((n) => [n.scope, n.what])).toEqual([["key", "rpm"], ["key", "total tokens"]]);
  });

  it("leaves the bootstrap admin uncapped by the tier defaults", async () => {
    const fresh = (await db().organization.create({ data: { name: `Boot limits ${uniqueSuffix()}` } })).id;
    await seedTierQuotas({ orgId: fresh, enabled: true });
    const email = `boot-${uniqueSuffix()}@tollgate.local`;
    await ensureFirstAdmin({ orgId: fresh, email, password: "a-long-enough-password-1", print: () => {} });
    const admin = await db().user.findUniqueOrThrow({ where: { email } });
    expect(admin.tier).toBe("enterprise");
    expect((await getEffectiveLimits({ orgId: fresh, scope: "user", id: admin.id })).quotas).toEqual([]);
  });

  it("moves an existing install's bootstrap admin off the free tier (the migration's statement), and no one else", async () => {
    const fresh = (await db().organization.create({ data: { name: `Upgrade ${uniqueSuffix()}` } })).id;
    const first = await db().user.create({ data: { orgId: fresh, email: `first-${uniqueSuffix()}@x.test`, name: "F", role: "admin", createdAt: new Date(Date.now() - 60_000) } });
    const later = await db().user.create({ data: { orgId: fresh, email: `later-${uniqueSuffix()}@x.test`, name: "L", role: "admin" } });
    const provider = isPostgres() ? "postgresql" : "sqlite";
    const dir = path.join(process.cwd(), "prisma", "migrations", provider);
    const migration = readdirSync(dir).find((d) => d.endsWith("_usage_refusals_capture_bootstrap_admin"))!;
    const sql = readFileSync(path.join(dir, migration, "migration.sql"), "utf8");
    const update = sql.slice(sql.indexOf('UPDATE "User"'));
    await db().$executeRawUnsafe(update);
    expect((await db().user.findUniqueOrThrow({ where: { id: first.id } })).tier).toBe("enterprise");
    expect((await db().user.findUniqueOrThrow({ where: { id: later.id } })).tier).toBe("free");
  });
});

describe("GET /api/admin/limits and /api/admin/me/limits", () => {
  it("answers in dollars, lets a developer read only their own, and refuses an unknown scope naming the field", async () => {
    const dev = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    await putQuota({ scope: "user", scopeId: dev.id, period: "monthly", maxCost: 2.5 });
    await putRateLimit({ scope: "user", scopeId: dev.id, tpm: 1000 });
    const asAdmin = await callRoute(limitsRoute.GET, adminRequest(`/api/admin/limits?scope=user&id=${dev.id}`));
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.quotas.find((q: { kind: string }) => q.kind === "cost")).toMatchObject({ limit: 2.5, used: 0, remaining: 2.5, source: "explicit" });
    expect(asAdmin.body.rateLimits).toEqual([expect.objectContaining({ kind: "tpm", limit: 1000, used: 0, resetsAt: null })]);

    const auth = await sessionCookieFor(dev);
    const mine = await callRoute(limitsRoute.GET_ME, adminRequest("/api/admin/me/limits", { auth }));
    expect(mine.status).toBe(200);
    expect(mine.body.subject).toMatchObject({ scope: "user", id: dev.id });
    const other = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    expect((await callRoute(limitsRoute.GET, adminRequest(`/api/admin/limits?scope=user&id=${other.id}`, { auth }))).status).toBe(403);

    const bad = await callRoute(limitsRoute.GET, adminRequest(`/api/admin/limits?scope=org&id=${dev.id}`));
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("scope");
    expect((await callRoute(limitsRoute.GET, adminRequest("/api/admin/limits?scope=key&id=nope"))).status).toBe(404);
    expect((await callRoute(limitsRoute.GET_ME, adminRequest("/api/admin/me/limits"))).status).toBe(404);
  });
});
