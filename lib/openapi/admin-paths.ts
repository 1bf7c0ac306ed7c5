// The admin API's paths, from the same zod contracts the route handlers parse with.
import type { z } from "zod";
import { listKeysQuerySchema } from "../keys/schemas";
import { listModelsQuerySchema } from "../models/schemas";
import { listProvidersQuerySchema } from "../providers/schemas";
import { listTeamsQuerySchema } from "../teams/schemas";
import { timeseriesQuerySchema, usageQuerySchema } from "../usage/schemas";
import { spendQuerySchema } from "../usage/spend-schemas";
import { listUsersQuerySchema } from "../users/schemas";
import { adminOperation as op } from "./operation";

const ALL = "admin, developer, viewer";
const READERS = "admin, viewer";
const ADMIN = "admin";

type Resource = "Team" | "User" | "Provider" | "Model";

/** GET list + POST create, and GET/PATCH/DELETE by id, for one resource. */
function crud(config: { tag: string; noun: string; name: Resource; query: z.ZodObject; readRoles?: string }) {
  const { tag, noun, name, query, readRoles = ALL } = config;
  const list = `${name}List` as const;
  return {
    collection: {
      get: op({ summary: `List ${noun}s`, tag, roles: readRoles, query, ok: { status: 200, schema: list } }),
      post: op({ summary: `Create a ${noun}`, tag, roles: ADMIN, body: `Create${name}`, ok: { status: 201, schema: name }, errors: [409] }),
    },
    item: {
      get: op({ summary: `Get a ${noun}`, tag, roles: readRoles, withId: true, ok: { status: 200, schema: name } }),
      patch: op({ summary: `Update a ${noun}`, tag, roles: ADMIN, withId: true, body: `Update${name}`, ok: { status: 200, schema: name }, errors: [409] }),
      delete: op({ summary: `Delete a ${noun}`, tag, roles: ADMIN, withId: true, ok: { status: 200, schema: name, description: `The deleted ${noun}` } }),
    },
  };
}

export function adminPaths() {
  const teams = crud({ tag: "Teams", noun: "team", name: "Team", query: listTeamsQuerySchema });
  const users = crud({ tag: "Users", noun: "user", name: "User", query: listUsersQuerySchema, readRoles: READERS });
  const providers = crud({ tag: "Providers", noun: "provider", name: "Provider", query: listProvidersQuerySchema });
  const models = crud({ tag: "Models", noun: "model", name: "Model", query: listModelsQuerySchema });
  const keyWriters = "admin; developer (own keys only)";
  return {
    "/api/admin/me": { get: op({ summary: "The caller", tag: "Auth", roles: ALL, ok: { status: 200, schema: "Principal" } }) },
    "/api/admin/teams": teams.collection,
    "/api/admin/teams/{id}": teams.item,
    "/api/admin/users": users.collection,
    "/api/admin/users/{id}": users.item,
    "/api/admin/keys": {
      get: op({ summary: "List virtual keys (developers: their own)", tag: "Keys", roles: ALL, query: listKeysQuerySchema, ok: { status: 200, schema: "ApiKeyList" } }),
      post: op({
        summary: "Create a virtual key",
        tag: "Keys",
        roles: keyWriters,
        body: "CreateKey",
        ok: { status: 201, schema: "CreatedApiKey", description: "The key, with its plaintext `key` (shown only this once)" },
      }),
    },
    "/api/admin/keys/{id}": {
      get: op({ summary: "Get a virtual key", tag: "Keys", roles: "admin, viewer; developer (own keys)", withId: true, ok: { status: 200, schema: "ApiKey" } }),
      patch: op({ summary: "Update a virtual key", tag: "Keys", roles: keyWriters, withId: true, body: "UpdateKey", ok: { status: 200, schema: "ApiKey" } }),
      delete: op({ summary: "Revoke a virtual key", tag: "Keys", roles: keyWriters, withId: true, ok: { status: 200, schema: "ApiKey", description: "The revoked key" } }),
    },
    "/api/admin/providers": providers.collection,
    "/api/admin/providers/{id}": providers.item,
    "/api/admin/providers/{id}/test": {
      post: op({
        summary: "Test a provider's connection: its free models listing (never a completion); the result (status, latency, models found, the error in words) is kept as the provider's `lastTest`",
        tag: "Providers",
        roles: ADMIN,
        withId: true,
        ok: { status: 200, schema: "ProviderTestResult", description: "The test's result; `ok: false` with `error` when the provider refused or did not answer (still a 200)" },
      }),
    },
    "/api/admin/models": models.collection,
    "/api/admin/models/{id}": models.item,
    "/api/admin/models/attach": {
      post: op({
        summary:
          "Attach one provider to several models that have none (the seeded price list's rows), each under its upstream model name: all of them or none. " +
          "404 names models not in the organization; 409 when one is managed by the configuration file (`managed_by_config_file`) or already has a provider or an auto router; one `model.update` audit entry per model",
        tag: "Models",
        roles: ADMIN,
        body: "AttachModels",
        ok: { status: 200, schema: "AttachModelsResult", description: "The models, now served by the provider, in the order asked for" },
        errors: [404, 409],
      }),
    },
    "/api/admin/playground/models": {
      get: op({ summary: "Enabled models with a provider (playground)", tag: "Models", roles: ALL, ok: { status: 200, schema: "ModelList" } }),
    },
    "/api/admin/usage": {
      get: op({ summary: "The call log: per-call records newest first, refusals included, filtered by status, model, team, user, key, request id, cache and fallback, in keyset pages (`cursor` = the previous page's `nextCursor`), with totals on the first page (developers: their own)", tag: "Usage", roles: ALL, query: usageQuerySchema, ok: { status: 200, schema: "UsagePage" } }),
    },
    "/api/admin/usage/timeseries": {
      get: op({ summary: "Usage series per UTC day, or per hour (`interval=hour`, ranges up to 7 days), with latency and time-to-first-token percentiles (developers: their own calls)", tag: "Usage", roles: ALL, query: timeseriesQuerySchema, ok: { status: 200, schema: "UsageTimeseries" } }),
    },
    "/api/admin/usage/spend": {
      get: op({ summary: "Calls and cost per key, user or team (`by`), this month unless `from`/`to` say otherwise, most expensive first: the top `limit`, or just the `ids` asked for (developers: their own calls)", tag: "Usage", roles: ALL, query: spendQuerySchema, ok: { status: 200, schema: "UsageSpend" } }),
    },
  };
}
