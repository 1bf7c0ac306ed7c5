// The service endpoints around the admin API and the proxy: health, metrics, this document, and
// the console playground's chat (lib/health, lib/metrics, lib/openapi, lib/playground).
import { ref, type ComponentName } from "./components";

const json = (name: ComponentName) => ({ "application/json": { schema: ref(name) } });
const adminError = (description: string) => ({ description, content: json("AdminError") });
const proxyError = (description: string) => ({ description, content: json("ProxyError") });

const health = {
  type: "object",
  required: ["status", "database", "ledger"],
  properties: {
    status: { type: "string", enum: ["ok", "degraded", "unavailable"] },
    database: { type: "string", enum: ["ok", "unreachable"] },
    ledger: {
      type: "string",
      enum: ["ok", "degraded", "failing", "unknown"],
      description: "The usage ledger: degraded = records wait in memory or the local journal (none lost, still 200); failing = records are being dropped (503).",
    },
    usage: {
      type: ["object", "null"],
      properties: {
        pending: { type: "integer", description: "Usage records in memory." },
        journaled: { type: "integer", description: "Usage records in the local journal, waiting for the database." },
        dropped: { type: "integer", description: "Usage records dropped since the process started." },
        failingForMs: { type: "integer", description: "How long usage writes have been failing (0 = they are not)." },
        journalError: { type: ["string", "null"], description: "Why the journal could not be written last time." },
      },
    },
    latencyMs: { type: "integer", description: "How long `SELECT 1` took (only when the database answers)." },
  },
};

export function servicePaths(): Record<string, unknown> {
  return {
    "/api/health": {
      get: {
        summary: "Liveness and database check, for load balancers (no authentication)",
        tags: ["Service"],
        security: [],
        responses: {
          200: { description: "The database answers and no usage record is being lost (the ledger may be degraded)", content: { "application/json": { schema: health } } },
          503: { description: "The database does not answer, or usage records are being dropped", content: { "application/json": { schema: health } } },
        },
      },
    },
    "/api/metrics": {
      get: {
        summary: "Prometheus metrics in the text exposition format",
        description: "Readable with `Authorization: Bearer <METRICS_TOKEN>`, the admin API key, or an admin's console session.",
        tags: ["Service"],
        security: [{ metricsToken: [] }, { adminApiKey: [] }, { session: [] }],
        responses: {
          200: { description: "The metrics of every thread of this process", content: { "text/plain": { schema: { type: "string" } } } },
          401: adminError("No valid metrics token, admin API key or session."),
          403: adminError("A signed-in user who is not an admin."),
        },
      },
    },
    "/api/openapi.json": {
      get: {
        summary: "This OpenAPI 3.1 document (public: it describes, it grants nothing)",
        tags: ["Service"],
        security: [],
        responses: { 200: { description: "The document", content: { "application/json": { schema: { type: "object" } } } } },
      },
    },
    "/api/playground/chat": {
      post: {
        summary: "The console playground's chat: the proxy's pipeline for the signed-in user instead of a virtual key",
        description:
          "Console session only, from the console's own pages (Origin or Sec-Fetch-Site same-origin, JSON body). " +
          "Always streams, whatever `stream` says; the last event before `data: [DONE]` is a `tollgate.summary` object " +
          "(requestId, model, usage, cost in dollars, latencyMs, ttftMs, estimated).",
        tags: ["Playground"],
        security: [{ session: [] }],
        requestBody: { required: true, content: json("ChatCompletionRequest") },
        responses: {
          200: { description: "A `text/event-stream` of chat.completion.chunk events", content: { "text/event-stream": { schema: { type: "string" } } } },
          400: proxyError("Invalid request"),
          401: proxyError("Not signed in, or the account is disabled"),
          403: proxyError("Not from the console's own origin (cross-site request)"),
          404: proxyError("Unknown model"),
          429: proxyError("Rate limit or quota exceeded (see retry-after)"),
          502: proxyError("The upstream provider failed"),
          504: proxyError("The upstream provider timed out"),
        },
      },
    },
  };
}
