// The OpenAI-compatible proxy's paths (also served under /v1/*), called with a virtual key.
import { ref, type ComponentName } from "./components";

const json = (name: ComponentName) => ({ "application/json": { schema: ref(name) } });

const proxyErrors = {
  400: { description: "Invalid request", content: json("ProxyError") },
  401: { description: "Missing, unknown, revoked or expired virtual key", content: json("ProxyError") },
  403: { description: "The key may not use this model", content: json("ProxyError") },
  404: { description: "Unknown model", content: json("ProxyError") },
  429: { description: "Rate limit or quota exceeded (see retry-after)", content: json("ProxyError") },
  502: { description: "The upstream provider failed", content: json("ProxyError") },
  504: { description: "The upstream provider timed out", content: json("ProxyError") },
};

export function proxyPaths() {
  return {
    "/api/v1/chat/completions": {
      post: {
        summary: "Create a chat completion (OpenAI-compatible; streams as SSE when `stream` is true)",
        tags: ["Proxy"],
        security: [{ virtualKey: [] }],
        requestBody: { required: true, content: json("ChatCompletionRequest") },
        responses: {
          200: {
            description: "A completion, or with `stream: true` a `text/event-stream` of chat.completion.chunk events ending in `data: [DONE]`",
            content: { ...json("ChatCompletion"), "text/event-stream": { schema: { type: "string" } } },
          },
          ...proxyErrors,
        },
      },
    },
    "/api/v1/embeddings": {
      post: {
        summary: "Create embeddings (OpenAI-compatible)",
        tags: ["Proxy"],
        security: [{ virtualKey: [] }],
        requestBody: { required: true, content: json("EmbeddingsRequest") },
        responses: { 200: { description: "Embeddings", content: json("EmbeddingsResponse") }, ...proxyErrors },
      },
    },
    "/api/v1/models": {
      get: {
        summary: "List the models this key may use",
        tags: ["Proxy"],
        security: [{ virtualKey: [] }],
        responses: { 200: { description: "Models", content: json("ModelsList") }, 401: proxyErrors[401] },
      },
    },
  };
}
