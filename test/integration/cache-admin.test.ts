// The cache's admin API through its route handlers: settings (validation with 400s naming the
// field, audit), entries (import, list, view, delete, purge), stats and shadow records.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { adminRequest, callRoute, createTestUser, sessionCookieFor } from "@/lib/http/admin-test-support";
import * as settingsRoute from "@/lib/cache/settings-route";
import * as entriesRoute from "@/lib/cache/entries-route";
import * as entryRoute from "@/lib/cache/entry-route";
import * as statsRoute from "@/lib/cache/stats-route";
import * as shadowRoute from "@/lib/cache/shadow-route";
import { lookupChat } from "@/lib/cache/chat-cache";
import { NO_DIRECTIVES } from "@/lib/cache/cache-directives";
import { catalogEmbedder } from "@/lib/gateway/catalog-embedder";
import { updateCacheSettings } from "@/lib/cache/settings-mutations";
import { createProviderWithModel } from "../support/gateway-fixtures";
import { uniqueSuffix } from "../support/test-ids";

// The suite runs in an organization of its own, signed in as that organization's admin: turning the
// cache on (below) must never reach the default organization, where the proxy suites running in
// parallel would see their repeated prompts answered from the cache.
let orgId: string;
let model: string;
let teamId: string;
let auth: { cookie: string };

const asAdmin = (path: string, options: Parameters<typeof adminRequest>[1] = {}) => adminRequest(path, { ...options, auth });
const put = (body: unknown) => callRoute(settingsRoute.PUT, asAdmin("/api/admin/cache/settings", { method: "PUT", body }));

beforeAll(async () => {
  const suffix = uniqueSuffix();
  orgId = (await db().organization.create({ data: { name: `cache-admin-${suffix}` } })).id;
  auth = await sessionCookieFor(await createTestUser({ role: "admin", suffix: `cache-admin-${suffix}`, orgId }));
  model = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: "http://127.0.0.1:9/v1", apiKey: "sk-x", orgId })).modelName;
  teamId = (await db().team.create({ data: { orgId, name: `cache-admin-${suffix}` } })).id;
});

describe("GET/PUT /api/admin/cache/settings", () => {
  it("answers the settings in the contract's shape", async () => {
    const result = await callRoute(settingsRoute.GET, asAdmin("/api/admin/cache/settings"));
    expect(result.status).toBe(200);
    expect(Object.keys(result.body).sort()).toEqual(["admission", "embeddingModel", "enabled", "managedBy", "maxBytes", "maxEntries", "mode", "namespace", "shadow", "similarityThreshold", "ttlSeconds", "updatedAt"]);
  });

  it.each([
    [{ ttlSeconds: 0 }, "ttlSeconds"],
    [{ ttlSeconds: "60" }, "ttlSeconds"],
    [{ mode: "fuzzy" }, "mode"],
    [{ namespace: "user" }, "namespace"],
    [{ admission: "sometimes" }, "admission"],
    [{ similarityThreshold: 1.5 }, "similarityThreshold"],
    [{ maxBytes: 10 }, "maxBytes"],
    [{ unknown: true }, "unknown"],
    [{ mode: "semantic", embeddingModel: null }, "embeddingModel"],
    [{ shadow: true, embeddingModel: null }, "embeddingModel"],
    [{ embeddingModel: "no-such-model" }, "embeddingModel"],
  ])("refuses %j with a 400 naming %s", async (body, field) => {
    const result = await put(body);
    expect(result.status).toBe(400);
    expect(result.body.error.field).toBe(field);
  });

  it("refuses a body that is not JSON with a 400", async () => {
    const result = await callRoute(settingsRoute.PUT, asAdmin("/api/admin/cache/settings", { method: "PUT", rawBody: "{nope" }));
    expect(result.status).toBe(400);
  });

  it("changes only the fields given, applies them at once and writes the audit log", async () => {
    const ttl = 1234 + Math.floor(Math.random() * 1000);
    const result = await put({ ttlSeconds: ttl });
    expect(result.status).toBe(200);
    expect(result.body.ttlSeconds).toBe(ttl);
    const audit = await db().auditLog.findFirst({ where: { orgId, action: "cache.settings.update" }, orderBy: { createdAt: "desc" } });
    expect(audit?.after).toContain(String(ttl));
  });
});

describe("/api/admin/cache/entries", () => {
  it("imports a pair, lists, shows, deletes it; purges by team", async () => {
    const messages = [{ role: "user", content: `What are your opening hours? ${uniqueSuffix()}` }];
    const missingTeam = await callRoute(entriesRoute.POST, asAdmin("/api/admin/cache/entries", { method: "POST", body: { model, messages, answer: "9 to 5" } }));
    expect(missingTeam.status).toBe(400);
    expect(missingTeam.body.error.field).toBe("teamId");
    const badModel = await callRoute(entriesRoute.POST, asAdmin("/api/admin/cache/entries", { method: "POST", body: { model: "nope", teamId, messages, answer: "x" } }));
    expect(badModel.body.error.field).toBe("model");

    const created = await callRoute(entriesRoute.POST, asAdmin("/api/admin/cache/entries", { method: "POST", body: { model, teamId, messages, answer: "9 to 5" } }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ model, teamId, source: "import", prompt: messages[0].content, answerText: "9 to 5", kind: "chat" });

    // The proxy's lookup finds it for a caller of that team.
    await updateCacheSettings({ orgId, input: { enabled: true } });
    try {
      const principal = { orgId, keyId: null, userId: "someone", teamId, allowedModels: null, expiresAt: null };
      const found = await lookupChat({ requestId: "req_test", principal, model, request: { model, messages }, directives: NO_DIRECTIVES, modelEmbedder: catalogEmbedder });
      expect(found.status).toBe("hit");
    } finally {
      await updateCacheSettings({ orgId, input: { enabled: false } });
    }

    const list = await callRoute(entriesRoute.GET, asAdmin(`/api/admin/cache/entries?teamId=${teamId}&q=opening`));
    expect(list.status).toBe(200);
    expect(list.body.data.map((e: { id: string }) => e.id)).toContain(created.body.id);
    const shown = await callRoute(entryRoute.GET, asAdmin(`/api/admin/cache/entries/${created.body.id}`), { id: created.body.id });
    expect(shown.body.answer.choices[0].message.content).toBe("9 to 5");
    expect(shown.body.request.messages).toEqual(messages);

    const removed = await callRoute(entryRoute.DELETE, asAdmin(`/api/admin/cache/entries/${created.body.id}`, { method: "DELETE" }), { id: created.body.id });
    expect(removed.status).toBe(200);
    expect((await callRoute(entryRoute.GET, asAdmin(`/api/admin/cache/entries/${created.body.id}`), { id: created.body.id })).status).toBe(404);

    for (const n of [1, 2]) {
      await callRoute(entriesRoute.POST, asAdmin("/api/admin/cache/entries", { method: "POST", body: { model, teamId, messages: [{ role: "user", content: `q${n}` }], answer: "a" } }));
    }
    const purged = await callRoute(entriesRoute.DELETE, asAdmin(`/api/admin/cache/entries?teamId=${teamId}`, { method: "DELETE" }));
    expect(purged.body).toEqual({ deleted: 2 });
    expect(await db().cacheEntry.count({ where: { orgId, teamId } })).toBe(0);
  });
});

describe("stats and shadow records", () => {
  it("answers stats in the contract's shape and validates the range", async () => {
    const result = await callRoute(statsRoute.GET, asAdmin(`/api/admin/cache/stats?model=${model}`));
    expect(result.status).toBe(200);
    for (const field of ["hits", "semanticHits", "misses", "hitRate", "tokensSaved", "costSaved", "entries", "bytes"]) expect(typeof result.body[field]).toBe("number");
    const reversed = await callRoute(statsRoute.GET, asAdmin("/api/admin/cache/stats?from=2026-02-01&to=2026-01-01"));
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.field).toBe("from");
  });

  it("lists shadow records newest first", async () => {
    await db().cacheShadowHit.create({ data: { orgId, requestId: "req_shadow_test", model, teamId, prompt: "a", entryId: "e", cachedPrompt: "b", similarity: 0.9 } });
    const result = await callRoute(shadowRoute.GET, asAdmin(`/api/admin/cache/shadow?teamId=${teamId}`));
    expect(result.status).toBe(200);
    expect(result.body.data[0]).toMatchObject({ requestId: "req_shadow_test", prompt: "a", cachedPrompt: "b", similarity: 0.9 });
  });
});
