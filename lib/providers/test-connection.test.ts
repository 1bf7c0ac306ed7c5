// "Test connection" against the real fake upstream: the free models listing of each provider kind,
// the result kept as the provider's last test, and failures reported in words without the key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { resetEnvCache } from "../env";
import { uniqueSuffix } from "../../test/support/test-ids";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor } from "../http/admin-test-support";
import * as collection from "./providers-route";
import * as item from "./provider-route";
import * as test from "./provider-test-route";
import { sanitizeTestError } from "./test-connection";

const UPSTREAM_KEY = "sk-upstream-key-for-connection-tests";
let upstream: FakeUpstream;

beforeAll(async () => {
  enableTestAdminApiKey();
  upstream = await startFakeUpstream({ apiKey: UPSTREAM_KEY });
});

afterAll(async () => {
  await upstream?.close();
  delete process.env.TOLLGATE_BLOCK_PRIVATE_NETWORKS;
  resetEnvCache();
});

async function provider(body: Record<string, unknown>): Promise<string> {
  const created = await callRoute(collection.POST, adminRequest("/api/admin/providers", { method: "POST", body: { name: `Conn ${uniqueSuffix()}`, ...body } }));
  expect(created.status).toBe(201);
  return created.body.id;
}

const testConnection = (id: string, auth?: { cookie: string }) =>
  callRoute(test.POST, adminRequest(`/api/admin/providers/${id}/test`, { method: "POST", ...(auth ? { auth } : {}) }), { id });

describe("POST /api/admin/providers/{id}/test", () => {
  it("lists an OpenAI-compatible provider's models and keeps the result as its last test", async () => {
    const id = await provider({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: UPSTREAM_KEY });
    upstream.clear();
    const result = await testConnection(id);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ ok: true, status: 200, modelCount: 3, error: null, models: ["gpt-4o-mini", "gpt-4o", "text-embedding-3-small"] });
    expect(result.body.latencyMs).toBeGreaterThanOrEqual(0);
    // The free listing, never a completion.
    expect(upstream.requests.map((r) => `${r.method} ${r.path}`)).toEqual([]);

    const listed = await callRoute(item.GET, adminRequest(`/api/admin/providers/${id}`), { id });
    expect(listed.body.lastTest).toEqual({ testedAt: result.body.testedAt, ok: true, status: 200, latencyMs: result.body.latencyMs, modelCount: 3, error: null });
  });

  it("reads Anthropic's and Gemini's listings", async () => {
    const anthropic = await testConnection(await provider({ kind: "anthropic", baseUrl: upstream.url, apiKey: UPSTREAM_KEY }));
    expect(anthropic.body).toMatchObject({ ok: true, modelCount: 3 });
    const gemini = await testConnection(await provider({ kind: "gemini", baseUrl: upstream.url, apiKey: UPSTREAM_KEY }));
    expect(gemini.body).toMatchObject({ ok: true, modelCount: 3, models: ["gpt-4o-mini", "gpt-4o", "text-embedding-3-small"] });
  });

  it("reports a wrong key in words (still a 200) and replaces the previous result", async () => {
    const id = await provider({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: UPSTREAM_KEY });
    expect((await testConnection(id)).body.ok).toBe(true);
    const wrongKey = "sk-wrong-key-0123456789abcdef";
    await callRoute(item.PATCH, adminRequest(`/api/admin/providers/${id}`, { method: "PATCH", body: { apiKey: wrongKey } }), { id });
    const failed = await testConnection(id);
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ ok: false, status: 401, modelCount: 0, models: [] });
    expect(failed.body.error).toBe("The provider answered 401 (check the API key): Incorrect API key provided.");
    const listed = await callRoute(item.GET, adminRequest(`/api/admin/providers/${id}`), { id });
    expect(listed.body.lastTest).toMatchObject({ ok: false, status: 401 });
  });

  it("reports a wrong base URL and an upstream that does not answer", async () => {
    const wrongPath = await testConnection(await provider({ kind: "openai-compatible", baseUrl: `${upstream.url}/nothing-here`, apiKey: UPSTREAM_KEY }));
    expect(wrongPath.body).toMatchObject({ ok: false, status: 404 });
    expect(wrongPath.body.error).toContain("(check the base URL)");
    // A port nothing listens on: closed right after it was bound.
    const gone = await startFakeUpstream({ recordLimit: 0 });
    await gone.close();
    const refused = await testConnection(await provider({ kind: "openai-compatible", baseUrl: `${gone.url}/v1`, apiKey: UPSTREAM_KEY }));
    expect(refused.body).toMatchObject({ ok: false, status: null });
    expect(refused.body.error).toMatch(/^No answer from the provider: /);
  });

  it("refuses a base URL the outbound policy blocks without calling it", async () => {
    process.env.TOLLGATE_BLOCK_PRIVATE_NETWORKS = "true";
    resetEnvCache();
    try {
      upstream.clear();
      // Created while allowed, tested after the policy changed.
      const result = await testConnection(await providerCreatedWhileAllowed());
      expect(result.body).toMatchObject({ ok: false, status: null });
      expect(result.body.error).toMatch(/^The base URL /);
    } finally {
      delete process.env.TOLLGATE_BLOCK_PRIVATE_NETWORKS;
      resetEnvCache();
    }
  });

  it("is for admins (403 for a developer) and answers 404 for an unknown provider", async () => {
    const id = await provider({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: UPSTREAM_KEY });
    const dev = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    expect((await testConnection(id, await sessionCookieFor(dev))).status).toBe(403);
    expect((await testConnection("cm0000000000000000000000")).status).toBe(404);
  });
});

async function providerCreatedWhileAllowed(): Promise<string> {
  delete process.env.TOLLGATE_BLOCK_PRIVATE_NETWORKS;
  resetEnvCache();
  const id = await provider({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: UPSTREAM_KEY });
  process.env.TOLLGATE_BLOCK_PRIVATE_NETWORKS = "true";
  resetEnvCache();
  return id;
}

describe("sanitizeTestError", () => {
  it("never shows the provider's key or anything that looks like a credential", () => {
    const key = "sk-proj-abcdefghijklmnopqrstuvwxyz";
    expect(sanitizeTestError(`Incorrect API key provided: ${key}.`, key)).toBe("Incorrect API key provided: [REDACTED].");
    expect(sanitizeTestError("echo Bearer abcdefghijklmnop", "other")).toBe("echo [REDACTED]");
  });
});
