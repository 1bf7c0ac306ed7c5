import { beforeAll, describe, expect, it } from "vitest";
import { uniqueSuffix } from "../../test/support/test-ids";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor } from "../http/admin-test-support";
import * as collection from "./users-route";
import * as item from "./user-route";

beforeAll(() => enableTestAdminApiKey());

describe("/api/admin/users", () => {
  it("creates (201), reads, updates and deletes a user", async () => {
    const email = `route-${uniqueSuffix()}@example.com`;
    const created = await callRoute(
      collection.POST,
      adminRequest("/api/admin/users", { method: "POST", body: { email, name: "Route", role: "developer", tier: "pro" } }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, role: "developer", tier: "pro", teamId: null, teamName: null, hasPassword: false });
    const id = created.body.id;

    const listed = await callRoute(collection.GET, adminRequest(`/api/admin/users?q=${email}&role=developer`));
    expect(listed.body).toMatchObject({ total: 1, data: [{ id }] });

    const patched = await callRoute(item.PATCH, adminRequest(`/api/admin/users/${id}`, { method: "PATCH", body: { tier: "enterprise" } }), { id });
    expect(patched.body.tier).toBe("enterprise");

    expect((await callRoute(item.DELETE, adminRequest(`/api/admin/users/${id}`, { method: "DELETE" }), { id })).status).toBe(200);
    expect((await callRoute(item.GET, adminRequest(`/api/admin/users/${id}`), { id })).status).toBe(404);
  });

  it("answers 422 naming the field, 409 on duplicates, 401 without auth", async () => {
    const bad = await callRoute(collection.POST, adminRequest("/api/admin/users", { method: "POST", body: { email: "not-an-email", name: "x" } }));
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: "validation_failed", field: "email" });

    const badRole = await callRoute(collection.GET, adminRequest("/api/admin/users?role=owner"));
    expect(badRole.status).toBe(422);
    expect(badRole.body.error.field).toBe("role");

    const email = `twice-${uniqueSuffix()}@example.com`;
    await callRoute(collection.POST, adminRequest("/api/admin/users", { method: "POST", body: { email, name: "A" } }));
    const dup = await callRoute(collection.POST, adminRequest("/api/admin/users", { method: "POST", body: { email, name: "B" } }));
    expect(dup.status).toBe(409);

    expect((await callRoute(collection.GET, adminRequest("/api/admin/users", { auth: "none" }))).status).toBe(401);
  });

  it("keeps the user directory from developers and mutations from viewers", async () => {
    const developer = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    const viewer = await createTestUser({ role: "viewer", suffix: uniqueSuffix() });
    expect((await callRoute(collection.GET, adminRequest("/api/admin/users", { auth: await sessionCookieFor(developer) }))).status).toBe(403);
    const viewerAuth = await sessionCookieFor(viewer);
    expect((await callRoute(collection.GET, adminRequest("/api/admin/users", { auth: viewerAuth }))).status).toBe(200);
    const id = developer.id;
    const patch = adminRequest(`/api/admin/users/${id}`, { method: "PATCH", auth: viewerAuth, body: { role: "admin" } });
    expect((await callRoute(item.PATCH, patch, { id })).status).toBe(403);
  });

  it("drops the session of a user once they are disabled", async () => {
    const viewer = await createTestUser({ role: "viewer", suffix: uniqueSuffix() });
    const auth = await sessionCookieFor(viewer);
    expect((await callRoute(collection.GET, adminRequest("/api/admin/users", { auth }))).status).toBe(200);
    await callRoute(item.PATCH, adminRequest(`/api/admin/users/${viewer.id}`, { method: "PATCH", body: { disabled: true } }), { id: viewer.id });
    expect((await callRoute(collection.GET, adminRequest("/api/admin/users", { auth }))).status).toBe(401);
  });
});
