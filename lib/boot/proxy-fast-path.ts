// The proxy's fast path: scripts/server.mjs offers every request here first and serves it straight
// from node:http when it is a proxy route, skipping the Next.js request pipeline (about 1.5 ms of
// CPU per request on the reference machine, more than all of the gateway's own work). Everything
// else, and the proxy in `npm run dev`, goes through Next.js and the same handlers.
// It lives with the start-up wiring, not in lib/gateway, because it also routes the surfaces built
// on the gateway (/v1/me, /v1/tokens/count, the Files and Batch APIs): the gateway imports none of them.
import type { IncomingMessage, ServerResponse } from "node:http";
import { handleBatchApiRequest } from "../batches/api-router";
import { handleCountTokens } from "../gateway/anthropic-inbound/count-tokens-route";
import { handleMessages } from "../gateway/anthropic-inbound/messages-route";
import { cancelPathId, handleCancelRequest } from "../gateway/cancel-route";
import { handleChatCompletions } from "../gateway/chat-completions-route";
import { handleEmbeddings } from "../gateway/embeddings-route";
import { handleModels } from "../gateway/models-route";
import { handleMe } from "../self-service/me-route";
import { handleTokenCount } from "../self-service/tokens-route";
import { countResponse, type GatewayEndpoint } from "../gateway/transport/count-response";
import type { GatewayRequest } from "../gateway/transport/gateway-request";
import type { GatewayResponse } from "../http/gateway-response";
import { fromNodeRequest } from "../gateway/transport/node-request";
import { sendNodeResponse } from "../gateway/transport/node-response";

type Handler = (request: GatewayRequest) => Promise<GatewayResponse>;

interface Route {
  method: string;
  endpoint: GatewayEndpoint;
  handler: Handler;
}

const ROUTES: Record<string, Route> = {
  "/chat/completions": { method: "POST", endpoint: "chat.completions", handler: handleChatCompletions },
  "/embeddings": { method: "POST", endpoint: "embeddings", handler: handleEmbeddings },
  "/models": { method: "GET", endpoint: "models", handler: handleModels },
  "/messages": { method: "POST", endpoint: "messages", handler: handleMessages },
  "/messages/count_tokens": { method: "POST", endpoint: "messages.count_tokens", handler: handleCountTokens },
  "/tokens/count": { method: "POST", endpoint: "tokens.count", handler: handleTokenCount },
  "/me": { method: "GET", endpoint: "me", handler: handleMe },
};

function routeOf(url: string | undefined, method: string | undefined): Route | null {
  if (!url) return null;
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  const rest = path.startsWith("/v1/") ? path.slice(3) : path.startsWith("/api/v1/") ? path.slice(7) : null;
  if (rest === null) return null;
  const route = ROUTES[rest.endsWith("/") ? rest.slice(0, -1) : rest];
  // Other methods fall through to Next.js, which answers 405 in its usual way.
  return route && route.method === method ? route : null;
}

/** Serves the request when it is a proxy route (the promise settles when the response is sent); null leaves it to Next.js. */
export function handleGatewayRequest(req: IncomingMessage, res: ServerResponse): Promise<void> | null {
  const route = routeOf(req.url, req.method);
  if (!route) {
    // POST /v1/requests/{id}/cancel (lib/gateway/cancel-route.ts), then the Files and Batch APIs
    // (paths with ids in them), which have a router of their own.
    const cancelId = cancelPathId(req.url, req.method);
    if (cancelId !== null) return handleCancelRequest(fromNodeRequest(req, res), cancelId).then((response) => sendNodeResponse(res, response));
    return handleBatchApiRequest(req, res);
  }
  return route.handler(fromNodeRequest(req, res)).then((response) => sendNodeResponse(res, countResponse(route.endpoint, response)));
}
