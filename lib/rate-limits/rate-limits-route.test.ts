import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { createUserWithKey } from "../../test/support/gateway-fixtures";
import { adminRequest, callRoute, enableTestAdminApiKey, sessionCookieFor } from "../http/admin-test-support";
import * as rateLimits from "./rate-limits-route";
import * as rateLimitItem from "./rate-limit-route";

beforeAll(() => enableTestAdminApiKey());

const put = (body: unknown, auth?: { cookie: string }) => callRoute(rateLimits.PUT, adminRequest("/api/admin/rate-limits", { method: "PUT", body, auth }));

describe("/api/admin/rate-limits", () => {
  it("creates, replaces, lists and deletes (by id and by scope), auditing each change", async () => {
    const { userId, keyId } = await createUserWithKey();
    const created = await put({ scope: "user", scopeId: userId, rpm: 60 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ scope: "user", scopeId: userId, rpm: 60, tpm: null, scopeName: expect.stringMatching(/@example\.test$/) });
    const replaced = await put({ scope: "user", scopeId: userId, tpm: 90_000 });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id: created.body.id, rpm: null, tpm: 90_000 });
    expect((await callRoute(rateLimits.GET, adminRequest(`/api/admin/rate-limits?scopeId=${userId}`))).body).toMatchObject({ total: 1, data: [{ tpm: 90_000 }] });

    const id = created.body.id;
    expect((await callRoute(rateLimitItem.DELETE, adminRequest(`/api/admin/rate-limits/${id}`, { method: "DELETE" }), { id })).status).toBe(200);
    expect((await callRoute(rateLimitItem.DELETE, adminRequest(`/api/admin/rate-limits/${id}`, { method: "DELETE" }), { id })).status).toBe(404);

    const byKey = await put({ scope: "key", scopeId: keyId, rpm: 5 });
    const path = `/api/admin/rate-limits?scope=key&scopeId=${keyId}`;
    expect((await callRoute(rateLimits.DELETE, adminRequest(path, { method: "DELETE" }))).body.id).toBe(byKey.body.id);

    const actions = await db().auditLog.findMany({ where: { targetType: "rate_limit", targetId: id }, orderBy: { id: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["rate_limit.create", "rate_limit.update", "rate_limit.delete"]);
  });

  it("answers 422 naming the field, 404 for an unknown scope id, 403 for non-admins", async () => {
    const { keyId, userId } = await createUserWithKey();
    expect((await put({ scope: "key", scopeId: keyId })).body.error.field).toBe("rpm");
    expect((await put({ scope: "org", scopeId: keyId, rpm: 1 })).body.error.field).toBe("scope");
    expect((await put({ scope: "key", scopeId: keyId, rpm: 1.5 })).body.error.field).toBe("rpm");
    expect((await put({ scope: "key", scopeId: keyId, tpm: -3 })).body.error.field).toBe("tpm");
    const unknown = await put({ scope: "team", scopeId: "no-such-team", rpm: 1 });
    expect([unknown.status, unknown.body.error.field]).toEqual([404, "scopeId"]);
    const developer = await db().user.update({ where: { id: userId }, data: { role: "developer" } });
    expect((await put({ scope: "key", scopeId: keyId, rpm: 1 }, await sessionCookieFor(developer))).status).toBe(403);
  });
});
