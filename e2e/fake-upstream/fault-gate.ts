// A switchable fault in front of a fake upstream: one more "upstream instance" on its own port that
// forwards to the fake, or fails the way a test sets it. Two gates in front of one fake are two
// deployments of which one fails while the other serves. Faults (set() replaces them, clear() ends them):
//   status          answer this status (JSON error in OpenAI's shape), with retry-after when given
//   times           fail only the next N requests, then forward again
//   reset           destroy the connection without an answer (ECONNRESET)
//   latencyMs       wait before forwarding (a slow first byte; past the gateway's timeout, a timeout)
//   firstChunkDelayMs  forward the status and headers at once, hold the body this long
//   streamErrorStatus  answer 200 with an event stream whose first event is an error of this status
//   cutAfterChunks  forward a stream's first N events, then destroy the connection
// `requests` counts what reached the gate (failed or forwarded); `forwarded` what went on.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface GateFaults {
  status?: number;
  retryAfter?: string;
  times?: number;
  reset?: boolean;
  latencyMs?: number;
  firstChunkDelayMs?: number;
  streamErrorStatus?: number;
  cutAfterChunks?: number;
}

export interface FaultGate {
  url: string;
  port: number;
  /** requests that reached the gate */
  requests: number;
  /** "METHOD /path" of each of them */
  log: string[];
  forwarded: number;
  set(faults: GateFaults): void;
  clear(): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (chunk: Buffer) => parts.push(chunk));
    req.once("end", () => resolve(Buffer.concat(parts)));
    req.once("error", reject);
  });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFaultGate(options: { target: string; port?: number }): Promise<FaultGate> {
  const target = new URL(options.target);
  let faults: GateFaults = {};
  const sockets = new Set<Socket>();

  function active(): GateFaults | null {
    if (Object.keys(faults).length === 0) return null;
    if (faults.times !== undefined) {
      if (faults.times <= 0) return null;
      faults.times -= 1;
    }
    return faults;
  }

  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, fault: GateFaults | null): void {
    gate.forwarded += 1;
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      async (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (fault?.firstChunkDelayMs) {
          res.flushHeaders();
          await wait(fault.firstChunkDelayMs);
          if (res.destroyed) return answer.destroy();
        }
        let events = 0;
        let cut = false;
        answer.on("data", (chunk: Buffer) => {
          if (cut) return;
          if (fault?.cutAfterChunks === undefined) return void res.write(chunk);
          // Only the first N events go out (the fake may send a whole stream in one write), then the connection dies.
          const text = chunk.toString("utf8");
          let end = 0;
          while (events < fault.cutAfterChunks) {
            const next = text.indexOf("\n\n", end);
            if (next === -1) break;
            end = next + 2;
            events += 1;
          }
          if (events < fault.cutAfterChunks) return void res.write(chunk);
          cut = true;
          res.write(text.slice(0, end), () => {
            answer.destroy();
            res.socket?.destroy();
          });
        });
        answer.once("end", () => res.end());
      },
    );
    upstream.once("error", () => res.socket?.destroy());
    res.once("close", () => upstream.destroy());
    upstream.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    gate.requests += 1;
    gate.log.push(`${req.method} ${req.url}`);
    const body = await readBody(req);
    const fault = active();
    if (fault?.reset) {
      req.socket.destroy();
      return;
    }
    if (fault?.latencyMs) {
      await wait(fault.latencyMs);
      if (res.destroyed) return;
    }
    if (fault?.status) {
      const text = JSON.stringify({ error: { message: `The fault gate answered ${fault.status}.`, type: fault.status >= 500 ? "server_error" : "invalid_request_error", param: null, code: fault.status === 429 ? "rate_limit_exceeded" : null } });
      res.writeHead(fault.status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...(fault.retryAfter ? { "retry-after": fault.retryAfter } : {}) });
      res.end(text);
      return;
    }
    if (fault?.streamErrorStatus) {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      res.end(`data: ${JSON.stringify({ error: { message: "Overloaded", type: "overloaded_error", code: fault.streamErrorStatus } })}\n\n`);
      return;
    }
    forward(req, res, body, fault);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.socket?.destroy());
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const gate: FaultGate = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: 0,
    log: [],
    forwarded: 0,
    set(next) {
      faults = { ...next };
    },
    clear() {
      faults = {};
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
  return gate;
}

/** A port on 127.0.0.1 where nothing listens: connections to it are refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
