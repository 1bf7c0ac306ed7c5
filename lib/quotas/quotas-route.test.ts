import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { ensureDefaultOrg } from "../org/default-org";
import { uniqueSuffix } from "../../test/support/test-ids";
import { createUserWithKey } from "../../test/support/gateway-fixtures";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor } from "../http/admin-test-support";
import * as quotas from "./quotas-route";
import * as quotaItem from "./quota-route";
import * as status from "./quota-status-route";
import * as verify from "./verify-usage-route";

beforeAll(() => enableTestAdminApiKey());

const put = (body: unknown, auth?: { cookie: string }) => callRoute(quotas.PUT, adminRequest("/api/admin/quotas", { method: "PUT", body, auth }));

async function auditActions(targetId: string) {
  const rows = await db().auditLog.findMany({ where: { targetType: "quota", targetId }, orderBy: { id: "asc" } });
  return rows.map((r) => ({ action: r.action, before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after) }));
}

describe("/api/admin/quotas", () => {
  it("creates (201), replaces (200) and deletes a quota by id, auditing each change", async () => {
    const { keyId } = await createUserWithKey();
    const created = await put({ scope: "key", scopeId: keyId, period: "daily", maxCalls: 10, maxCost: 1.5 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ scope: "key", scopeId: keyId, period: "daily", maxCalls: 10, maxTokens: null, maxCost: 1.5 });
    expect(created.body.scopeName).toMatch(/^key-.* \(tg-.*…\)$/);

    const replaced = await put({ scope: "key", scopeId: keyId, period: "daily", maxTokens: 5000 });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id: created.body.id, maxCalls: null, maxTokens: 5000, maxCost: null });

    const listed = await callRoute(quotas.GET, adminRequest(`/api/admin/quotas?scope=key&scopeId=${keyId}`));
    expect(listed.body).toMatchObject({ total: 1, data: [{ id: created.body.id, maxTokens: 5000 }] });

    const id = created.body.id;
    const deleted = await callRoute(quotaItem.DELETE, adminRequest(`/api/admin/quotas/${id}`, { method: "DELETE" }), { id });
    expect(deleted.status).toBe(200);
    expect((await callRoute(quotaItem.DELETE, adminRequest(`/api/admin/quotas/${id}`, { method: "DELETE" }), { id })).status).toBe(404);

    expect(await auditActions(id)).toEqual([
      { action: "quota.create", before: null, after: expect.objectContaining({ maxCalls: 10, maxCost: 1.5 }) },
      { action: "quota.update", before: expect.objectContaining({ maxCalls: 10 }), after: expect.objectContaining({ maxTokens: 5000 }) },
      { action: "quota.delete", before: expect.objectContaining({ maxTokens: 5000 }), after: null },
    ]);
  });

  it("deletes by scope, scopeId and period", async () => {
    const team = await db().team.create({ data: { orgId: await ensureDefaultOrg(), name: `quota-team-${uniqueSuffix()}` } });
    const created = await put({ scope: "team", scopeId: team.id, period: "monthly", maxCost: 20 });
    const path = `/api/admin/quotas?scope=team&scopeId=${team.id}&period=monthly`;
    expect((await callRoute(quotas.DELETE, adminRequest(path, { method: "DELETE" }))).body.id).toBe(created.body.id);
    expect((await callRoute(quotas.DELETE, adminRequest(path, { method: "DELETE" }))).status).toBe(404);
  });

  it("answers 422 naming the bad field and 404 for an unknown scope id", async () => {
    const { keyId } = await createUserWithKey();
    const cases: [unknown, string][] = [
      [{ scope: "key", scopeId: keyId, period: "daily" }, "maxCalls"],
      [{ scope: "planet", scopeId: keyId, period: "daily", maxCalls: 1 }, "scope"],
      [{ scope: "key", scopeId: keyId, period: "weekly", maxCalls: 1 }, "period"],
      [{ scope: "key", scopeId: keyId, period: "daily", maxCalls: -1 }, "maxCalls"],
      [{ scope: "key", scopeId: keyId, period: "daily", maxTokens: 1.5 }, "maxTokens"],
      [{ scope: "key", scopeId: keyId, period: "daily", maxCost: "ten" }, "maxCost"],
    ];
    for (const [body, field] of cases) {
      const result = await put(body);
      expect([result.status, result.body.error.field], JSON.stringify(body)).toEqual([422, field]);
    }
    const unknown = await put({ scope: "user", scopeId: "no-such-user", period: "daily", maxCalls: 1 });
    expect([unknown.status, unknown.body.error.field]).toEqual([404, "scopeId"]);
    expect((await put({ scope: "tier", scopeId: "platinum", period: "daily", maxCalls: 1 })).body.error.message).toContain("free, pro, enterprise");
    expect((await put({ scope: "org", scopeId: "another-org", period: "daily", maxCalls: 1 })).status).toBe(404);
  });

  it("keeps mutations to admins and shows developers only the quotas that concern them", async () => {
    const mine = await createUserWithKey();
    const theirs = await createUserWithKey();
    const developer = await db().user.update({ where: { id: mine.userId }, data: { role: "developer" } });
    const auth = await sessionCookieFor(developer);
    await put({ scope: "key", scopeId: mine.keyId, period: "daily", maxCalls: 5 });
    await put({ scope: "key", scopeId: theirs.keyId, period: "daily", maxCalls: 5 });
    expect((await put({ scope: "key", scopeId: mine.keyId, period: "daily", maxCalls: 50 }, auth)).status).toBe(403);

    const visible = await callRoute(quotas.GET, adminRequest("/api/admin/quotas?scope=key", { auth }));
    expect(visible.body.data.map((q: { scopeId: string }) => q.scopeId)).toEqual([mine.keyId]);
    expect((await callRoute(status.GET, adminRequest(`/api/admin/quotas/status?scope=key&scopeId=${mine.keyId}`, { auth }))).status).toBe(200);
    expect((await callRoute(status.GET, adminRequest(`/api/admin/quotas/status?scope=key&scopeId=${theirs.keyId}`, { auth }))).status).toBe(403);
    expect((await callRoute(verify.GET, adminRequest("/api/admin/usage/verify", { auth }))).status).toBe(403);
  });
});

describe("GET /api/admin/quotas/status", () => {
  it("reports each limit with used, remaining and when it resets, from the ledger before any call", async () => {
    const { userId } = await createUserWithKey();
    await db().user.update({ where: { id: userId }, data: { tier: "enterprise" } });
    await put({ scope: "user", scopeId: userId, period: "monthly", maxCalls: 100, maxCost: 2.5 });
    const result = await callRoute(status.GET, adminRequest(`/api/admin/quotas/status?scope=user&scopeId=${userId}`));
    expect(result.status).toBe(200);
    expect(result.body.scopeName).toMatch(/@example\.test$/);
    expect(result.body.limits).toEqual([
      expect.objectContaining({ period: "monthly", kind: "calls", used: 0, limit: 100, remaining: 100, source: "explicit", periodKey: expect.stringMatching(/^monthly:\d{4}-\d\d$/) }),
      expect.objectContaining({ kind: "cost", used: 0, limit: 2.5, remaining: 2.5 }),
    ]);
    expect(Date.parse(result.body.limits[0].resetsAt)).toBeGreaterThan(Date.now());
  });

  it("defaults scopeId to the organization and validates the scope", async () => {
    const org = await callRoute(status.GET, adminRequest("/api/admin/quotas/status?scope=org"));
    expect(org.body.scopeId).toBe(await ensureDefaultOrg());
    expect((await callRoute(status.GET, adminRequest("/api/admin/quotas/status?scope=user"))).body.error.field).toBe("scopeId");
    expect((await callRoute(status.GET, adminRequest("/api/admin/quotas/status?scope=tier&scopeId=free"))).body.error.field).toBe("scope");
  });
});

describe("GET /api/admin/usage/verify (validation)", () => {
  it("accepts a period or a range, not both, and names the field", async () => {
    const viewer = await createTestUser({ role: "viewer", suffix: uniqueSuffix() });
    const ranged = await callRoute(verify.GET, adminRequest("/api/admin/usage/verify?from=2030-01-01&to=2030-01-02", { auth: await sessionCookieFor(viewer) }));
    expect(ranged.status).toBe(200);
    expect(ranged.body).toMatchObject({ ok: true, checked: { from: "2030-01-01T00:00:00.000Z", to: "2030-01-02T00:00:00.000Z", periodKey: null, counters: 0 } });
    expect((await callRoute(verify.GET, adminRequest("/api/admin/usage/verify?period=daily&from=2030-01-01&to=2030-01-02"))).body.error.field).toBe("period");
    expect((await callRoute(verify.GET, adminRequest("/api/admin/usage/verify?from=2030-01-01"))).body.error.field).toBe("to");
    expect((await callRoute(verify.GET, adminRequest("/api/admin/usage/verify?from=2030-01-02&to=2030-01-01"))).body.error.field).toBe("from");
    expect((await callRoute(verify.GET, adminRequest("/api/admin/usage/verify?period=weekly"))).body.error.field).toBe("period");
  });
});
