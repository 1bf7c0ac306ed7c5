import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "../env";
import { getProviderCredential } from "./provider-credential";
import { uniqueSuffix } from "../../test/support/test-ids";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor } from "../http/admin-test-support";
import * as collection from "./providers-route";
import * as item from "./provider-route";

beforeAll(() => enableTestAdminApiKey());
afterEach(() => {
  delete process.env.TOLLGATE_BLOCK_PRIVATE_NETWORKS;
  resetEnvCache();
});

async function createProvider(body: Record<string, unknown>) {
  return callRoute(collection.POST, adminRequest("/api/admin/providers", { method: "POST", body: { name: `P ${uniqueSuffix()}`, ...body } }));
}

async function patchProvider(id: string, body: Record<string, unknown>) {
  return callRoute(item.PATCH, adminRequest(`/api/admin/providers/${id}`, { method: "PATCH", body }), { id });
}

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

  it("refuses metadata, link-local and unspecified base URLs with a 400 naming baseUrl, on create and update", async () => {
    for (const baseUrl of ["http://169.254.169.254/v1", "http://[fd00:ec2::254]/v1", "http://[::ffff:169.254.169.254]/", "http://metadata.google.internal/v1", "http://0.0.0.0:8000/v1", "http://[fe80::1]/v1"]) {
      const refused = await createProvider({ kind: "openai-compatible", baseUrl, apiKey: "sk-1" });
      expect({ baseUrl, status: refused.status, error: refused.body.error }).toMatchObject({ status: 400, error: { code: "url_not_allowed", field: "baseUrl" } });
    }
    const local = await createProvider({ kind: "openai-compatible", baseUrl: "http://127.0.0.1:11434/v1", apiKey: "sk-1" });
    expect(local.status).toBe(201);
    const moved = await patchProvider(local.body.id, { baseUrl: "http://169.254.169.254/v1", apiKey: "sk-2" });
    expect(moved.status).toBe(400);
    expect(moved.body.error.field).toBe("baseUrl");
  });

  it("refuses loopback and private base URLs only when TOLLGATE_BLOCK_PRIVATE_NETWORKS is on", async () => {
    expect((await createProvider({ kind: "openai-compatible", baseUrl: "http://10.0.0.7/v1", apiKey: "sk-1" })).status).toBe(201);
    process.env.TOLLGATE_BLOCK_PRIVATE_NETWORKS = "true";
    resetEnvCache();
    for (const baseUrl of ["http://10.0.0.7/v1", "http://localhost:11434/v1", "http://[::1]:8000/v1"]) {
      const refused = await createProvider({ kind: "openai-compatible", baseUrl, apiKey: "sk-1" });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/^baseUrl: points at .*TOLLGATE_BLOCK_PRIVATE_NETWORKS is on\.$/);
    }
  });

  it("asks for the API key again when the key would go to another host, and keeps it for the same host", async () => {
    const created = await createProvider({ kind: "openai-compatible", baseUrl: "https://llm.example.com/v1", apiKey: "sk-original" });
    const id = created.body.id;

    const samehost = await patchProvider(id, { baseUrl: "https://llm.example.com/openai/v1" });
    expect(samehost.status).toBe(200);

    for (const change of [{ baseUrl: "https://attacker.example.net/v1" }, { baseUrl: "http://llm.example.com/v1" }, { baseUrl: "https://llm.example.com:8443/v1" }, { kind: "openai", baseUrl: null }]) {
      const refused = await patchProvider(id, change);
      expect({ change, status: refused.status, error: refused.body.error }).toMatchObject({ status: 400, error: { code: "api_key_required", field: "apiKey" } });
    }
    expect((await patchProvider(id, { baseUrl: "https://attacker.example.net/v1" })).body.error.message).toBe(
      "apiKey: required when the provider moves from https://llm.example.com to https://attacker.example.net; the stored key is only sent where it was entered for.",
    );
    expect(await getProviderCredential(id)).toBe("sk-original");
    expect((await callRoute(item.GET, adminRequest(`/api/admin/providers/${id}`), { id })).body.baseUrl).toBe("https://llm.example.com/openai/v1");

    const withKey = await patchProvider(id, { baseUrl: "https://other.example.org/v1", apiKey: "sk-for-other" });
    expect(withKey.status).toBe(200);
    expect(await getProviderCredential(id)).toBe("sk-for-other");

    const anthropic = await createProvider({ kind: "anthropic", apiKey: "sk-ant" });
    const switched = await patchProvider(anthropic.body.id, { kind: "gemini" });
    expect(switched.body.error).toMatchObject({ field: "apiKey", message: expect.stringContaining("from the official anthropic API to the official gemini API") });
  });
});
