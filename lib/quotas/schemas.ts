// Quotas: request and response contracts for the admin API, the console and the OpenAPI document.
// Costs are dollars here (micro-dollars inside).
import { z } from "zod";
import { managedBySchema } from "../config-file/managed-by";
import { idSchema, isoDateParam, isoDateTime, listResponseSchema, paginationQuery } from "../http/list-schemas";
import { evenWithFieldErrors } from "../validation/refine-always";
import { QUOTA_PERIODS } from "./periods";

export const QUOTA_SCOPES = ["key", "user", "team", "org", "tier"] as const;
export type QuotaScope = (typeof QUOTA_SCOPES)[number];
/** Scopes that own usage (a tier's quotas apply to each of its users). */
export const COUNTER_SCOPES = ["key", "user", "team", "org"] as const;
export const TIERS = ["free", "pro", "enterprise"] as const;

export const quotaScopeSchema = z.enum(QUOTA_SCOPES);
export const quotaPeriodSchema = z.enum(QUOTA_PERIODS);

const maxCalls = z.number().int("must be a whole number").min(0).max(2_147_483_647).nullish();
const maxTokens = z.number().int("must be a whole number").min(0).max(Number.MAX_SAFE_INTEGER).nullish();
/** Dollars, kept to the micro-dollar. */
const maxCost = z.number().min(0).max(1_000_000_000).nullish();

export const upsertQuotaSchema = z
  .object({
    scope: quotaScopeSchema,
    /** key, user or team id; the organization id for "org"; free | pro | enterprise for "tier" */
    scopeId: idSchema,
    period: quotaPeriodSchema,
    maxCalls,
    maxTokens,
    maxCost,
  })
  .superRefine((value, context) => {
    if (value.maxCalls == null && value.maxTokens == null && value.maxCost == null) {
      context.addIssue({ code: "custom", path: ["maxCalls"], message: "Set at least one limit: max calls, max tokens or max cost." });
    }
  }, evenWithFieldErrors);

export const listQuotasQuerySchema = z.object({
  scope: quotaScopeSchema.optional(),
  scopeId: idSchema.optional(),
  period: quotaPeriodSchema.optional(),
  ...paginationQuery,
});

/** DELETE /api/admin/quotas?scope&scopeId&period – the same triple the upsert is keyed by. */
export const deleteQuotaQuerySchema = z.object({ scope: quotaScopeSchema, scopeId: idSchema, period: quotaPeriodSchema });

export const quotaSchema = z.object({
  id: idSchema,
  scope: quotaScopeSchema,
  scopeId: z.string(),
  /** the key's name, the user's e-mail, the team's or organization's name, the tier; null if gone */
  scopeName: z.string().nullable(),
  period: quotaPeriodSchema,
  maxCalls: z.number().int().nullable(),
  maxTokens: z.number().int().nullable(),
  /** dollars */
  maxCost: z.number().nullable(),
  /** "config-file" when the configuration file owns it (changes here are refused with 409); null = managed here */
  managedBy: managedBySchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export const quotaListSchema = listResponseSchema(quotaSchema);

export const quotaStatusQuerySchema = z.object({
  scope: z.enum(COUNTER_SCOPES),
  /** defaults to the organization's id for scope "org" */
  scopeId: idSchema.optional(),
});

export const quotaLimitStatusSchema = z.object({
  scope: z.enum(COUNTER_SCOPES),
  scopeId: z.string(),
  period: quotaPeriodSchema,
  kind: z.enum(["calls", "tokens", "cost"]),
  /** dollars for kind "cost" */
  used: z.number(),
  limit: z.number(),
  remaining: z.number(),
  /** when the period ends; null for "total" */
  resetsAt: isoDateTime.nullable(),
  periodKey: z.string(),
  source: z.enum(["explicit", "tier"]),
});
export const quotaStatusSchema = z.object({
  scope: z.enum(COUNTER_SCOPES),
  scopeId: z.string(),
  scopeName: z.string().nullable(),
  limits: z.array(quotaLimitStatusSchema),
});

export const verifyUsageQuerySchema = z
  .object({
    /** a calendar period in TOLLGATE_TIME_ZONE: checks counters, rollups and records */
    period: quotaPeriodSchema.optional(),
    /** any instant inside the period (default: now) */
    at: isoDateParam.optional(),
    /** or an explicit range: checks rollups against records only */
    from: isoDateParam.optional(),
    to: isoDateParam.optional(),
  })
  .superRefine((value, context) => {
    const range = value.from !== undefined || value.to !== undefined;
    if (range && value.period !== undefined) context.addIssue({ code: "custom", path: ["period"], message: "Use either period (and at) or from and to, not both." });
    if (range && (value.from === undefined || value.to === undefined)) {
      context.addIssue({ code: "custom", path: [value.from === undefined ? "from" : "to"], message: "from and to go together." });
    }
    if (value.from && value.to && value.from.getTime() >= value.to.getTime()) context.addIssue({ code: "custom", path: ["from"], message: "must be before to." });
  });

export const usageDifferenceSchema = z.object({
  /** e.g. "counter.cost" (quota counter vs records), "rollup.calls" (rollups vs records) */
  what: z.string(),
  scope: z.enum(COUNTER_SCOPES),
  scopeId: z.string(),
  /** what the usage records say (dollars for cost) */
  expected: z.number(),
  actual: z.number(),
});
export const verifyUsageResponseSchema = z.object({
  ok: z.boolean(),
  checked: z.object({
    from: isoDateTime.nullable(),
    to: isoDateTime.nullable(),
    periodKey: z.string().nullable(),
    records: z.number().int(),
    scopes: z.number().int(),
    counters: z.number().int(),
    /** false when the range does not fall on whole UTC hours, which hourly rollups cannot match */
    rollupsCompared: z.boolean(),
  }),
  differences: z.array(usageDifferenceSchema),
});

export type Quota = z.infer<typeof quotaSchema>;
export type UpsertQuotaInput = z.output<typeof upsertQuotaSchema>;
export type ListQuotasQuery = z.output<typeof listQuotasQuerySchema>;
export type QuotaStatus = z.infer<typeof quotaStatusSchema>;
export type QuotaLimitStatusBody = z.infer<typeof quotaLimitStatusSchema>;
export type VerifyUsageQuery = z.output<typeof verifyUsageQuerySchema>;
export type VerifyUsageResponse = z.infer<typeof verifyUsageResponseSchema>;
export type UsageDifference = z.infer<typeof usageDifferenceSchema>;

/** GET /api/admin/limits?scope&id */
export const limitsQuerySchema = z.object({
  scope: z.enum(["key", "user", "team"], { error: "scope: must be key, user or team." }),
  id: idSchema,
});

export const rateLimitStatusSchema = z.object({
  scope: z.enum(["key", "user", "team"]),
  scopeId: z.string(),
  scopeName: z.string().nullable(),
  kind: z.enum(["rpm", "tpm"]),
  limit: z.number().int(),
  /** requests (rpm) or tokens (tpm) admitted in the last 60 seconds, from the usage ledger */
  used: z.number().int(),
  remaining: z.number().int(),
  /** when the oldest call in the window leaves it; null when nothing was used */
  resetsAt: isoDateTime.nullable(),
});

export const effectiveLimitsSchema = z.object({
  subject: z.object({
    scope: z.enum(["key", "user", "team"]),
    id: z.string(),
    name: z.string().nullable(),
    /** the user's tier (the key's owner's); null for a team */
    tier: z.string().nullable(),
  }),
  /** Every quota the subject's calls count against: its own, its owner's (explicit or from the tier), its team's, the organization's. */
  quotas: z.array(quotaLimitStatusSchema.extend({ scopeName: z.string().nullable() })),
  rateLimits: z.array(rateLimitStatusSchema),
  /** For a key: the models it may call (null = every model) and when it stops working. For a user: the limits on all their keys. Null for a team. */
  keyLimits: z.object({ models: z.array(z.string()).nullable(), maxDays: z.number().int().nullable(), expiresAt: isoDateTime.nullable() }).nullable(),
  /** The limits used at 80 % or more, most used first. */
  near: z.array(
    z.object({
      scope: z.string(),
      scopeId: z.string(),
      scopeName: z.string().nullable(),
      /** "daily calls", "monthly cost", "rpm", … */
      what: z.string(),
      used: z.number(),
      limit: z.number(),
      ratio: z.number(),
      resetsAt: isoDateTime.nullable(),
    }),
  ),
});

export type LimitsQuery = z.output<typeof limitsQuerySchema>;
export type EffectiveLimitsBody = z.infer<typeof effectiveLimitsSchema>;
