// Proxy requests and upstream answers that used to hurt, through the production fast path and the
// Next.js route handlers, with the fake upstream playing the provider:
//   - a body nested ~5,000 levels deep overflowed the serializer (500); now a 400 naming the field;
//   - an upstream's HTML error page reached the caller verbatim; now only its status does;
//   - a provider URL that resolves to a refused address is refused when the connection is made.
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { resetEnvCache } from "@/lib/env";
import { POST as chatCompletions } from "@/lib/gateway/chat-completions-route";
import { POST as embeddings } from "@/lib/gateway/embeddings-route";
import { createProviderWithModel, createUserWithKey } from "../support/gateway-fixtures";
import { serveGateway } from "../support/gateway-server";
import { serveHandlers } from "../support/handler-server";

let upstream: FakeUpstream;
const proxies: { name: string; url: string; close(): Promise<void> }[] = [];
let model: string;
let key: string;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  proxies.push({ name: "fast path", ...(await serveGateway()) });
  proxies.push({ name: "route handlers", ...(await serveHandlers({ "/api/v1/chat/completions": { POST: chatCompletions }, "/api/v1/embeddings": { POST: embeddings } })) });
  model = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-up" })).modelName;
  key = (await createUserWithKey()).key;
});
afterEach(() => {
  delete process.env.TOLLGATE_BLOCK_PRIVATE_NETWORKS;
  resetEnvCache();
});
afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.close()));
  await upstream.close();
});

function pathOf(proxy: { name: string }, endpoint: string): string {
  return proxy.name === "fast path" ? `/v1/${endpoint}` : `/api/v1/${endpoint}`;
}

async function postRaw(proxy: { name: string; url: string }, endpoint: string, body: string) {
  const response = await fetch(`${proxy.url}${pathOf(proxy, endpoint)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body,
  });
  return { status: response.status, body: (await response.json()) as { error: { message: string; type: string; code: string; param: string | null } } };
}

describe("JSON nested too deeply", () => {
  it("answers 400 naming the field instead of overflowing the stack, for chat and embeddings", async () => {
    const deep = "[".repeat(5000) + "]".repeat(5000);
    for (const proxy of proxies) {
      upstream.clear();
      const extra = await postRaw(proxy, "chat/completions", `{"model":"${model}","messages":[{"role":"user","content":"hi"}],"vendor":${deep}}`);
      expect({ proxy: proxy.name, ...extra }).toMatchObject({
        status: 400,
        body: { error: { type: "invalid_request_error", code: "json_too_deep", param: "vendor", message: "`vendor` nests arrays and objects more than 64 levels deep." } },
      });
      const inContent = await postRaw(proxy, "chat/completions", `{"model":"${model}","messages":[{"role":"user","content":[{"type":"text","text":"hi","x":${deep}}]}]}`);
      expect(inContent.status).toBe(400);
      expect(inContent.body.error.param).toBe("messages");
      const embedding = await postRaw(proxy, "embeddings", `{"model":"${model}","input":"hi","dimensions_hint":${deep}}`);
      expect(embedding.status).toBe(400);
      expect(embedding.body.error.param).toBe("dimensions_hint");
      expect(upstream.requests).toHaveLength(0);
    }
  });

  it("still forwards a body nested to just under the limit", async () => {
    const nested = "[".repeat(62) + "1" + "]".repeat(62);
    for (const proxy of proxies) {
      const ok = await postRaw(proxy, "chat/completions", `{"model":"${model}","messages":[{"role":"user","content":"ok"}],"vendor":${nested}}`);
      expect(ok.status).toBe(200);
    }
  });
});

describe("upstream error bodies", () => {
  it("passes a JSON error's message on, but never an HTML page: only its status", async () => {
    for (const proxy of proxies) {
      const client = new OpenAI({ apiKey: key, baseURL: `${proxy.url}${pathOf(proxy, "").replace(/\/$/, "")}`, maxRetries: 0 });
      const json = await client.chat.completions.create({ model, messages: [{ role: "user", content: "[[fake:status=400]] hi" }] }).catch((error: unknown) => error);
      expect(json).toBeInstanceOf(OpenAI.BadRequestError);
      expect((json as InstanceType<typeof OpenAI.BadRequestError>).message).toContain("The fake upstream was told to fail with HTTP 400.");

      // A 502 is retried (routing), so the client reads the routing summary naming the last failure;
      // a 404 is not, so it reads the upstream's status. Neither carries the HTML page.
      for (const [status, expected] of [
        [502, { status: 502, message: /^The deployment of .+ failed; last: provider .+ answered 502\. Retry after \d+ s\.$/ }],
        [404, { status: 404, message: /^The upstream provider answered HTTP 404 without a JSON error message \(its body is not passed on\)\.$/ }],
      ] as const) {
        const raw = await postRaw(proxy, "chat/completions", JSON.stringify({ model, messages: [{ role: "user", content: `[[fake:status=${status},html]] hi` }] }));
        expect(raw.status).toBe(expected.status);
        expect(raw.body.error.message).toMatch(expected.message);
        expect(JSON.stringify(raw.body)).not.toMatch(/nginx|10\.0\.3\.17|internal-llm|<html/);
      }
    }
  });
});

describe("provider URLs checked when the connection is made", () => {
  it("refuses a provider whose name resolves to loopback once TOLLGATE_BLOCK_PRIVATE_NETWORKS is on", async () => {
    // Saved while local providers were allowed; `localhost` is resolved by the system resolver.
    const local = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: `http://localhost:${upstream.port}/v1`, apiKey: "sk-up" })).modelName;
    const body = JSON.stringify({ model: local, messages: [{ role: "user", content: "hi" }] });
    const allowed = await postRaw(proxies[0], "chat/completions", body);
    expect(allowed.status).toBe(200);

    process.env.TOLLGATE_BLOCK_PRIVATE_NETWORKS = "true";
    resetEnvCache();
    upstream.clear();
    // A new connection is needed for the check to run: the pool's idle sockets to the fake were
    // opened before the setting changed, so the fake restarts on the same port.
    const port = upstream.port;
    await upstream.close();
    upstream = await startFakeUpstream({ port });
    const refused = await postRaw(proxies[0], "chat/completions", body);
    expect(refused.status).toBe(502);
    expect(refused.body.error).toMatchObject({ code: "upstream_unreachable", message: "Could not reach the upstream provider (ERR_OUTBOUND_ADDRESS_BLOCKED)." });
    expect(upstream.requests).toHaveLength(0);
  });

  it("refuses a provider stored with a link-local address at once", async () => {
    const metadata = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: "http://169.254.169.254/v1", apiKey: "sk-up" })).modelName;
    const started = Date.now();
    const refused = await postRaw(proxies[0], "chat/completions", JSON.stringify({ model: metadata, messages: [{ role: "user", content: "hi" }] }));
    expect(refused.status).toBe(502);
    expect(refused.body.error.message).toContain("ERR_OUTBOUND_ADDRESS_BLOCKED");
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
