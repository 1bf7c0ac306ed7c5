// The transport's failure modes against real sockets: nothing listening, an upstream that never answers,
// a stream that stalls, and a consumer that stops reading early.
import { createServer as createHttpServer, type IncomingHttpHeaders } from "node:http";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { adapterFor } from "@/lib/gateway/providers";
import { collectUntilError, targetFor, upstreamErrorOf, userRequest } from "@/lib/gateway/providers/adapter-test-helpers";
import { sendUpstream } from "./http-client";
import { LargeJsonBody, jsonRequestBody } from "./json-request-body";

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

  it("sends a large JSON body in slices with a content-length, byte for byte what JSON.stringify gives", async () => {
    const received: { headers: IncomingHttpHeaders; bytes: Buffer }[] = [];
    const server = createHttpServer((req, res) => {
      const parts: Buffer[] = [];
      req.on("data", (part: Buffer) => parts.push(part));
      req.on("end", () => {
        received.push({ headers: req.headers, bytes: Buffer.concat(parts) });
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      const value = { model: "m", messages: [{ role: "user", content: 'a "b" \\ é 中 😀\n'.repeat(40_000) }], n: [1, -0, 2.5e-8] };
      const body = jsonRequestBody(value);
      expect(body).toBeInstanceOf(LargeJsonBody);
      const response = await sendUpstream({ url: `http://127.0.0.1:${port}/v1/chat/completions`, headers: { "content-type": "application/json" }, body, timeoutMs: 5000, signal });
      expect(await response.text()).toBe("{}");
      const expected = Buffer.from(JSON.stringify(value));
      expect(received[0].headers["transfer-encoding"]).toBeUndefined();
      expect(received[0].headers["content-length"]).toBe(String(expected.length));
      expect(received[0].bytes.equals(expected)).toBe(true);
      // A small body stays one JSON.stringify call.
      expect(jsonRequestBody({ model: "m", messages: [{ role: "user", content: "hi" }] })).toBe('{"model":"m","messages":[{"role":"user","content":"hi"}]}');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("refuses to start when the caller already gave up", async () => {
    const aborted = AbortSignal.abort();
    await expect(sendUpstream({ url: `${upstream.url}/v1/models`, method: "GET", headers: {}, timeoutMs: 1000, signal: aborted })).rejects.toMatchObject({
      name: "AbortError",
    });
  });
  it("hands a long body over in order to a consumer slower than the socket (reading pauses and resumes)", async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `data: {"n":${i}}\n\n`);
    const server = createHttpServer(async (req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "text/event-stream", "x-upstream": "one" });
      for (const line of lines) if (!res.write(line)) await new Promise((resolve) => res.once("drain", resolve));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      const response = await sendUpstream({ url: `http://127.0.0.1:${port}/v1/chat/completions`, headers: {}, body: "{}", timeoutMs: 10_000, signal });
      expect(response.status).toBe(200);
      expect(response.header("x-upstream")).toBe("one");
      const parts: Buffer[] = [];
      for await (const chunk of response.chunks()) {
        parts.push(chunk);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      expect(Buffer.concat(parts).toString()).toBe(lines.join(""));
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("reads at most the limit of a body that never ends, and closes that connection", async () => {
    let closed = false;
    const server = createHttpServer((req, res) => {
      req.resume();
      res.writeHead(502, { "content-type": "text/html" });
      res.write("<html>" + "x".repeat(200 * 1024));
      res.on("close", () => {
        closed = true;
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      const response = await sendUpstream({ url: `http://127.0.0.1:${port}/x`, headers: {}, body: "{}", timeoutMs: 5000, signal });
      expect(response.status).toBe(502);
      const text = await response.limitedText(1024);
      expect(text.length).toBe(1024);
      await expect.poll(() => closed, { timeout: 2000 }).toBe(true);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
