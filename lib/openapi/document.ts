// The OpenAPI 3.1 document of the admin API and the proxy, built once per process from the zod
// contracts (so it cannot drift from what the handlers accept and return).
import type { z } from "zod";
import { adminPaths } from "./admin-paths";
import { alertsComponents, alertsPaths } from "./alerts-paths";
import { auditComponents, auditPaths } from "./audit-paths";
import { batchesComponents, batchesPaths } from "./batches-paths";
import { billingComponents, billingPaths } from "./billing-paths";
import { cacheComponents, cachePaths } from "./cache-paths";
import { cacheWarmupComponents, cacheWarmupPaths } from "./cache-warmup-paths";
import { conversationsComponents, conversationsPaths } from "./conversations-paths";
import { developerComponents, developerPaths } from "./developer-paths";
import { buildComponentSchemas } from "./components";
import { toJsonSchema } from "./json-schema";
import { ledgerComponents, ledgerPaths } from "./ledger-paths";
import { operationsComponents, operationsPaths } from "./operations-paths";
import { proxyPaths } from "./proxy-paths";
import { quotasComponents, quotasPaths } from "./quotas-paths";
import { routingComponents, routingPaths } from "./routing-paths";
import { servicePaths } from "./service-paths";

/** The governance features' named schemas; request bodies (Create…, Update…, Upsert…, Import…) as inputs. */
function featureComponentSchemas(): Record<string, unknown> {
  const all: Record<string, z.ZodType> = { ...quotasComponents(), ...alertsComponents(), ...auditComponents(), ...billingComponents(), ...cacheComponents(), ...cacheWarmupComponents(), ...ledgerComponents(), ...operationsComponents(), ...routingComponents(), ...batchesComponents(), ...conversationsComponents(), ...developerComponents() };
  return Object.fromEntries(
    Object.entries(all).map(([name, schema]) => [name, toJsonSchema(schema, /^(Create|Update|Upsert|Import)/.test(name) ? "input" : "output")]),
  );
}

let cached: Record<string, unknown> | undefined;

export function openApiDocument(): Record<string, unknown> {
  cached ??= {
    openapi: "3.1.0",
    info: {
      title: "Tollgate API",
      version: "1.0.0",
      description:
        "Admin API (`/api/admin/*`: console session or `Authorization: Bearer <ADMIN_API_KEY>`) and the " +
        "OpenAI-compatible proxy (`/api/v1/*`, also `/v1/*`: `Authorization: Bearer <virtual key>`). " +
        "Money is in US dollars; token prices are per 1M tokens. Dates are ISO 8601.",
    },
    tags: [
      { name: "Proxy" },
      { name: "Auth" },
      { name: "Teams" },
      { name: "Users" },
      { name: "Keys" },
      { name: "Providers" },
      { name: "Models" },
      { name: "Usage" },
      { name: "Quotas" },
      { name: "Rate limits" },
      { name: "Billing" },
      { name: "Alerts" },
      { name: "Audit log" },
      { name: "Playground" },
      { name: "Service" },
      { name: "Cache" },
      { name: "Batches" },
      { name: "Conversations" },
      { name: "Routing" },
    ],
    paths: { ...proxyPaths(), ...adminPaths(), ...quotasPaths(), ...billingPaths(), ...alertsPaths(), ...auditPaths(), ...servicePaths(), ...cachePaths(), ...cacheWarmupPaths(), ...ledgerPaths(), ...operationsPaths(), ...routingPaths(), ...batchesPaths(), ...conversationsPaths(), ...developerPaths() },
    components: {
      schemas: { ...buildComponentSchemas(), ...featureComponentSchemas() },
      securitySchemes: {
        virtualKey: { type: "http", scheme: "bearer", description: "A Tollgate virtual key (tg-…)." },
        adminApiKey: { type: "http", scheme: "bearer", description: "The ADMIN_API_KEY of the deployment; acts as an admin." },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "A console session." },
        metricsToken: { type: "http", scheme: "bearer", description: "The METRICS_TOKEN of the deployment; reads /api/metrics only." },
      },
    },
  };
  return cached;
}
