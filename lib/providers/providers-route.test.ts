import { beforeAll, describe, expect, it } from "vitest";
import { uniqueSuffix } from "../../test/support/test-ids";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor } from "../http/admin-test-support";
import * as collection from "./providers-route";
import * as item from "./provider-route";

beforeAll(() => enableTestAdminApiKey());

describe("/api/admin/providers", () => {
  it("creates (201) without ever returning the key, updates, deletes", async () => {
    const name = `Gemini ${uniqueSuffix()}`;
    const created = await callRoute(
      collection.POST,
      adminRequest("/api/admin/providers", { method: "POST", body: { name, kind: "gemini", apiKey: "AIza-secret" } }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, kind: "gemini", hasApiKey: true });
    expect(JSON.stringify(created.body)).not.toContain("AIza-secret");
    const id = created.body.id;

    const patched = await callRoute(item.PATCH, adminRequest(`/api/admin/providers/${id}`, { method: "PATCH", body: { apiKey: "AIza-2" } }), { id });
    expect(patched.status).toBe(200);
    expect(JSON.stringify(patched.body)).not.toContain("AIza-2");
    expect((await callRoute(item.DELETE, adminRequest(`/api/admin/providers/${id}`, { method: "DELETE" }), { id })).status).toBe(200);
    expect((await callRoute(item.GET, adminRequest(`/api/admin/providers/${id}`), { id })).status).toBe(404);
  });

  it("answers 422 for a missing baseUrl, 409 for a duplicate, 403 for a developer", async () => {
    const missing = await callRoute(
      collection.POST,
      adminRequest("/api/admin/providers", { method: "POST", body: { name: "x", kind: "openai-compatible", apiKey: "k" } }),
    );
    expect(missing.status).toBe(422);
    expect(missing.body.error.field).toBe("baseUrl");

    const name = `Dup ${uniqueSuffix()}`;
    await callRoute(collection.POST, adminRequest("/api/admin/providers", { method: "POST", body: { name, kind: "openai", apiKey: "k" } }));
    const dup = await callRoute(collection.POST, adminRequest("/api/admin/providers", { method: "POST", body: { name, kind: "openai", apiKey: "k" } }));
    expect(dup.status).toBe(409);

    const dev = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    const auth = await sessionCookieFor(dev);
    const denied = await callRoute(
      collection.POST,
      adminRequest("/api/admin/providers", { method: "POST", auth, body: { name: "d", kind: "openai", apiKey: "k" } }),
    );
    expect(denied.status).toBe(403);
  });
});
