import { beforeAll, describe, expect, it } from "vitest";
import { uniqueSuffix } from "../../test/support/test-ids";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor } from "../http/admin-test-support";
import * as collection from "./teams-route";
import * as item from "./team-route";

beforeAll(() => enableTestAdminApiKey());

describe("/api/admin/teams", () => {
  it("creates (201), reads, updates and deletes a team with the admin API key", async () => {
    const name = `Route team ${uniqueSuffix()}`;
    const created = await callRoute(collection.POST, adminRequest("/api/admin/teams", { method: "POST", body: { name } }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, memberCount: 0 });
    expect(created.headers.get("x-request-id")).toBeTruthy();
    const id = created.body.id;

    const listed = await callRoute(collection.GET, adminRequest(`/api/admin/teams?q=${encodeURIComponent(name)}`));
    expect(listed.body).toMatchObject({ total: 1, data: [{ id }] });

    const patched = await callRoute(item.PATCH, adminRequest(`/api/admin/teams/${id}`, { method: "PATCH", body: { name: `${name}!` } }), { id });
    expect(patched.body.name).toBe(`${name}!`);

    const deleted = await callRoute(item.DELETE, adminRequest(`/api/admin/teams/${id}`, { method: "DELETE" }), { id });
    expect(deleted.status).toBe(200);
    const gone = await callRoute(item.GET, adminRequest(`/api/admin/teams/${id}`), { id });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("not_found");
  });

  it("answers 401 without credentials and with a wrong bearer key", async () => {
    expect((await callRoute(collection.GET, adminRequest("/api/admin/teams", { auth: "none" }))).status).toBe(401);
    const wrong = await callRoute(collection.GET, adminRequest("/api/admin/teams", { auth: { bearer: "nope-nope-nope-nope" } }));
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("invalid_api_key");
  });

  it("lets a viewer session read but not create (403)", async () => {
    const viewer = await createTestUser({ role: "viewer", suffix: uniqueSuffix() });
    const auth = await sessionCookieFor(viewer);
    expect((await callRoute(collection.GET, adminRequest("/api/admin/teams", { auth }))).status).toBe(200);
    const denied = await callRoute(collection.POST, adminRequest("/api/admin/teams", { method: "POST", auth, body: { name: "x" } }));
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("forbidden");
  });

  it("answers 409 on a duplicate name, 422 naming the field, 400 on bad JSON", async () => {
    const name = `Dup ${uniqueSuffix()}`;
    await callRoute(collection.POST, adminRequest("/api/admin/teams", { method: "POST", body: { name } }));
    const dup = await callRoute(collection.POST, adminRequest("/api/admin/teams", { method: "POST", body: { name } }));
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: "conflict", field: "name" });

    const invalid = await callRoute(collection.POST, adminRequest("/api/admin/teams", { method: "POST", body: { name: "" } }));
    expect(invalid.status).toBe(422);
    expect(invalid.body.error).toMatchObject({ code: "validation_failed", field: "name" });

    const badJson = await callRoute(collection.POST, adminRequest("/api/admin/teams", { method: "POST", rawBody: "{nope" }));
    expect(badJson.status).toBe(400);
  });
});
