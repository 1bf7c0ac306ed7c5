// scripts/console-forwarder.mjs: how the public server hands console requests to Next.js in its
// worker thread. Real sockets on both sides; the "console" here is a plain node:http server.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error -- a plain ES module of the start scripts, without types
import { consoleForwarder } from "../../scripts/console-forwarder.mjs";

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
async function front(consoleHandler: Handler | null): Promise<number> {
  const consolePort = consoleHandler ? await listen(consoleHandler) : await unusedPort();
  const forward = consoleForwarder(consolePort);
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

  it("keeps a client's own x-forwarded-for (a reverse proxy in front)", async () => {
    const port = await front((req, res) => res.end(req.headers["x-forwarded-for"]));
    expect((await send(port, { headers: { "x-forwarded-for": "203.0.113.7, 10.0.0.1" } })).body).toBe("203.0.113.7, 10.0.0.1");
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

  it("answers 502 in the API's error shape when the console is not there", async () => {
    const port = await front(null);
    const answer = await send(port, { path: "/dashboard" });
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body)).toEqual({ error: { message: "The console is not available.", type: "api_error" } });
  });
});
