// A graceful SIGTERM under load loses no usage record, and stops taking requests at once. The real
// server (scripts/server.mjs with the bundled fast path, as `npm start` runs it, minus Next.js) runs
// as its own process with a flush interval far longer than the test, so every record is still in
// memory when SIGTERM arrives and only the shutdown drain can write it.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import { Pool, request } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { createProviderWithModel, createUserWithKey } from "../support/gateway-fixtures";

const ROOT = path.resolve(__dirname, "../..");
let upstream: FakeUpstream;
let modelName: string;
const children: ChildProcess[] = [];

/** scripts/server.mjs serving the proxy alone, in a process of its own; resolves once it listens. */
function startProxyOnlyServer(env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ["test/support/proxy-only-server.mjs"], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "silent", USAGE_FLUSH_INTERVAL_MS: "600000", USAGE_FLUSH_SIZE: "1000000", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the server did not start within 60 s")), 60_000);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const match = /^\{"port":(\d+)\}$/.exec(line.trim());
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${match[1]}`, exited });
      }
    });
    child.once("exit", (code) => reject(new Error(`the server exited early (code ${code})`)));
  });
}

beforeAll(async () => {
  upstream = await startFakeUpstream({ apiKey: "sk-upstream" });
  ({ modelName } = await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream" }));
}, 90_000);

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

afterAll(async () => {
  await upstream?.close();
});

/**
 * On one keep-alive connection: a streamed call whose answer is under way when SIGTERM lands, then
 * (after the signal) a second request, `late`. Resolves with everything the server sent, once it closes.
 */
async function streamThenLateRequest(url: string, key: string, late: string, signal: () => void): Promise<string> {
  const socket = net.connect(Number(new URL(url).port), "127.0.0.1");
  let received = "";
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  socket.on("error", () => {});
  const body = JSON.stringify({ model: modelName, stream: true, messages: [{ role: "user", content: "one two three four five six [[fake:chunk-delay=150]]" }] });
  const started = new Promise<void>((resolve) => socket.once("data", () => resolve()));
  socket.setEncoding("utf8").on("data", (chunk: string) => (received += chunk));
  socket.write(
    `POST /v1/chat/completions HTTP/1.1\r\nhost: tollgate\r\nauthorization: Bearer ${key}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  await started; // its headers are out: this answer cannot say connection: close any more
  signal();
  await new Promise((resolve) => setTimeout(resolve, 200));
  socket.write(late);
  await closed;
  return received;
}

/** The response that follows the stream's chunked terminator. */
function responseAfterStream(text: string) {
  const end = text.indexOf("data: [DONE]");
  expect(end, text.slice(0, 300)).toBeGreaterThan(0);
  const rest = text.slice(text.indexOf("0\r\n\r\n", end) + 5);
  const [head, body] = rest.split("\r\n\r\n");
  const [statusLine, ...lines] = head.split("\r\n");
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
  return { status: Number(statusLine.split(" ")[1]), headers, body: JSON.parse(body) };
}

describe("graceful shutdown", () => {
  it("writes a record for every call that succeeded, streams included, when SIGTERM arrives under load", async () => {
    const { child, url, exited } = await startProxyOnlyServer();
    const { key } = await createUserWithKey({ tier: "enterprise" });
    const succeeded: string[] = [];
    let refused = 0;
    let stopping = false;

    // One call; its id counts only when the whole answer arrived (JSON parsed, or the stream's [DONE]).
    async function call(i: number): Promise<void> {
      const stream = i % 2 === 0;
      const { statusCode, headers, body } = await request(`${url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        // Each answer takes ~40 ms upstream, so there are always calls in flight when SIGTERM lands.
        body: JSON.stringify({ model: modelName, stream, messages: [{ role: "user", content: `call ${i} [[fake:latency=40]]` }] }),
      });
      const text = await body.text();
      if (statusCode !== 200) throw new Error(`status ${statusCode}: ${text}`);
      if (stream ? !text.includes("data: [DONE]") || text.includes('"error"') : !JSON.parse(text).choices) throw new Error(`incomplete answer: ${text.slice(0, 200)}`);
      succeeded.push(String(headers["x-request-id"]));
    }

    async function client(id: number): Promise<void> {
      for (let i = id; ; i += 16) {
        try {
          await call(i);
        } catch (error) {
          // Once SIGTERM went out, a refused or reset connection is the server going away, as designed.
          if (!stopping) throw error;
          refused++;
          return;
        }
      }
    }

    const clients = Array.from({ length: 16 }, (_, id) => client(id));
    // Well under way (however busy the machine is) before the signal.
    await expect.poll(() => succeeded.length, { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(100);
    stopping = true;
    child.kill("SIGTERM");
    await Promise.all(clients);
    expect(await exited).toBe(0);

    expect(succeeded.length).toBeGreaterThan(100);
    expect(refused).toBe(16);
    const stored = await db().usageRecord.findMany({ where: { requestId: { in: succeeded } }, select: { requestId: true, status: true } });
    expect(stored.length).toBe(succeeded.length);
    expect(stored.every((r) => r.status === 200)).toBe(true);
  }, 60_000);

  it("under keep-alive load starts nothing after SIGTERM: later requests get a 503 to retry elsewhere, answers in flight say connection: close, idle connections close, and it exits once they are done", async () => {
    // A drain timeout far shorter than the default keeps a regression (serving on) from taking 30 s.
    const { child, url, exited } = await startProxyOnlyServer({ TOLLGATE_DRAIN_TIMEOUT_MS: "8000" });
    const { key } = await createUserWithKey({ tier: "enterprise" });
    const marker = `drain-${Date.now().toString(36)}`;
    const pool = new Pool(url, { connections: 8, pipelining: 1, keepAliveTimeout: 60_000 });

    // An idle keep-alive connection: one answered request, then nothing.
    const idle = net.connect(Number(new URL(url).port), "127.0.0.1");
    await new Promise<void>((resolve) => {
      idle.once("data", () => resolve());
      idle.write(`GET /v1/models HTTP/1.1\r\nhost: tollgate\r\nconnection: keep-alive\r\n\r\n`);
    });
    const idleClosed = new Promise<number>((resolve) => idle.once("close", () => resolve(Date.now())));

    interface Answer { status: number; connection?: string; retryAfter?: string; body: string; doneAt: number; requestId?: string }
    const answers: Answer[] = [];
    let stopping = false;
    let transportErrors = 0;

    async function hammer(worker: number): Promise<void> {
      for (let i = 0; ; i++) {
        try {
          const { statusCode, headers, body } = await pool.request({
            path: "/v1/chat/completions",
            method: "POST",
            headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
            // 300 ms upstream: when SIGTERM lands, every connection has an answer in flight.
            body: JSON.stringify({ model: modelName, messages: [{ role: "user", content: `${marker} ${worker}-${i} [[fake:latency=300]]` }] }),
          });
          const text = await body.text();
          const header = (name: string) => (headers[name] === undefined ? undefined : String(headers[name]));
          answers.push({ status: statusCode, connection: header("connection"), retryAfter: header("retry-after"), body: text, doneAt: Date.now(), requestId: header("x-request-id") });
          if (statusCode !== 200) return;
        } catch (error) {
          if (!stopping) throw error;
          transportErrors++; // a request that raced a connection being closed: retried elsewhere by a real client
          return;
        }
      }
    }

    const workers = Array.from({ length: 8 }, (_, worker) => hammer(worker));
    // Every connection has answered at least once and has its next call in flight.
    await expect.poll(() => answers.length, { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(16);
    stopping = true;
    const signalledAt = Date.now();
    child.kill("SIGTERM");
    await Promise.all(workers);
    const exitCode = await exited;
    const exitedAt = Date.now();
    await pool.close();

    expect(exitCode).toBe(0);
    // Nothing started late: the upstream saw no call of this test more than ~100 ms after the signal.
    const started = upstream.requests.filter((r) => JSON.stringify(r.body).includes(marker)).map((r) => r.receivedAt);
    expect(started.length).toBeGreaterThan(16); // the 16 answered before the signal, and those in flight
    expect(Math.max(...started) - signalledAt).toBeLessThan(100);

    const afterSignal = answers.filter((a) => a.doneAt > signalledAt);
    const refusedLater = afterSignal.filter((a) => a.status === 503);
    for (const answer of refusedLater) {
      expect(answer).toMatchObject({ connection: "close", retryAfter: "1" });
      expect(JSON.parse(answer.body)).toEqual({
        error: { message: expect.stringContaining("shutting down"), type: "api_error", code: "server_shutting_down", param: null },
      });
    }
    // Answers that were in flight (the upstream takes 300 ms) completed, and told the client to go.
    const finishedInFlight = afterSignal.filter((a) => a.status === 200 && a.doneAt - signalledAt > 50);
    expect(finishedInFlight.length).toBeGreaterThan(0);
    for (const answer of finishedInFlight) expect(answer.connection).toBe("close");
    expect(afterSignal.every((a) => a.status === 200 || a.status === 503)).toBe(true);
    expect(refusedLater.length + transportErrors).toBeLessThanOrEqual(8);

    // The idle connection was closed at once, and the process left as soon as the last answer was out.
    expect((await idleClosed) - signalledAt).toBeLessThan(200);
    const lastAnswer = Math.max(...afterSignal.map((a) => a.doneAt));
    expect(exitedAt - lastAnswer).toBeLessThan(1_500);
    expect(exitedAt - signalledAt).toBeLessThan(2_500);

    const succeeded = answers.filter((a) => a.status === 200).map((a) => a.requestId!);
    const stored = await db().usageRecord.count({ where: { requestId: { in: succeeded } } });
    expect(stored).toBe(succeeded.length);
  }, 60_000);

  it("answers a request that arrives after SIGTERM on a busy keep-alive connection with a 503 in the route's error shape, after the answer in flight", async () => {
    const { child, url, exited } = await startProxyOnlyServer();
    const { key } = await createUserWithKey({ tier: "enterprise" });
    let signalled = false;
    const signal = () => {
      if (!signalled) child.kill("SIGTERM");
      signalled = true;
    };
    const [proxyRoute, consoleRoute] = await Promise.all([
      streamThenLateRequest(url, key, `GET /v1/models HTTP/1.1\r\nhost: tollgate\r\nauthorization: Bearer ${key}\r\n\r\n`, signal),
      streamThenLateRequest(url, key, `GET /api/admin/users HTTP/1.1\r\nhost: tollgate\r\n\r\n`, signal),
    ]);
    expect(await exited).toBe(0);

    const proxyAnswer = responseAfterStream(proxyRoute);
    expect(proxyAnswer).toMatchObject({ status: 503, headers: { connection: "close", "retry-after": "1", "content-type": "application/json" } });
    expect(proxyAnswer.body).toEqual({ error: { message: expect.stringContaining("shutting down"), type: "api_error", code: "server_shutting_down", param: null } });
    const consoleAnswer = responseAfterStream(consoleRoute);
    expect(consoleAnswer).toMatchObject({ status: 503, headers: { connection: "close", "retry-after": "1" } });
    expect(consoleAnswer.body).toEqual({ error: { message: expect.stringContaining("shutting down"), code: "server_shutting_down" } });
  }, 60_000);
});
