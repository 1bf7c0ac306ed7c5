// The call log's detail, effective limits and body capture paths and named schemas, from the same
// zod contracts the route handlers parse with.
import type { z } from "zod";
import { captureScopeQuerySchema, captureSettingListSchema, captureSettingSchema, listCaptureSettingsQuerySchema, upsertCaptureSettingSchema } from "../capture/schemas";
import { effectiveLimitsSchema, limitsQuerySchema } from "../quotas/schemas";
import { usageDetailSchema } from "../usage/schemas";
import type { ComponentName } from "./components";
import { adminOperation as op } from "./operation";

export function ledgerComponents(): Record<string, z.ZodType> {
  return {
    UsageDetail: usageDetailSchema,
    EffectiveLimits: effectiveLimitsSchema,
    UpsertCaptureSetting: upsertCaptureSettingSchema,
    CaptureSetting: captureSettingSchema,
    CaptureSettingList: captureSettingListSchema,
  };
}

type LedgerComponent = keyof ReturnType<typeof ledgerComponents>;
/** Names registered by ledgerComponents(), which the document merges into components.schemas. */
const schema = (name: LedgerComponent) => name as ComponentName;

const ALL = "admin, viewer; developer (only their own)";
const ADMIN = "admin";

export function ledgerPaths(): Record<string, unknown> {
  return {
    "/api/admin/usage/{id}": {
      get: op({
        summary: "One call of the log by its request id: tokens, cost, latency, time to first token, refusal or error, routing and cache, and its captured bodies (admins and the key's owner) when body capture was on",
        tag: "Usage",
        roles: ALL,
        withId: true,
        ok: { status: 200, schema: schema("UsageDetail") },
      }),
    },
    "/api/admin/limits": {
      get: op({
        summary: "Every quota and rate limit that applies to a key, user or team (explicit and from the tier, inherited from owner, team and organization), used, remaining and resets; the key limits; those used at 80 % or more",
        tag: "Quotas",
        roles: ALL,
        query: limitsQuerySchema,
        ok: { status: 200, schema: schema("EffectiveLimits") },
        errors: [404],
      }),
    },
    "/api/admin/me/limits": {
      get: op({
        summary: "The signed-in user's own effective limits (404 for the admin API key, which is not a user)",
        tag: "Quotas",
        roles: "admin, developer, viewer",
        ok: { status: 200, schema: schema("EffectiveLimits") },
        errors: [404],
      }),
    },
    "/api/admin/capture-settings": {
      get: op({ summary: "Keys and teams with body capture on", tag: "Usage", roles: ALL, query: listCaptureSettingsQuerySchema, ok: { status: 200, schema: schema("CaptureSettingList") } }),
      put: op({
        summary: "Turn body capture on for a key or team, or change its retention (201 when turned on; audited)",
        tag: "Usage",
        roles: ADMIN,
        body: schema("UpsertCaptureSetting"),
        ok: { status: 200, schema: schema("CaptureSetting") },
        errors: [404],
      }),
      delete: op({
        summary: "Turn body capture off for a key or team (audited; bodies already captured stay until their retention ends)",
        tag: "Usage",
        roles: ADMIN,
        query: captureScopeQuerySchema,
        ok: { status: 200, schema: schema("CaptureSetting"), description: "The setting that was removed" },
        errors: [404],
      }),
    },
  };
}
