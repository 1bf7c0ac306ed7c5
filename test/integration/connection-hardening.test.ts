// What the public server does with bodies it refuses and bodies that never arrive
// (docs/security.md, "Connections: refused bodies, slow bodies, shutdown"):
//   - a 413 answers `connection: close` and the socket is closed after it, so a pooled keep-alive
//     client (undici, the openai SDK) sends its next request on a fresh connection instead of
//     waiting behind the rest of the refused body (it used to hang);
//   - a request whose headers or body stall is cut after HTTP_REQUEST_TIMEOUT_MS with a 408 in the
//     API's error shape (it used to wait Node's 300 s), on proxy routes and on forwarded console routes.
// The proxy runs as `npm start` runs it (scripts/server.mjs with the bundled fast path, minus
// Next.js); the console route is scripts/console-forwarder.mjs behind scripts/draining-server.mjs,
// in this process, in front of a plain node:http "console".
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import OpenAI from "openai";
import { Pool } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
// @ts-expect-error -- a plain ES module of the start scripts, without types
import { consoleForwarder } from "../../scripts/console-forwarder.mjs";
import { createDrainingServer } from "../../scripts/draining-server.mjs";
import { createProviderWithModel, createUserWithKey } from "../support/gateway-fixtures";

const ROOT = path.resolve(__dirname, "../..");
const BODY_LIMIT = 4096;
const REQUEST_TIMEOUT_MS = 1_000;
let upstream: FakeUpstream;
let server: ChildProcess;
let url: string;
let port: number;
let model: string;
let key: string;

beforeAll(async () => {
  upstream = await startFakeUpstream({ apiKey: "sk-upstream" });
  model = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream" })).modelName;
  key = (await createUserWithKey()).key;
  server = spawn(process.execPath, ["test/support/proxy-only-server.mjs"], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "silent", GATEWAY_MAX_BODY_BYTES: String(BODY_LIMIT), HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: server.stdout! }).on("line", (line) => {
      const match = /^\{"port":(\d+)\}$/.exec(line.trim());
      if (match) resolve(Number(match[1]));
    });
    server.once("exit", (code) => reject(new Error(`the server exited early (code ${code})`)));
  });
  url = `http://127.0.0.1:${port}`;
}, 90_000);

afterAll(async () => {
  if (server?.exitCode === null) server.kill("SIGKILL");
  await upstream?.close();
});

const chatBody = (content: string) => JSON.stringify({ model, messages: [{ role: "user", content }] });

/** A chunked body (no content-length) well past the limit: 1 MiB in 16 KiB pieces. */
async function* oversizedChunks(): AsyncGenerator<Buffer> {
  yield Buffer.from(`{"model":"${model}","messages":[{"role":"user","content":"`);
  for (let i = 0; i < 64; i++) yield Buffer.alloc(16 * 1024, "a");
  yield Buffer.from(`"}]}`);
}

/** A raw connection that sends `head` (and maybe part of a body), then nothing: what comes back, and when. */
function stallingClient(targetPort: number, head: string) {
  const socket = net.connect(targetPort, "127.0.0.1");
  const startedAt = Date.now();
  let received = "";
  socket.setEncoding("utf8").on("data", (chunk: string) => (received += chunk));
  socket.write(head);
  return new Promise<{ text: string; afterMs: number }>((resolve) => {
    socket.on("close", () => resolve({ text: received, afterMs: Date.now() - startedAt }));
    socket.on("error", () => {});
  });
}

function parseRawResponse(text: string) {
  const [head, body] = text.split("\r\n\r\n");
  const [statusLine, ...lines] = head.split("\r\n");
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
  return { status: Number(statusLine.split(" ")[1]), headers, body: body ? JSON.parse(body) : null };
}

describe("refused bodies", () => {
  it("a chunked body over the limit gets a 413 with connection: close, and the pool's next request goes through at once", async () => {
    const pool = new Pool(url, { connections: 1, pipelining: 1 });
    try {
      const refused = await pool.request({
        path: "/v1/chat/completions",
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: Readable.from(oversizedChunks()),
      });
      expect(refused.statusCode).toBe(413);
      expect(refused.headers.connection).toBe("close");
      expect(await refused.body.json()).toEqual({
        error: { message: `Request body exceeds the limit of ${BODY_LIMIT} bytes.`, type: "invalid_request_error", code: "body_too_large", param: null, retryable: false },
      });

      // Same pool, one connection: before the fix this waited behind the refused body until a timeout.
      const startedAt = Date.now();
      const next = await pool.request({
        path: "/v1/chat/completions",
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: chatBody("after the refusal"),
        headersTimeout: 5_000,
      });
      expect(next.statusCode).toBe(200);
      expect(((await next.body.json()) as { choices: unknown[] }).choices).toHaveLength(1);
      expect(Date.now() - startedAt).toBeLessThan(2_000);
    } finally {
      await pool.close();
    }
  });

  it("the openai SDK gets its 413 (declared length) and its next call answered on the same client", async () => {
    const client = new OpenAI({ apiKey: key, baseURL: `${url}/v1`, maxRetries: 0, timeout: 5_000 });
    await expect(client.chat.completions.create({ model, messages: [{ role: "user", content: "x".repeat(BODY_LIMIT * 4) }] })).rejects.toMatchObject({
      status: 413,
      code: "body_too_large",
    });
    const answer = await client.chat.completions.create({ model, messages: [{ role: "user", content: "small" }] });
    expect(answer.choices).toHaveLength(1);
  });
});

describe("slow requests", () => {
  it("a proxy body that stalls is cut after HTTP_REQUEST_TIMEOUT_MS with a 408 in OpenAI's shape", async () => {
    const { text, afterMs } = await stallingClient(
      port,
      `POST /v1/chat/completions HTTP/1.1\r\nhost: tollgate\r\nauthorization: Bearer ${key}\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n{"model":`,
    );
    const answer = parseRawResponse(text);
    expect(answer).toMatchObject({ status: 408, headers: { connection: "close" } });
    expect(answer.body).toEqual({ error: { message: expect.stringContaining("did not arrive in time"), type: "invalid_request_error", code: "request_timeout", param: null } });
    expect(afterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(afterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 1_500);
  });

  it("headers that never finish are cut the same way", async () => {
    const { text, afterMs } = await stallingClient(port, `POST /v1/chat/completions HTTP/1.1\r\nhost: tollgate\r\nx-slow: `);
    expect(parseRawResponse(text)).toMatchObject({ status: 408, body: { error: { code: "request_timeout" } } });
    expect(afterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 1_500);
  });

  it("a forwarded console request whose body stalls gets a 408 in the admin API's shape, and the console's request is aborted", async () => {
    let consoleSawAbort: () => void = () => {};
    const aborted = new Promise<void>((resolve) => (consoleSawAbort = resolve));
    const consoleServer: Server = createServer((req, res) => {
      req.on("data", () => {});
      req.on("end", () => res.end("{}"));
      req.on("close", () => {
        if (!req.complete) consoleSawAbort();
      });
    });
    await new Promise<void>((resolve) => consoleServer.listen(0, "127.0.0.1", resolve));
    const forward = consoleForwarder((consoleServer.address() as AddressInfo).port);
    const front = createDrainingServer((req, res) => forward(req, res), { requestTimeoutMs: REQUEST_TIMEOUT_MS, log: { log() {}, error() {} } });
    await new Promise<void>((resolve) => front.server.listen(0, "127.0.0.1", resolve));
    try {
      const { text } = await stallingClient(
        (front.server.address() as AddressInfo).port,
        `POST /api/admin/users HTTP/1.1\r\nhost: tollgate\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"email":`,
      );
      expect(parseRawResponse(text)).toMatchObject({
        status: 408,
        headers: { connection: "close" },
        body: { error: { message: expect.stringContaining("did not arrive in time"), code: "request_timeout" } },
      });
      expect(parseRawResponse(text).body.error).not.toHaveProperty("type");
      await aborted;
    } finally {
      forward.close();
      front.server.closeAllConnections();
      await new Promise((resolve) => front.server.close(resolve));
      consoleServer.closeAllConnections();
      await new Promise((resolve) => consoleServer.close(resolve));
    }
  });
});
