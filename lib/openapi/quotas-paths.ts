// The quotas, rate limits and usage verification paths and named schemas, from the same zod
// contracts the route handlers parse with.
import type { z } from "zod";
import {
  deleteQuotaQuerySchema,
  listQuotasQuerySchema,
  quotaListSchema,
  quotaSchema,
  quotaStatusQuerySchema,
  quotaStatusSchema,
  upsertQuotaSchema,
  verifyUsageQuerySchema,
  verifyUsageResponseSchema,
} from "../quotas/schemas";
import {
  deleteRateLimitQuerySchema,
  listRateLimitsQuerySchema,
  rateLimitListSchema,
  rateLimitSchema,
  upsertRateLimitSchema,
} from "../rate-limits/schemas";
import type { ComponentName } from "./components";
import { adminOperation as op } from "./operation";

export function quotasComponents(): Record<string, z.ZodType> {
  return {
    UpsertQuota: upsertQuotaSchema,
    Quota: quotaSchema,
    QuotaList: quotaListSchema,
    QuotaStatus: quotaStatusSchema,
    UpsertRateLimit: upsertRateLimitSchema,
    RateLimit: rateLimitSchema,
    RateLimitList: rateLimitListSchema,
    UsageVerification: verifyUsageResponseSchema,
  };
}

type QuotasComponent = keyof ReturnType<typeof quotasComponents>;
/** Names registered by quotasComponents(), which the document merges into components.schemas. */
const schema = (name: QuotasComponent) => name as ComponentName;

const ALL = "admin, viewer; developer (only their own user, keys, team, tier and organization)";
const ADMIN = "admin";

export function quotasPaths(): Record<string, unknown> {
  return {
    "/api/admin/quotas": {
      get: op({ summary: "List quotas", tag: "Quotas", roles: ALL, query: listQuotasQuerySchema, ok: { status: 200, schema: schema("QuotaList") } }),
      put: op({
        summary: "Create or replace the quota of one scope and period (201 when created; cost in dollars; 404 for an unknown scopeId)",
        tag: "Quotas",
        roles: ADMIN,
        body: schema("UpsertQuota"),
        ok: { status: 200, schema: schema("Quota") },
        errors: [404],
      }),
      delete: op({
        summary: "Delete the quota of one scope and period",
        tag: "Quotas",
        roles: ADMIN,
        query: deleteQuotaQuerySchema,
        ok: { status: 200, schema: schema("Quota"), description: "The deleted quota" },
        errors: [404],
      }),
    },
    "/api/admin/quotas/{id}": {
      delete: op({ summary: "Delete a quota", tag: "Quotas", roles: ADMIN, withId: true, ok: { status: 200, schema: schema("Quota"), description: "The deleted quota" } }),
    },
    "/api/admin/quotas/status": {
      get: op({
        summary: "Used, limit, remaining and reset time of every quota limit of a key, user, team or the organization",
        tag: "Quotas",
        roles: ALL,
        query: quotaStatusQuerySchema,
        ok: { status: 200, schema: schema("QuotaStatus") },
        errors: [404],
      }),
    },
    "/api/admin/rate-limits": {
      get: op({ summary: "List rate limits", tag: "Rate limits", roles: ALL, query: listRateLimitsQuerySchema, ok: { status: 200, schema: schema("RateLimitList") } }),
      put: op({
        summary: "Create or replace the requests and tokens per minute of a key, user or team (201 when created)",
        tag: "Rate limits",
        roles: ADMIN,
        body: schema("UpsertRateLimit"),
        ok: { status: 200, schema: schema("RateLimit") },
        errors: [404],
      }),
      delete: op({
        summary: "Delete the rate limits of a key, user or team",
        tag: "Rate limits",
        roles: ADMIN,
        query: deleteRateLimitQuerySchema,
        ok: { status: 200, schema: schema("RateLimit"), description: "The deleted rate limit" },
        errors: [404],
      }),
    },
    "/api/admin/rate-limits/{id}": {
      delete: op({ summary: "Delete a rate limit", tag: "Rate limits", roles: ADMIN, withId: true, ok: { status: 200, schema: schema("RateLimit"), description: "The deleted rate limit" } }),
    },
    "/api/admin/usage/verify": {
      get: op({
        summary: "Flush the usage buffer and prove that quota counters, rollups and usage records agree for a period (or a range)",
        tag: "Usage",
        roles: "admin, viewer",
        query: verifyUsageQuerySchema,
        ok: { status: 200, schema: schema("UsageVerification") },
      }),
    },
  };
}
