// Routing's paths (docs/routing.md): a model's deployments and routing settings, one deployment's
// state, the Health API, and the proxy's cancel. Named schemas from the same zod contracts the
// handlers parse with (lib/models/routing-schemas.ts, lib/routing/health-schemas.ts).
import type { z } from "zod";
import { deploymentSchema, patchDeploymentSchema, putRoutingSchema, routingSchema } from "../models/routing-schemas";
import { deploymentHealthListSchema, deploymentHealthQuerySchema, deploymentRestoreSchema, ejectionListSchema, ejectionQuerySchema } from "../routing/health-schemas";
import { ref, type ComponentName } from "./components";
import { adminOperation as op } from "./operation";

export function routingComponents(): Record<string, z.ZodType> {
  return {
    // Request bodies: the document renders Update… names as zod "input" (defaults optional).
    UpdateRouting: putRoutingSchema,
    UpdateDeployment: patchDeploymentSchema,
    Routing: routingSchema,
    Deployment: deploymentSchema,
    DeploymentHealthList: deploymentHealthListSchema,
    DeploymentRestore: deploymentRestoreSchema,
    EjectionList: ejectionListSchema,
  };
}

type RoutingComponent = keyof ReturnType<typeof routingComponents>;
const schema = (name: RoutingComponent) => name as ComponentName;

const tag = "Routing";
const ALL = "admin, developer, viewer";
const ADMIN = "admin";

export function routingPaths(): Record<string, unknown> {
  return {
    "/api/admin/models/{id}/routing": {
      get: op({ summary: "A model's routing: deployments (with ids), strategy, retries, fallback models, timeouts, auto router", tag, roles: ALL, withId: true, ok: { status: 200, schema: schema("Routing") } }),
      put: op({
        summary:
          "Replace a model's routing. Deployments are kept by `id`, or by provider and upstream model, so re-sending the list keeps their ids, health and history; deployments not listed are removed. 422 names the field (an unknown provider or fallback model, a router candidate that is itself a router, deployments on a router)",
        tag,
        roles: ADMIN,
        withId: true,
        body: schema("UpdateRouting"),
        ok: { status: 200, schema: schema("Routing") },
      }),
    },
    "/api/admin/deployments/{id}": {
      get: op({ summary: "One deployment", tag, roles: ALL, withId: true, ok: { status: 200, schema: schema("Deployment") } }),
      patch: op({
        summary: "Drain (no new calls, those in flight finish), disable or re-activate a deployment; change its weight, priority, maxConcurrency, upstream model or prices",
        tag,
        roles: ADMIN,
        withId: true,
        body: schema("UpdateDeployment"),
        ok: { status: 200, schema: schema("Deployment") },
      }),
    },
    "/api/admin/deployments/{id}/restore": {
      post: op({
        summary:
          "End the deployment's ejection now and reset its circuit breaker (failure streak, error-rate window, the doubling of the next cool-down) on every replica, through the shared store. Draining and disabled stay as they are. 503 `store_unavailable` when the shared store cannot be reached",
        tag,
        roles: ADMIN,
        withId: true,
        ok: { status: 200, schema: schema("DeploymentRestore") },
      }),
    },
    "/api/admin/health/deployments": {
      get: op({
        summary:
          "Every deployment's state (healthy, ejected until …, half-open, draining, disabled), calls in flight now (every thread and replica that answers within a short wait), upstream attempts, errors, error rate, latency and time-to-first-token p50/p95 and last error over the window (default the last hour)",
        tag,
        roles: ALL,
        query: deploymentHealthQuerySchema,
        ok: { status: 200, schema: schema("DeploymentHealthList") },
      }),
    },
    "/api/admin/health/ejections": {
      get: op({ summary: "The circuit breaker's ejections, newest first: when, until when, why, the last error", tag, roles: ALL, query: ejectionQuerySchema, ok: { status: 200, schema: schema("EjectionList") } }),
    },
    "/api/v1/requests/{id}/cancel": {
      post: {
        summary:
          "Cancel a call in flight with the key that made it: `id` is its x-request-id or the x-client-request-id the client sent. The upstream call is aborted, the call answers 499 `request_cancelled` (a stream: an error event, then [DONE]), and its usage record says so. Works across replicas.",
        tags: ["Proxy"],
        security: [{ virtualKey: [] }],
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", maxLength: 128 }, description: "The call's x-request-id, or the x-client-request-id its client sent." }],
        responses: {
          200: {
            description: "The call was cancelled",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["id", "object", "cancelled"],
                  properties: { id: { type: "string" }, object: { const: "request.cancellation" }, cancelled: { const: true } },
                },
              },
            },
          },
          401: { description: "Missing, unknown, revoked or expired virtual key", content: { "application/json": { schema: ref("ProxyError") } } },
          404: { description: "No call with that id is in flight for this key (`request_not_found`)", content: { "application/json": { schema: ref("ProxyError") } } },
        },
      },
    },
  };
}
