// Body capture: off by default; turned on for a key or a team (audited), it stores the request and
// the answer (JSON and streamed) with secrets redacted, shows them to admins and the key's owner
// (not viewers), stops when turned off, and retention deletes expired captures in batches. Real
// HTTP, the fake upstream, the database DATABASE_URL names.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flushCaptures } from "@/lib/capture/capture-buffer";
import { CAPTURE_MAX_BODY_BYTES } from "@/lib/capture/capture-call";
import * as captureRoute from "@/lib/capture/capture-settings-route";
import { sweepCaptures } from "@/lib/capture/capture-sweeper";
import { redactSecrets } from "@/lib/capture/redact";
import { db } from "@/lib/db";
import { POST as chatCompletions } from "@/lib/gateway/chat-completions-route";
import { adminRequest, callRoute, createTestUser, sessionCookieFor, type TestAuth } from "@/lib/http/admin-test-support";
import { flushUsage } from "@/lib/usage/usage-recorder";
import * as detailRoute from "@/lib/usage/usage-detail-route";
import * as usageRoute from "@/lib/usage/usage-route";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { createProviderWithModel, createUserWithKey } from "../support/gateway-fixtures";
import { chat, enableTestAdminApiKey } from "../support/governance-fixtures";
import { serveHandlers } from "../support/handler-server";
import { uniqueSuffix } from "../support/test-ids";

let upstream: FakeUpstream;
let proxy: { url: string; close(): Promise<void> };
let model: string;
const SECRET_PROMPT = "my key is sk-proj-abcdefghijklmnopqrstuvwx and the header was Bearer abc.def.ghijklmnop";

async function capture(body: Record<string, unknown>, method: "PUT" | "DELETE" = "PUT") {
  const url = method === "PUT" ? "/api/admin/capture-settings" : `/api/admin/capture-settings?scope=${body.scope}&scopeId=${body.scopeId}`;
  return callRoute(captureRoute[method], adminRequest(url, { method, ...(method === "PUT" ? { body } : {}) }));
}

async function detail(requestId: string, auth?: TestAuth) {
  await flushUsage();
  await flushCaptures();
  return callRoute(detailRoute.GET, adminRequest(`/api/admin/usage/${requestId}`, auth ? { auth } : {}), { id: requestId });
}

beforeAll(async () => {
  enableTestAdminApiKey();
  upstream = await startFakeUpstream({ apiKey: "sk-upstream" });
  proxy = await serveHandlers({ "/api/v1/chat/completions": { POST: chatCompletions } });
  model = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream" })).modelName;
});

afterAll(async () => {
  await flushUsage();
  await proxy?.close();
  await upstream?.close();
});

describe("redactSecrets", () => {
  it("replaces keys, bearer tokens, JWTs, private keys and secret-named members, and leaves token counts alone", () => {
    const text = JSON.stringify({
      messages: [{ role: "user", content: "use sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAA or tg-" + "a".repeat(40) + " or AKIAABCDEFGHIJKLMNOP" }],
      api_key: "plain-value", password: "hunter2", clientSecret: "x", max_tokens: 12, usage: { prompt_tokens: 3 },
      note: "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmno",
      pem: "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----",
    });
    const redacted = redactSecrets(text);
    for (const secret of ["sk-ant-api03", "tg-aaaa", "AKIAABCDEFGHIJKLMNOP", "plain-value", "hunter2", "eyJhbGci", "MIIEow"]) expect(redacted).not.toContain(secret);
    const parsed = JSON.parse(redacted);
    expect(parsed).toMatchObject({ api_key: "[REDACTED]", password: "[REDACTED]", max_tokens: 12, usage: { prompt_tokens: 3 } });
  });
});

describe("body capture on the proxy", () => {
  it("stores nothing while capture is off", async () => {
    const { key } = await createUserWithKey();
    const answer = await chat(proxy.url, key, { model, messages: [{ role: "user", content: "hello" }] });
    const shown = await detail(answer.headers.get("x-request-id")!);
    expect(shown.body).toMatchObject({ captured: false, capture: null });
    expect(await db().capturedBody.count({ where: { requestId: answer.headers.get("x-request-id")! } })).toBe(0);
  });

  it("captures a key's JSON and streamed calls, redacted, for admins and the owner but not viewers; off stops it; both changes audited", async () => {
    const { key, keyId, userId } = await createUserWithKey();
    const on = await capture({ scope: "key", scopeId: keyId, retentionHours: 24 });
    expect(on.status).toBe(201);
    expect(on.body).toMatchObject({ scope: "key", scopeId: keyId, retentionHours: 24 });

    const json = await chat(proxy.url, key, { model, messages: [{ role: "user", content: SECRET_PROMPT }] });
    const stream = await chat(proxy.url, key, { model, stream: true, messages: [{ role: "user", content: "stream please" }] });
    expect(json.body).toMatchObject({ object: "chat.completion" });
    const jsonId = json.headers.get("x-request-id")!;
    const shown = await detail(jsonId);
    expect(shown.body.captured).toBe(true);
    expect(shown.body.capture.request).toContain("[REDACTED]");
    expect(shown.body.capture.request).not.toContain("sk-proj-abcdefghijklmnopqrstuvwx");
    expect(shown.body.capture.request).not.toContain("ghijklmnop");
    expect(JSON.parse(shown.body.capture.response)).toMatchObject({ object: "chat.completion" });
    expect(Date.parse(shown.body.capture.expiresAt) - Date.now()).toBeGreaterThan(23 * 3_600_000);

    const streamed = await detail(stream.headers.get("x-request-id")!);
    expect(streamed.body.capture.response).toContain("data: ");
    expect(streamed.body.capture.response).toContain("[DONE]");

    const owner = await sessionCookieFor(await db().user.findUniqueOrThrow({ where: { id: userId } }));
    expect((await detail(jsonId, owner)).body.capture).not.toBeNull();
    const viewer = await sessionCookieFor(await createTestUser({ role: "viewer", suffix: uniqueSuffix() }));
    const asViewer = await detail(jsonId, viewer);
    expect(asViewer.body).toMatchObject({ captured: true, capture: null });
    const log = await callRoute(usageRoute.GET, adminRequest(`/api/admin/usage?keyId=${keyId}`));
    expect(log.body.records.every((r: { captured: boolean }) => r.captured)).toBe(true);

    expect((await capture({ scope: "key", scopeId: keyId }, "DELETE")).status).toBe(200);
    const after = await chat(proxy.url, key, { model, messages: [{ role: "user", content: "not stored" }] });
    expect((await detail(after.headers.get("x-request-id")!)).body.captured).toBe(false);

    const audit = await db().auditLog.findMany({ where: { targetId: keyId, action: { startsWith: "capture." } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["capture.enable", "capture.disable"]);
  });

  it("captures a team's calls and cuts a body at the size limit", async () => {
    const { key, teamId } = await createUserWithKey();
    await capture({ scope: "team", scopeId: teamId, retentionHours: 1 });
    try {
      const big = "x".repeat(CAPTURE_MAX_BODY_BYTES + 1000);
      const answer = await chat(proxy.url, key, { model, messages: [{ role: "user", content: big }] });
      const shown = await detail(answer.headers.get("x-request-id")!);
      expect(shown.body.capture.truncated).toBe(true);
      expect(shown.body.capture.request.length).toBeLessThanOrEqual(CAPTURE_MAX_BODY_BYTES);
    } finally {
      await capture({ scope: "team", scopeId: teamId }, "DELETE");
    }
  });

  it("refuses bad settings naming the field, and an unknown key", async () => {
    const { keyId } = await createUserWithKey();
    const tooLong = await capture({ scope: "key", scopeId: keyId, retentionHours: 10_000 });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.field).toBe("retentionHours");
    expect(tooLong.body.error.message).toContain("30 days");
    const badScope = await capture({ scope: "user", scopeId: keyId, retentionHours: 1 });
    expect(badScope.body.error.field).toBe("scope");
    expect((await capture({ scope: "key", scopeId: "no-such-key", retentionHours: 1 })).status).toBe(404);
  });
});

describe("retention", () => {
  it("deletes expired captures in batches and keeps the rest", async () => {
    const orgId = (await db().organization.findFirstOrThrow()).id;
    const past = new Date(Date.now() - 1000);
    const prefix = `sweep-${uniqueSuffix()}`;
    const rows = (n: number, expiresAt: Date, tag: string) =>
      Array.from({ length: n }, (_, i) => ({ requestId: `${prefix}-${tag}-${i}`, orgId, request: "{}", expiresAt }));
    for (let i = 0; i < 3; i++) await db().capturedBody.createMany({ data: rows(400, past, `old${i}`) });
    await db().capturedBody.createMany({ data: rows(5, new Date(Date.now() + 3_600_000), "fresh") });
    const deleted = await sweepCaptures();
    expect(deleted).toBeGreaterThanOrEqual(1200);
    expect(await db().capturedBody.count({ where: { requestId: { startsWith: prefix } } })).toBe(5);
  });
});
