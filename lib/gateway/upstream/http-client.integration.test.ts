// The transport's failure modes against real sockets: nothing listening, an upstream that never answers,
// a stream that stalls, and a consumer that stops reading early.
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { adapterFor } from "@/lib/gateway/providers";
import { collectUntilError, targetFor, upstreamErrorOf, userRequest } from "@/lib/gateway/providers/adapter-test-helpers";
import { sendUpstream } from "./http-client";

let upstream: FakeUpstream;
const signal = new AbortController().signal;

beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("upstream HTTP client", () => {
  it("reports a refused connection as 502 without leaking the address", async () => {
    const port = await closedPort();
    const error = await upstreamErrorOf(sendUpstream({ url: `http://127.0.0.1:${port}/v1/chat/completions`, headers: {}, body: "{}", timeoutMs: 2000, signal }));
    expect(error).toMatchObject({ status: 502, code: "upstream_unreachable" });
    expect(error.message).toContain("ECONNREFUSED");
    expect(error.message).not.toContain(String(port));
  });

  it("times out an upstream that never answers, and the fake still closes promptly", async () => {
    const hanging = await startFakeUpstream();
    const error = await upstreamErrorOf(adapterFor("openai").chat(userRequest("x [[fake:hang]]"), targetFor("openai", hanging, { timeoutMs: 150 }), signal));
    expect(error.status).toBe(504);
    const pending = adapterFor("openai").chat(userRequest("y [[fake:hang]]"), targetFor("openai", hanging, { timeoutMs: 10_000 }), signal);
    await expect.poll(() => hanging.requests.length).toBe(2);
    const started = Date.now();
    await hanging.close();
    expect(Date.now() - started).toBeLessThan(1000);
    // the connection the fake dropped surfaces as unreachable, not as a hang
    expect((await upstreamErrorOf(pending)).status).toBe(502);
  });

  it("times out a stream that goes silent after its first chunks", async () => {
    const target = targetFor("anthropic", upstream, { timeoutMs: 300 });
    const stream = await adapterFor("anthropic").chatStream(userRequest("a b c [[fake:chunk-delay=3000]]", { stream: true }), target, signal);
    const { chunks, error } = await collectUntilError(stream);
    expect(chunks.length).toBeGreaterThan(0);
    expect(error).toMatchObject({ status: 504, beforeFirstByte: false });
  });

  it("keeps a stream alive past the timeout while chunks keep coming", async () => {
    const target = targetFor("openai", upstream, { timeoutMs: 250 });
    const stream = await adapterFor("openai").chatStream(userRequest("a b c d e f [[fake:chunk-delay=100]]", { stream: true }), target, signal);
    const { chunks, error } = await collectUntilError(stream);
    expect(error).toBeNull();
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
  });

  it("closes the upstream connection when the consumer stops reading", async () => {
    upstream.clear();
    const stream = await adapterFor("gemini").chatStream(
      userRequest("a b c d e f [[fake:chunk-delay=100]]", { stream: true }),
      targetFor("gemini", upstream),
      signal,
    );
    for await (const chunk of stream.chunks) {
      expect(chunk.choices[0].delta.role).toBe("assistant");
      break;
    }
    await expect.poll(() => upstream.requests.at(-1)?.aborted, { timeout: 2000 }).toBe(true);
  });

  it("refuses to start when the caller already gave up", async () => {
    const aborted = AbortSignal.abort();
    await expect(sendUpstream({ url: `${upstream.url}/v1/models`, method: "GET", headers: {}, timeoutMs: 1000, signal: aborted })).rejects.toMatchObject({
      name: "AbortError",
    });
  });
});
