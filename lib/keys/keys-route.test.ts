import { beforeAll, describe, expect, it, vi } from "vitest";
import { uniqueSuffix } from "../../test/support/test-ids";
import { sharedStore } from "../store";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor } from "../http/admin-test-support";
import * as collection from "./keys-route";
import * as item from "./key-route";

const invalidated: string[] = [];
beforeAll(async () => {
  enableTestAdminApiKey();
  await sharedStore().subscribe("key-invalidated", (id) => invalidated.push(id));
});

describe("/api/admin/keys", () => {
  it("creates a key (201 with plaintext), never shows it again, revokes it with DELETE", async () => {
    const user = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    const created = await callRoute(
      collection.POST,
      adminRequest("/api/admin/keys", { method: "POST", body: { userId: user.id, name: "prod", expiresAt: "2999-01-01" } }),
    );
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^tg-[0-9A-Za-z]{40}$/);
    expect(created.body).toMatchObject({ userId: user.id, status: "active", expiresAt: "2999-01-01T00:00:00.000Z" });
    const id = created.body.id;

    const fetched = await callRoute(item.GET, adminRequest(`/api/admin/keys/${id}`), { id });
    expect(fetched.body).not.toHaveProperty("key");
    const listed = await callRoute(collection.GET, adminRequest(`/api/admin/keys?userId=${user.id}`));
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);

    const revoked = await callRoute(item.DELETE, adminRequest(`/api/admin/keys/${id}`, { method: "DELETE" }), { id });
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe("revoked");
    await vi.waitFor(() => expect(invalidated).toContain(id));
  });

  it("answers 422 naming the field, 404 for unknown ids", async () => {
    const user = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    const bad = await callRoute(
      collection.POST,
      adminRequest("/api/admin/keys", { method: "POST", body: { userId: user.id, name: "x", models: ["no-such-model"] } }),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: "validation_failed", field: "models" });
    const noOwner = await callRoute(collection.POST, adminRequest("/api/admin/keys", { method: "POST", body: { name: "x" } }));
    expect(noOwner.body.error.field).toBe("userId");
    const badStatus = await callRoute(collection.GET, adminRequest("/api/admin/keys?status=lost"));
    expect(badStatus.body.error.field).toBe("status");
    expect((await callRoute(item.GET, adminRequest("/api/admin/keys/nope"), { id: "nope" })).status).toBe(404);
  });

  it("lets a developer manage only their own keys", async () => {
    const dev = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    const other = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    const auth = await sessionCookieFor(dev);

    const own = await callRoute(collection.POST, adminRequest("/api/admin/keys", { method: "POST", auth, body: { name: "mine" } }));
    expect(own.status).toBe(201);
    expect(own.body.userId).toBe(dev.id);
    const forOther = await callRoute(collection.POST, adminRequest("/api/admin/keys", { method: "POST", auth, body: { userId: other.id, name: "x" } }));
    expect(forOther.status).toBe(403);

    const othersKey = await callRoute(collection.POST, adminRequest("/api/admin/keys", { method: "POST", body: { userId: other.id, name: "theirs" } }));
    const id = othersKey.body.id;
    expect((await callRoute(item.GET, adminRequest(`/api/admin/keys/${id}`, { auth }), { id })).status).toBe(403);
    expect((await callRoute(item.DELETE, adminRequest(`/api/admin/keys/${id}`, { method: "DELETE", auth }), { id })).status).toBe(403);

    const list = await callRoute(collection.GET, adminRequest(`/api/admin/keys?userId=${other.id}`, { auth }));
    expect(list.body.data.map((k: { userId: string }) => k.userId)).toEqual([dev.id]);

    const renamed = await callRoute(
      item.PATCH,
      adminRequest(`/api/admin/keys/${own.body.id}`, { method: "PATCH", auth, body: { name: "renamed" } }),
      { id: own.body.id },
    );
    expect(renamed.body.name).toBe("renamed");
  });

  it("lets a viewer read every key but change none", async () => {
    const viewer = await createTestUser({ role: "viewer", suffix: uniqueSuffix() });
    const dev = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    const key = await callRoute(collection.POST, adminRequest("/api/admin/keys", { method: "POST", body: { userId: dev.id, name: "k" } }));
    const auth = await sessionCookieFor(viewer);
    const id = key.body.id;
    expect((await callRoute(item.GET, adminRequest(`/api/admin/keys/${id}`, { auth }), { id })).status).toBe(200);
    expect((await callRoute(collection.POST, adminRequest("/api/admin/keys", { method: "POST", auth, body: { name: "v" } }))).status).toBe(403);
    expect((await callRoute(item.DELETE, adminRequest(`/api/admin/keys/${id}`, { method: "DELETE", auth }), { id })).status).toBe(403);
  });
});
