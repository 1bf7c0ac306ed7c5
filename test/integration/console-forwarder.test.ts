// scripts/console-forwarder.mjs: how the public server hands console requests to Next.js in its
// worker thread. Real sockets on both sides; the "console" here is a plain node:http server.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
// @ts-expect-error -- a plain ES module of the start scripts, without types
import { consoleForwarder } from "../../scripts/console-forwarder.mjs";
import { boundarySettings, guardInlineConsole, type BoundarySettings } from "../../scripts/console-boundary.mjs";
import { parseEnv } from "../../lib/env";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const servers: Server[] = [];
const forwarders: { close(): void }[] = [];

afterEach(async () => {
  forwarders.splice(0).forEach((f) => f.close());
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => { s.closeAllConnections(); s.close(r); })));
});

async function listen(handler: Handler): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

/** The console behind a forwarding front server; returns the front's port. */
async function front(consoleHandler: Handler | null, settings: Partial<BoundarySettings> = {}): Promise<number> {
  const consolePort = consoleHandler ? await listen(consoleHandler) : await unusedPort();
  const forward = consoleForwarder(consolePort, { ...boundarySettings({}), ...settings });
  forwarders.push(forward);
  return listen((req, res) => void forward(req, res));
}

async function unusedPort(): Promise<number> {
  const port = await listen(() => {});
  const server = servers.pop()!;
  await new Promise((r) => server.close(r));
  return port;
}

function send(port: number, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: IncomingMessage["headers"]; rawHeaders: string[]; body: string }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method: options.method ?? "GET", path: options.path ?? "/", headers: options.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (c: string) => (body += c)).on("end", () => resolve({ status: res.statusCode!, headers: res.headers, rawHeaders: res.rawHeaders, body }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

describe("console forwarder", () => {
  it("passes method, path, headers and body, and tells the console who the client is", async () => {
    const port = await front((req, res) => {
      let body = "";
      req.setEncoding("utf8").on("data", (c: string) => (body += c)).on("end", () => {
        res.writeHead(201, [["set-cookie", "a=1"], ["set-cookie", "b=2"], ["x-answer", "yes"]].flat());
        res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
      });
    });
    const answer = await send(port, { method: "POST", path: "/api/admin/users?x=1", headers: { "content-type": "application/json", host: "tollgate.example:8080" }, body: '{"a":1}' });
    expect(answer.status).toBe(201);
    expect(answer.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    expect(answer.headers["x-answer"]).toBe("yes");
    const seen = JSON.parse(answer.body);
    expect(seen).toMatchObject({ method: "POST", url: "/api/admin/users?x=1", body: '{"a":1}' });
    expect(seen.headers).toMatchObject({
      host: "tollgate.example:8080",
      "content-type": "application/json",
      "x-forwarded-for": "127.0.0.1",
      "x-forwarded-host": "tollgate.example:8080",
      "x-forwarded-proto": "http",
      "x-forwarded-port": String(port),
    });
  });


  it("streams: the first event reaches the client before the console has finished", async () => {
    let finish: () => void = () => {};
    const port = await front((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: first\n\n");
      finish = () => res.end("data: last\n\n");
    });
    const first = await new Promise<string>((resolve, reject) => {
      request({ host: "127.0.0.1", port, path: "/stream" }, (res) => {
        res.setEncoding("utf8").once("data", (chunk: string) => {
          resolve(chunk);
          finish();
        });
      }).on("error", reject).end();
    });
    expect(first).toBe("data: first\n\n");
  });

  it("aborts the console's request when the client goes away", async () => {
    let innerClosed: () => void = () => {};
    const closed = new Promise<void>((r) => (innerClosed = r));
    const port = await front((req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: started\n\n");
      res.once("close", () => innerClosed());
    });
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/playground" }, (res) => {
        res.once("data", () => {
          req.destroy();
          resolve();
        });
      });
      req.on("error", () => {}).end();
      setTimeout(() => reject(new Error("no first event")), 5_000);
    });
    await closed; // times out (test failure) if the console's request stays open
  });

  it("a client that leaves before the console's answer aborts it without logging the console as unreachable", async () => {
    let innerClosed: () => void = () => {};
    const closed = new Promise<void>((r) => (innerClosed = r));
    let innerArrived: () => void = () => {};
    const arrived = new Promise<void>((r) => (innerArrived = r));
    const port = await front((req, res) => {
      res.once("close", () => innerClosed());
      innerArrived(); // and never answers
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const req = request({ host: "127.0.0.1", port, path: "/dashboard" });
      req.on("error", () => {}).end();
      await arrived;
      req.destroy();
      await closed;
      await new Promise((r) => setTimeout(r, 50)); // the inner request's "error" comes after its close
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });

  it("answers 502 in the API's error shape when the console is not there", async () => {
    const port = await front(null);
    const answer = await send(port, { path: "/dashboard" });
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body)).toEqual({ error: { message: "The console is not available.", type: "api_error" } });
  });
});

describe("the trust boundary (TRUST_PROXY_HOPS)", () => {
  const echoForwarding: Handler = (req, res) =>
    res.end(JSON.stringify(Object.fromEntries(Object.entries(req.headers).filter(([name]) => /^(x-forwarded-|x-real-ip|forwarded)/.test(name)))));
  const spoofed = {
    "x-forwarded-for": "198.51.100.1, 203.0.113.7",
    "x-forwarded-host": "evil.example",
    "x-forwarded-proto": "https",
    "x-forwarded-port": "443",
    "x-real-ip": "198.51.100.2",
    forwarded: "for=198.51.100.3",
    host: "tollgate.example:8080",
  };

  it("with 0 hops (the default) replaces a client's own forwarded headers with what the socket says", async () => {
    const port = await front(echoForwarding);
    expect(JSON.parse((await send(port, { headers: spoofed })).body)).toEqual({
      "x-forwarded-for": "127.0.0.1",
      "x-forwarded-host": "tollgate.example:8080",
      "x-forwarded-proto": "http",
      "x-forwarded-port": String(port),
    });
  });

  it("with N hops believes the Nth address from the right, and host and scheme from the same hop", async () => {
    const one = await front(echoForwarding, { trustProxyHops: 1 });
    expect(JSON.parse((await send(one, { headers: spoofed })).body)).toEqual({
      "x-forwarded-for": "203.0.113.7",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      "x-forwarded-port": "443",
    });
    const two = await front(echoForwarding, { trustProxyHops: 2 });
    expect(JSON.parse((await send(two, { headers: spoofed })).body)["x-forwarded-for"]).toBe("198.51.100.1");
    // Fewer entries than hops: the leftmost (furthest) one; none at all: the socket's peer.
    const three = await front(echoForwarding, { trustProxyHops: 3 });
    expect(JSON.parse((await send(three, { headers: spoofed })).body)["x-forwarded-for"]).toBe("198.51.100.1");
    expect(JSON.parse((await send(three, { headers: { host: "h" } })).body)).toMatchObject({ "x-forwarded-for": "127.0.0.1", "x-forwarded-proto": "http" });
  });

  it("takes the same defaults lib/env.ts validates", () => {
    const env = parseEnv({});
    expect(boundarySettings({})).toEqual({
      trustProxyHops: env.TRUST_PROXY_HOPS,
      consoleMaxBodyBytes: env.CONSOLE_MAX_BODY_BYTES,
      gatewayMaxBodyBytes: env.GATEWAY_MAX_BODY_BYTES,
      warmupMaxBodyBytes: env.CACHE_WARMUP_MAX_BYTES,
      batchFileMaxBodyBytes: env.BATCH_FILE_MAX_BYTES,
      conversationImportMaxBytes: env.CONVERSATIONS_IMPORT_MAX_BYTES,
      strictTransportSecurity: false,
    });
    expect(boundarySettings({ TRUST_PROXY_HOPS: "2", NEXTAUTH_URL: "https://t.example" })).toMatchObject({ trustProxyHops: 2, strictTransportSecurity: true });
  });

  it("adds Strict-Transport-Security when the public URL is https", async () => {
    const port = await front((_req, res) => res.end("ok"), { strictTransportSecurity: true });
    expect((await send(port)).headers["strict-transport-security"]).toBe("max-age=31536000");
    const plain = await front((_req, res) => res.end("ok"));
    expect((await send(plain)).headers["strict-transport-security"]).toBeUndefined();
  });
});

describe("body limits at the boundary", () => {
  const MiB = 1024 * 1024;
  /** Counts what reached the console and answers 200 once the whole body is there. */
  function countingConsole() {
    const seen = { requests: 0, bytes: 0, completed: 0 };
    const handler: Handler = (req, res) => {
      seen.requests++;
      req.on("data", (chunk: Buffer) => (seen.bytes += chunk.length));
      req.on("end", () => {
        seen.completed++;
        res.end("ok");
      });
    };
    return { seen, handler };
  }

  /** Sends `size` bytes chunked (no Content-Length) and returns the answer, even if the server hangs up early. */
  function sendChunked(port: number, path: string, size: number) {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, method: "POST", path, headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (c: string) => (body += c)).on("end", () => resolve({ status: res.statusCode!, body }));
      });
      req.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error)));
      const chunk = Buffer.alloc(64 * 1024, "a");
      let sent = 0;
      const pump = () => {
        while (sent < size) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    });
  }

  it("refuses a declared oversized body with 413 in the admin error shape; the console never sees it", async () => {
    const { seen, handler } = countingConsole();
    const port = await front(handler);
    // The whole 2 MiB is sent: the 413 arrives (the rest is drained), and the connection stays usable.
    const answer = await send(port, { method: "POST", path: "/api/admin/users", headers: { "content-type": "application/json" }, body: "x".repeat(2 * MiB) });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: { message: `Request body exceeds the limit of ${MiB} bytes.`, code: "body_too_large" } });
    expect(answer.headers.connection).not.toBe("close");
    expect(seen.requests).toBe(0);
    // Far past the limit it is not drained: the answer closes the connection.
    const huge = await send(port, { method: "POST", path: "/api/admin/users", headers: { "content-length": String(50 * MiB) } });
    expect(huge.status).toBe(413);
    expect(huge.headers.connection).toBe("close");
    expect(seen.requests).toBe(0);
  });

  it("counts a chunked body as it streams: past the limit the console's request is cut off before its end", async () => {
    const { seen, handler } = countingConsole();
    const port = await front(handler);
    const answer = await sendChunked(port, "/api/auth/callback/credentials", 3 * MiB);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe("body_too_large");
    expect(seen.completed).toBe(0);
    expect(seen.bytes).toBeLessThanOrEqual(MiB);
    // Under the limit, the same path streams through.
    expect((await sendChunked(port, "/api/auth/callback/credentials", 512 * 1024)).status).toBe(200);
  });

  it("gives the playground the proxy's limit (in OpenAI's error shape) and a warm-up upload its own", async () => {
    const { handler } = countingConsole();
    const port = await front(handler, { gatewayMaxBodyBytes: 3 * MiB, warmupMaxBodyBytes: 5 * MiB });
    expect((await sendChunked(port, "/api/playground/chat", 2 * MiB)).status).toBe(200);
    const over = await sendChunked(port, "/api/playground/chat", 4 * MiB);
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body).error).toMatchObject({ type: "invalid_request_error", code: "body_too_large", param: null });
    expect((await sendChunked(port, "/api/admin/cache/warmups", 4 * MiB)).status).toBe(200);
    expect((await sendChunked(port, "/api/admin/cache/warmups/abc/cancel", 2 * MiB)).status).toBe(413);
  });
});

describe("the same boundary in front of the inline Next.js (npm run dev)", () => {
  it("rewrites forwarding headers, refuses a declared oversized body and adds HSTS", async () => {
    const seen: IncomingMessage["headers"][] = [];
    const next = async (req: IncomingMessage, res: ServerResponse) => {
      seen.push({ ...req.headers });
      res.end("ok");
    };
    const guard = guardInlineConsole(next, { ...boundarySettings({}), strictTransportSecurity: true });
    const port = await listen((req, res) => void guard(req, res));

    const answer = await send(port, { headers: { "x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https", "x-real-ip": "198.51.100.2", host: "dev.local:3000" } });
    expect(answer.headers["strict-transport-security"]).toBe("max-age=31536000");
    expect(seen[0]).toMatchObject({ "x-forwarded-for": "127.0.0.1", "x-forwarded-proto": "http", "x-forwarded-host": "dev.local:3000" });
    expect(seen[0]["x-real-ip"]).toBeUndefined();

    const big = await send(port, { method: "POST", path: "/api/admin/users", headers: { "content-length": String(50 * 1024 * 1024) } });
    expect(big.status).toBe(413);
    expect(seen).toHaveLength(1);
  });
});
