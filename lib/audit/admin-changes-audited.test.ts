// Changes made through the existing admin route handlers leave audit rows: who, what, before/after
// with secrets masked, and where the request came from.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { uniqueSuffix } from "../../test/support/test-ids";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor, type TestAuth } from "../http/admin-test-support";
import * as keyItem from "../keys/key-route";
import * as keys from "../keys/keys-route";
import * as modelItem from "../models/model-route";
import * as models from "../models/models-route";
import * as providerItem from "../providers/provider-route";
import * as providers from "../providers/providers-route";
import * as teamItem from "../teams/team-route";
import * as teams from "../teams/teams-route";
import * as userItem from "../users/user-route";
import * as users from "../users/users-route";
import { MASK } from "./mask-secrets";

beforeAll(() => enableTestAdminApiKey());

// The one client address the console's boundary writes (scripts/console-boundary.mjs).
const origin = { "x-forwarded-for": "203.0.113.7", "user-agent": "audit-test/1.0" };

type Auth = TestAuth;
const send = (method: string, path: string, body?: unknown, auth?: Auth) => adminRequest(path, { method, body, auth, headers: origin });

async function auditRows(targetType: string, targetId: string) {
  const rows = await db().auditLog.findMany({ where: { targetType, targetId }, orderBy: { id: "asc" } });
  return rows.map((row) => ({
    ...row,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
  }));
}

describe("admin changes are audited", () => {
  it("team create/update/delete with the admin API key: actor, before/after, IP and user agent", async () => {
    const name = `Audited team ${uniqueSuffix()}`;
    const created = await callRoute(teams.POST, send("POST", "/api/admin/teams", { name }));
    const id = created.body.id;
    await callRoute(teamItem.PATCH, send("PATCH", `/api/admin/teams/${id}`, { name: `${name} 2` }), { id });
    await callRoute(teamItem.DELETE, send("DELETE", `/api/admin/teams/${id}`), { id });

    const rows = await auditRows("team", id);
    expect(rows.map((r) => r.action)).toEqual(["team.create", "team.update", "team.delete"]);
    for (const row of rows) {
      expect(row).toMatchObject({ actorType: "admin-api-key", actorId: "admin-api-key", actorEmail: null, ip: "203.0.113.7", userAgent: "audit-test/1.0" });
    }
    expect(rows[0]).toMatchObject({ before: null, after: { id, name } });
    expect(rows[1]).toMatchObject({ before: { name }, after: { name: `${name} 2` } });
    expect(rows[2]).toMatchObject({ before: { id, name: `${name} 2` }, after: null });
  });

  it("records a session user as the actor, and nothing for a refused change", async () => {
    const admin = await createTestUser({ role: "admin", suffix: uniqueSuffix() });
    const auth = await sessionCookieFor(admin);
    const created = await callRoute(teams.POST, send("POST", "/api/admin/teams", { name: `Session team ${uniqueSuffix()}` }, auth));
    const [row] = await auditRows("team", created.body.id);
    expect(row).toMatchObject({ actorType: "user", actorId: admin.id, actorEmail: admin.email, orgId: admin.orgId });

    const viewer = await createTestUser({ role: "viewer", suffix: uniqueSuffix() });
    const refused = await callRoute(teamItem.DELETE, send("DELETE", `/api/admin/teams/${created.body.id}`, undefined, await sessionCookieFor(viewer)), {
      id: created.body.id,
    });
    expect(refused.status).toBe(403);
    expect((await auditRows("team", created.body.id)).map((r) => r.action)).toEqual(["team.create"]);
  });

  it("user create/update/delete masks the password and records that it changed", async () => {
    const email = `audited-${uniqueSuffix()}@test.tollgate.local`;
    const created = await callRoute(users.POST, send("POST", "/api/admin/users", { email, name: "Audited", role: "developer", password: "first-password-1" }));
    const id = created.body.id;
    await callRoute(userItem.PATCH, send("PATCH", `/api/admin/users/${id}`, { role: "viewer", password: "second-password-2" }), { id });
    await callRoute(userItem.DELETE, send("DELETE", `/api/admin/users/${id}`), { id });

    const rows = await auditRows("user", id);
    expect(rows.map((r) => r.action)).toEqual(["user.create", "user.update", "user.delete"]);
    expect(rows[0].after).toMatchObject({ email, role: "developer", password: MASK });
    expect(rows[1]).toMatchObject({ before: { role: "developer" }, after: { role: "viewer", password: MASK } });
    expect(rows[1].before).not.toHaveProperty("password");
    expect(JSON.stringify(rows)).not.toMatch(/first-password|second-password|passwordHash/);
  });

  it("key create never stores the plaintext key; update and revoke keep before/after", async () => {
    const owner = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    const created = await callRoute(keys.POST, send("POST", "/api/admin/keys", { userId: owner.id, name: "audited" }));
    const id = created.body.id;
    const plaintext: string = created.body.key;
    await callRoute(keyItem.PATCH, send("PATCH", `/api/admin/keys/${id}`, { name: "renamed" }), { id });
    await callRoute(keyItem.DELETE, send("DELETE", `/api/admin/keys/${id}`), { id });
    // Revoking an already revoked key changes nothing and is not audited again.
    await callRoute(keyItem.DELETE, send("DELETE", `/api/admin/keys/${id}`), { id });

    const rows = await auditRows("key", id);
    expect(rows.map((r) => r.action)).toEqual(["key.create", "key.update", "key.revoke"]);
    expect(rows[0].after).toMatchObject({ id, name: "audited", prefix: created.body.prefix, userId: owner.id });
    expect(rows[0].after).not.toHaveProperty("key");
    expect(rows[1]).toMatchObject({ before: { name: "audited" }, after: { name: "renamed" } });
    expect(rows[2]).toMatchObject({ before: { status: "active" }, after: { status: "revoked" } });
    const stored = JSON.stringify(await db().auditLog.findMany({ where: { targetId: id } }));
    expect(stored).not.toContain(plaintext);
    expect(stored).not.toContain(plaintext.slice(created.body.prefix.length));
  });

  it("provider create/update/delete masks the upstream API key", async () => {
    const name = `Audited provider ${uniqueSuffix()}`;
    const created = await callRoute(providers.POST, send("POST", "/api/admin/providers", { name, kind: "openai", apiKey: "sk-upstream-original" }));
    const id = created.body.id;
    await callRoute(providerItem.PATCH, send("PATCH", `/api/admin/providers/${id}`, { apiKey: "sk-upstream-rotated" }), { id });
    await callRoute(providerItem.DELETE, send("DELETE", `/api/admin/providers/${id}`), { id });

    const rows = await auditRows("provider", id);
    expect(rows.map((r) => r.action)).toEqual(["provider.create", "provider.update", "provider.delete"]);
    expect(rows[0].after).toMatchObject({ name, kind: "openai", hasApiKey: true, apiKey: MASK });
    expect(rows[1].after).toMatchObject({ apiKey: MASK });
    expect(rows[2]).toMatchObject({ before: { name }, after: null });
    const stored = JSON.stringify(await db().auditLog.findMany({ where: { targetId: id } }));
    expect(stored).not.toMatch(/sk-upstream|encryptedApiKey":"v/);
  });

  it("model create/update/delete records prices before and after", async () => {
    const name = `audited-model-${uniqueSuffix()}`;
    const created = await callRoute(models.POST, send("POST", "/api/admin/models", { name, upstreamModel: "gpt-4o", inputPricePerMTok: 2.5, outputPricePerMTok: 10 }));
    const id = created.body.id;
    await callRoute(modelItem.PATCH, send("PATCH", `/api/admin/models/${id}`, { inputPricePerMTok: 3 }), { id });
    await callRoute(modelItem.DELETE, send("DELETE", `/api/admin/models/${id}`), { id });

    const rows = await auditRows("model", id);
    expect(rows.map((r) => r.action)).toEqual(["model.create", "model.update", "model.delete"]);
    expect(rows[1]).toMatchObject({ before: { inputPricePerMTok: 2.5 }, after: { inputPricePerMTok: 3 } });
    expect(rows[2].before).toMatchObject({ name });
  });
});
