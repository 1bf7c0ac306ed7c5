import { describe, expect, it } from "vitest";
import { GET } from "./openapi-route";

describe("GET /api/openapi.json", () => {
  it("serves an OpenAPI 3.1 document of the admin API and the proxy", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    const doc = await response.json();
    expect(doc.openapi).toBe("3.1.0");
    for (const path of [
      "/api/v1/chat/completions",
      "/api/v1/embeddings",
      "/api/v1/models",
      "/api/admin/me",
      "/api/admin/keys",
      "/api/admin/keys/{id}",
      "/api/admin/usage/timeseries",
      "/api/admin/playground/models",
      "/api/admin/quotas",
      "/api/admin/quotas/status",
      "/api/admin/rate-limits",
      "/api/admin/usage/verify",
      "/api/admin/billing",
      "/api/admin/alert-rules",
      "/api/admin/alerts",
      "/api/admin/audit-log",
      "/api/admin/audit-log/verify",
      "/api/admin/cache/warmups",
      "/api/admin/cache/warmups/estimate",
      "/api/admin/cache/warmups/{id}",
      "/api/admin/cache/warmups/{id}/items",
      "/api/admin/cache/warmups/{id}/cancel",
    ]) {
      expect(doc.paths).toHaveProperty([path]);
    }
    expect(Object.keys(doc.paths["/api/admin/teams/{id}"]).sort()).toEqual(["delete", "get", "patch"]);
    expect(doc.paths["/api/v1/chat/completions"].post.security).toEqual([{ virtualKey: [] }]);
  });

  it("derives schemas from the zod contracts and resolves every $ref", async () => {
    const doc = await (await GET()).json();
    const schemas = doc.components.schemas;
    expect(schemas.CreatedApiKey.required).toContain("key");
    expect(schemas.ApiKey.properties).not.toHaveProperty("key");
    expect(schemas.CreateProvider.properties.kind.enum).toEqual(["openai", "openai-compatible", "anthropic", "gemini"]);
    expect(schemas.Provider.properties).not.toHaveProperty("apiKey");
    expect(schemas.CreateUser.required).toEqual(expect.arrayContaining(["email", "name"]));

    const keysList = doc.paths["/api/admin/keys"].get;
    expect(keysList.parameters.map((p: { name: string }) => p.name)).toEqual(["userId", "teamId", "status", "q", "page", "pageSize"]);
    expect(keysList.parameters.every((p: { required: boolean }) => !p.required)).toBe(true);
    expect(doc.paths["/api/admin/keys"].post.responses["201"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/CreatedApiKey",
    });

    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[A-Za-z]+/g) ?? [];
    for (const r of new Set(refs)) expect(schemas).toHaveProperty([r.split("/").pop()!]);
  });
});
