// Which Files or Batch API handler serves a path under /v1 (or /api/v1): used by the proxy's fast
// path (lib/boot/proxy-fast-path.ts) and by the Next.js route files of `npm run dev`, so
// both transports serve the very same handlers.
import type { IncomingMessage, ServerResponse } from "node:http";
import { fromNodeApiRequest, type ApiRequest } from "../files/api-request";
import { deleteFileRoute, listFilesRoute, retrieveFile, retrieveFileContent, uploadFile } from "../files/files-api";
import { countResponse } from "../gateway/transport/count-response";
import type { GatewayResponse } from "../http/gateway-response";
import { sendNodeResponse } from "../gateway/transport/node-response";
import { cancelBatchRoute, createBatchRoute, listBatchesRoute, retrieveBatchRoute } from "./batches-api";

type ApiHandler = (request: ApiRequest) => Promise<GatewayResponse>;

interface ApiRoute {
  endpoint: "files" | "batches";
  handler: ApiHandler;
}

/** `path` is what follows /v1 (e.g. /batches/batch_1/cancel). */
export function batchApiRoute(path: string, method: string): ApiRoute | null {
  const segments = path.replace(/\/+$/, "").split("/").slice(1).map((segment) => decodeURIComponent(segment));
  const [collection, id, action] = segments;
  if (segments.length > 3 || (collection !== "files" && collection !== "batches")) return null;
  const route = (handler: ApiHandler | null): ApiRoute | null => (handler ? { endpoint: collection, handler } : null);
  if (collection === "files") {
    if (id === undefined) return route(method === "POST" ? uploadFile : method === "GET" ? listFilesRoute : null);
    if (action === undefined) return route(method === "GET" ? retrieveFile(id) : method === "DELETE" ? deleteFileRoute(id) : null);
    return route(action === "content" && method === "GET" ? retrieveFileContent(id) : null);
  }
  if (id === undefined) return route(method === "POST" ? createBatchRoute : method === "GET" ? listBatchesRoute : null);
  if (action === undefined) return route(method === "GET" ? retrieveBatchRoute(id) : null);
  return route(action === "cancel" && method === "POST" ? cancelBatchRoute(id) : null);
}

const PREFIX = /^\/(?:api\/)?v1(\/(?:files|batches)(?:\/[^?]*)?)(?:\?|$)/;

/** The fast path: serves the request when it is a Files or Batch API route; null leaves it to Next.js. */
export function handleBatchApiRequest(req: IncomingMessage, res: ServerResponse): Promise<void> | null {
  const path = PREFIX.exec(req.url ?? "")?.[1];
  if (path === undefined) return null;
  let route: ApiRoute | null;
  try {
    route = batchApiRoute(path, req.method ?? "GET");
  } catch {
    return null; // a malformed %-escape: Next.js answers it
  }
  if (!route) return null;
  const { endpoint, handler } = route;
  return handler(fromNodeApiRequest(req, res)).then((response) => sendNodeResponse(res, countResponse(endpoint, response)));
}
