import { beforeAll, describe, expect, it } from "vitest";
import { uniqueSuffix } from "../../test/support/test-ids";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor } from "../http/admin-test-support";
import * as collection from "./models-route";
import * as item from "./model-route";
import * as playground from "./playground-models-route";

beforeAll(() => enableTestAdminApiKey());

describe("/api/admin/models", () => {
  it("creates (201), updates, lists and deletes a model", async () => {
    const name = `route-model-${uniqueSuffix()}`;
    const created = await callRoute(
      collection.POST,
      adminRequest("/api/admin/models", {
        method: "POST",
        body: { name, upstreamModel: "gpt-4o", inputPricePerMTok: 2.5, outputPricePerMTok: 10, contextWindow: 128000 },
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, inputPricePerMTok: 2.5, enabled: true, cachedPricePerMTok: null });
    const id = created.body.id;

    const patched = await callRoute(item.PATCH, adminRequest(`/api/admin/models/${id}`, { method: "PATCH", body: { enabled: false } }), { id });
    expect(patched.body.enabled).toBe(false);
    const listed = await callRoute(collection.GET, adminRequest(`/api/admin/models?q=${name}&enabled=false`));
    expect(listed.body).toMatchObject({ total: 1, data: [{ id }] });

    expect((await callRoute(item.DELETE, adminRequest(`/api/admin/models/${id}`, { method: "DELETE" }), { id })).status).toBe(200);
    expect((await callRoute(item.GET, adminRequest(`/api/admin/models/${id}`), { id })).status).toBe(404);
  });

  it("answers 422 naming the field and 403 for a viewer", async () => {
    const negative = await callRoute(
      collection.POST,
      adminRequest("/api/admin/models", { method: "POST", body: { name: "x", upstreamModel: "x", inputPricePerMTok: -1, outputPricePerMTok: 1 } }),
    );
    expect(negative.status).toBe(422);
    expect(negative.body.error.field).toBe("inputPricePerMTok");

    const viewer = await createTestUser({ role: "viewer", suffix: uniqueSuffix() });
    const auth = await sessionCookieFor(viewer);
    expect((await callRoute(item.PATCH, adminRequest("/api/admin/models/x", { method: "PATCH", auth, body: {} }), { id: "x" })).status).toBe(403);
    expect((await callRoute(playground.GET, adminRequest("/api/admin/playground/models", { auth }))).status).toBe(200);
  });
});
