// A graceful SIGTERM under load loses no usage record. The real server (scripts/server.mjs with the
// bundled fast path, as `npm start` runs it, minus Next.js) runs as its own process with a flush
// interval far longer than the test, so every record is still in memory when SIGTERM arrives and
// only the shutdown drain can write it. Clients keep sending until the server stops accepting.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { createProviderWithModel, createUserWithKey } from "../support/gateway-fixtures";

const ROOT = path.resolve(__dirname, "../..");
let upstream: FakeUpstream;
let server: ChildProcess;
let url: string;

function startProxyOnlyServer(): Promise<string> {
  server = spawn(process.execPath, ["test/support/proxy-only-server.mjs"], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "silent", USAGE_FLUSH_INTERVAL_MS: "600000", USAGE_FLUSH_SIZE: "1000000" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the server did not start within 60 s")), 60_000);
    createInterface({ input: server.stdout! }).on("line", (line) => {
      const match = /^\{"port":(\d+)\}$/.exec(line.trim());
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    });
    server.once("exit", (code) => reject(new Error(`the server exited early (code ${code})`)));
  });
}

beforeAll(async () => {
  upstream = await startFakeUpstream({ apiKey: "sk-upstream" });
  url = await startProxyOnlyServer();
}, 90_000);

afterAll(async () => {
  if (server?.exitCode === null) server.kill("SIGKILL");
  await upstream?.close();
});

describe("graceful shutdown", () => {
  it("writes a record for every call that succeeded, streams included, when SIGTERM arrives under load", async () => {
    const { modelName } = await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream" });
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
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    stopping = true;
    server.kill("SIGTERM");
    await Promise.all(clients);
    expect(await exited).toBe(0);

    expect(succeeded.length).toBeGreaterThan(100);
    expect(refused).toBe(16);
    const stored = await db().usageRecord.findMany({ where: { requestId: { in: succeeded } }, select: { requestId: true, status: true } });
    expect(stored.length).toBe(succeeded.length);
    expect(stored.every((r) => r.status === 200)).toBe(true);
  }, 60_000);
});
