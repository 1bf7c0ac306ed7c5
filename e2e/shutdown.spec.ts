// SIGTERM with a console call in flight loses nothing across the two threads: the playground runs in
// the console's worker thread, its usage record crosses to the main thread's buffer, and the
// shutdown drains the stream, stops the worker and only then writes the buffer. A second Tollgate is
// started here (the e2e app's build, its own port and SQLite file) so that it can be stopped; its
// usage flush interval is longer than the test, so only the shutdown can write the record.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { E2E } from "../playwright.config";
import { signInAs } from "./support/console-helpers";

const PORT = Number(process.env.E2E_SHUTDOWN_PORT ?? 3102);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const DB_FILE = resolve("data/e2e/shutdown.db");
const admin = { email: "shutdown-admin@e2e.test", password: "shutdown-admin-password", apiKey: "e2e-shutdown-admin-key-0123456789" };

let server: ChildProcess | null = null;
let output = "";

function startTollgate(): ChildProcess {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(DB_FILE + suffix, { force: true });
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: "file:./data/e2e/shutdown.db",
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      ADMIN_API_KEY: admin.apiKey,
      TOLLGATE_SECRET: "e2e-shutdown-secret-0123456789abcdef",
      NEXTAUTH_URL: ORIGIN,
      USAGE_FLUSH_INTERVAL_MS: "600000",
      USAGE_FLUSH_SIZE: "100000",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return child;
}

async function waitForHealth(): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${ORIGIN}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    if (server?.exitCode !== null) throw new Error(`Tollgate exited before it was healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Tollgate was not healthy within 120 s:\n${output}`);
}

async function adminPost(path: string, data: unknown): Promise<{ id: string }> {
  const response = await fetch(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${admin.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify(data),
  });
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(201);
  return response.json() as Promise<{ id: string }>;
}

test.afterAll(() => {
  if (server && server.exitCode === null) server.kill("SIGKILL");
});

/** A fresh Tollgate with the fake upstream's model, and a browser context signed in as its admin. */
async function freshTollgateSignedIn(browser: Browser): Promise<{ context: BrowserContext; exited: Promise<number | null> }> {
  output = "";
  server = startTollgate();
  const exited = new Promise<number | null>((r) => server!.once("exit", (code) => r(code)));
  await waitForHealth();
  const provider = await adminPost("/api/admin/providers", { name: "shutdown-fake", kind: "openai-compatible", baseUrl: `${E2E.upstreamURL}/v1`, apiKey: E2E.upstreamKey });
  await adminPost("/api/admin/models", { name: "shutdown-model", providerId: provider.id, upstreamModel: "fake-gpt", inputPricePerMTok: 1, outputPricePerMTok: 2 });
  const page = await signInAs(browser, admin, ORIGIN);
  return { context: page.context(), exited };
}

// The fake echoes the prompt one word per chunk: 13 chunks 250 ms apart, about 3 s of streaming.
const LONG_CHAT = { model: "shutdown-model", messages: [{ role: "user", content: "one two three four five six seven eight nine ten eleven twelve [[fake:chunk-delay=250]]" }] };

function usageRow(requestId: string) {
  const sqlite = new Database(DB_FILE, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare('SELECT "streamed", "status", "outputTokens" FROM "UsageRecord" WHERE "requestId" = ?').get(requestId) as
      | { streamed: number; status: number; outputTokens: number }
      | undefined;
  } finally {
    sqlite.close();
  }
}

async function expectCleanExit(exited: Promise<number | null>): Promise<void> {
  expect(await exited, output).toBe(0);
  expect(output).toContain("usage buffer drained (0 left unwritten)");
}

test.describe.configure({ mode: "serial", timeout: 180_000 });

test("SIGTERM during a playground stream: the stream finishes and its usage record is written", async ({ browser }) => {
  const { context, exited } = await freshTollgateSignedIn(browser);
  // The console's own origin, as its page sends it (cookie-authenticated calls from elsewhere get a 403).
  const answer = context.request.post("/api/playground/chat", { data: LONG_CHAT, timeout: 60_000, headers: { origin: ORIGIN } });
  await new Promise((r) => setTimeout(r, 1_000));
  server!.kill("SIGTERM");

  const response = await answer;
  expect(response.status()).toBe(200);
  const body = await response.text();
  expect(body).toContain("tollgate.summary");
  expect(body).toContain("data: [DONE]");
  const requestId = response.headers()["x-request-id"];
  expect(requestId).toMatch(/^req_/);

  await expectCleanExit(exited);
  const row = usageRow(requestId);
  expect(row, `no usage record for ${requestId}`).toMatchObject({ streamed: 1, status: 200 });
  expect(row!.outputTokens).toBeGreaterThan(0);
  await context.close();
});

// The console's thread settles an abandoned call after the client has gone, so after the main
// thread has nothing in flight: the shutdown must still wait for the console to hand the record over.
test("a playground stream abandoned just before SIGTERM is still recorded (as 499)", async ({ browser }) => {
  const { context, exited } = await freshTollgateSignedIn(browser);
  const cookie = (await context.cookies(ORIGIN)).map((c) => `${c.name}=${c.value}`).join("; ");
  const abort = new AbortController();
  const response = await fetch(`${ORIGIN}/api/playground/chat`, {
    method: "POST",
    headers: { cookie, origin: ORIGIN, "content-type": "application/json" },
    body: JSON.stringify(LONG_CHAT),
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  const requestId = response.headers.get("x-request-id")!;
  await response.body!.getReader().read(); // the stream has started
  abort.abort();
  server!.kill("SIGTERM");

  await expectCleanExit(exited);
  expect(usageRow(requestId), `no usage record for ${requestId}`).toMatchObject({ streamed: 1, status: 499 });
  await context.close();
});
