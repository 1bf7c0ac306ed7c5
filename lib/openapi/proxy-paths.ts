// The OpenAI-compatible proxy's paths (also served under /v1/*), called with a virtual key.
import { errorResponse, json, keyOperation } from "./operation";

const proxyErrors = {
  400: errorResponse("Invalid request"),
  401: errorResponse("Missing, unknown, revoked or expired virtual key"),
  403: errorResponse("The key may not use this model"),
  404: errorResponse("Unknown model"),
  429: errorResponse("Rate limit, quota or concurrency limit exceeded, or every deployment rate-limited (see retry-after)"),
  499: errorResponse("The call was cancelled through POST /v1/requests/{id}/cancel (`request_cancelled`)"),
  502: errorResponse("Every attempt failed (retries and fallbacks included); the message names the last failure; retry-after says when to try again"),
  503: errorResponse("No deployment can take the call now: all ejected by the circuit breaker (retry-after = the first to come back), or none active"),
  504: errorResponse("The last attempt timed out (see retry-after)"),
};

/** The request headers that steer routing (docs/routing.md). */
const routingHeaders = [
  { name: "x-tollgate-timeout-ms", in: "header", required: false, schema: { type: "integer", minimum: 1 }, description: "Per-attempt upstream timeout, bounded by GATEWAY_MAX_TIMEOUT_MS." },
  { name: "x-tollgate-truncate", in: "header", required: false, schema: { const: "oldest" }, description: "Drop the oldest non-system messages until the prompt fits the model's context window." },
  { name: "x-tollgate-priority", in: "header", required: false, schema: { enum: ["cost", "speed", "quality"] }, description: "What an auto router optimises for." },
  { name: "x-client-request-id", in: "header", required: false, schema: { type: "string", maxLength: 128 }, description: "Your own id for the call, to cancel it with POST /v1/requests/{id}/cancel." },
];

/** What every routed answer says about how it was served. */
const routedHeaders = {
  "x-tollgate-model": { description: "The model the call was for (an auto router's choice)", schema: { type: "string" } },
  "x-tollgate-provider": { description: "The name of the provider that answered", schema: { type: "string" } },
  "x-tollgate-deployment": { description: "The id of the deployment that answered", schema: { type: "string" } },
  "x-tollgate-attempts": { description: "Upstream attempts the call took (retries and fallbacks included)", schema: { type: "integer" } },
  "x-tollgate-fallback": { description: "The fallback model that answered, when one did", schema: { type: "string" } },
};

export function proxyPaths() {
  return {
    "/api/v1/chat/completions": {
      post: keyOperation({
        summary: "Create a chat completion (OpenAI-compatible; streams as SSE when `stream` is true)",
        parameters: routingHeaders,
        body: "ChatCompletionRequest",
        responses: {
          200: {
            description: "A completion, or with `stream: true` a `text/event-stream` of chat.completion.chunk events ending in `data: [DONE]`",
            headers: routedHeaders,
            content: { ...json("ChatCompletion"), "text/event-stream": { schema: { type: "string" } } },
          },
          ...proxyErrors,
        },
      }),
    },
    "/api/v1/embeddings": {
      post: keyOperation({
        summary: "Create embeddings (OpenAI-compatible)",
        parameters: routingHeaders.filter((h) => h.name === "x-tollgate-timeout-ms" || h.name === "x-client-request-id"),
        body: "EmbeddingsRequest",
        responses: { 200: { description: "Embeddings", headers: routedHeaders, content: json("EmbeddingsResponse") }, ...proxyErrors },
      }),
    },
    "/api/v1/models": {
      get: keyOperation({
        summary: "List the models this key may use",
        responses: { 200: { description: "Models", content: json("ModelsList") }, 401: proxyErrors[401] },
      }),
    },
  };
}
