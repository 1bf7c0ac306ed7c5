// The Files and Batch APIs' view of a request, on both transports: the proxy's fast path (node:http,
// scripts/server.mjs) and the Next.js route files of `npm run dev`. Unlike the chat pipeline's
// GatewayRequest, these routes need the path and query, and an upload's raw body as a stream
// (multipart, read as it arrives so a large file never sits on the event loop in one piece).
import { Readable } from "node:stream";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HeaderReader } from "../gateway/transport/gateway-request";

export interface ApiRequest {
  method: string;
  /** path and query, e.g. /v1/batches?limit=2 */
  url: URL;
  headers: HeaderReader;
  /** the body as a byte stream (read once) */
  body(): Readable;
  /** tells the transport the body will not be read to its end: the connection closes after the answer */
  refuseBody(): void;
}

function nodeHeaders(req: IncomingMessage): HeaderReader {
  return {
    get(name) {
      const value = req.headers[name];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

export function fromNodeApiRequest(req: IncomingMessage, res: ServerResponse): ApiRequest {
  return {
    method: req.method ?? "GET",
    url: new URL(req.url ?? "/", "http://gateway"),
    headers: nodeHeaders(req),
    body: () => req,
    refuseBody: () => {
      if (!res.headersSent) res.setHeader("connection", "close");
    },
  };
}

export function fromWebApiRequest(request: Request): ApiRequest {
  return {
    method: request.method,
    url: new URL(request.url),
    headers: request.headers,
    body: () => (request.body ? Readable.fromWeb(request.body as import("node:stream/web").ReadableStream) : Readable.from([])),
    refuseBody: () => {},
  };
}
