// Serves route handlers (the same functions the Next.js routes re-export) over real HTTP, so
// integration tests can drive them with the official SDKs without building the Next.js app.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

type Handler = (request: Request) => Promise<Response>;
export type Routes = Record<string, Partial<Record<"GET" | "POST" | "DELETE", Handler>>>;

function toRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(", "));
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url ?? "/", origin), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    signal,
    // @ts-expect-error Node's fetch needs this for streamed request bodies
    duplex: "half",
  });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  res.once("close", () => void reader.cancel().catch(() => {}));
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    res.write(value);
  }
  res.end();
}

export async function serveHandlers(routes: Routes): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const abort = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished) abort.abort();
    });
    const path = new URL(req.url ?? "/", "http://x").pathname.replace(/^\/v1\//, "/api/v1/");
    const handler = routes[path]?.[req.method as "GET" | "POST" | "DELETE"];
    if (!handler) {
      res.statusCode = 404;
      return void res.end("no route");
    }
    const origin = `http://${req.headers.host}`;
    handler(toRequest(req, origin, abort.signal))
      .then((response) => send(res, response))
      .catch((error) => {
        res.statusCode = 500;
        res.end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
