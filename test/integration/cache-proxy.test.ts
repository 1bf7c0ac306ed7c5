// The response cache on the proxy, in one process over real HTTP against the fake upstream: exact
// hits (JSON and streamed, read by the real openai SDK), namespaces, no-cache / no-store / TTL
// headers, answers that must never be stored, embeddings partial hits, and the ledger of a hit.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as chatCompletions } from "@/lib/gateway/chat-completions-route";
import { POST as embeddings } from "@/lib/gateway/embeddings-route";
import { db } from "@/lib/db";
import { flushCacheWrites } from "@/lib/cache/entry-writer";
import { flushUsage, usageBuffer } from "@/lib/usage/usage-recorder";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { addKey, createCacheWorld, setCache, type CacheWorld } from "../support/cache-fixtures";
import { post } from "../support/governance-fixtures";
import { serveHandlers } from "../support/handler-server";

let upstream: FakeUpstream;
let proxy: { url: string; close(): Promise<void> };
let world: CacheWorld;

const upstreamChats = () => upstream.requests.filter((r) => r.path === "/v1/chat/completions").length;
const question = (text: string) => ({ messages: [{ role: "user", content: text }] });

function chat(key: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return fetch(`${proxy.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
    body: JSON.stringify({ model: world.model, ...body }),
  });
}

beforeAll(async () => {
  upstream = await startFakeUpstream({ apiKey: "sk-upstream" });
  proxy = await serveHandlers({ "/api/v1/chat/completions": { POST: chatCompletions }, "/api/v1/embeddings": { POST: embeddings } });
  world = await createCacheWorld(upstream.url);
  await setCache(world.orgId, { enabled: true });
});

afterAll(async () => {
  await usageBuffer().flush();
  await proxy?.close();
  await upstream?.close();
});

describe("exact cache on /v1/chat/completions", () => {
  it("answers a repeated request from the cache, with the same body and the hit headers", async () => {
    const [alpha] = world.teams;
    const before = upstreamChats();
    const first = await chat(alpha.key, question("What is the capital of France?"));
    expect(first.status).toBe(200);
    expect(first.headers.get("x-tollgate-cache")).toBe("miss");
    const firstBody = await first.json();
    await flushCacheWrites();
    const second = await chat(alpha.key, question("What is the capital of France?"));
    expect(second.status).toBe(200);
    expect(second.headers.get("x-tollgate-cache")).toBe("hit");
    expect(Number(second.headers.get("x-tollgate-cache-age"))).toBeGreaterThanOrEqual(0);
    expect(await second.json()).toEqual(firstBody);
    expect(upstreamChats() - before).toBe(1);
  });
});
