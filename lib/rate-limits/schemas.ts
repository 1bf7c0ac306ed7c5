// Rate limits: request and response contracts for the admin API, the console and the OpenAPI document.
import { z } from "zod";
import { managedBySchema } from "../config-file/managed-by";
import { idSchema, isoDateTime, listResponseSchema, paginationQuery } from "../http/list-schemas";
import { evenWithFieldErrors } from "../validation/refine-always";

export const RATE_LIMIT_SCOPES = ["key", "user", "team"] as const;
export type RateLimitScope = (typeof RATE_LIMIT_SCOPES)[number];
export const rateLimitScopeSchema = z.enum(RATE_LIMIT_SCOPES);

const perMinute = z.number().int("must be a whole number").min(0).max(1_000_000_000).nullish();

export const upsertRateLimitSchema = z
  .object({
    scope: rateLimitScopeSchema,
    scopeId: idSchema,
    /** requests per minute (sliding window) */
    rpm: perMinute,
    /** tokens per minute (sliding window; prompt + reserved output at admission, corrected to the real count) */
    tpm: perMinute,
  })
  .superRefine((value, context) => {
    if (value.rpm == null && value.tpm == null) context.addIssue({ code: "custom", path: ["rpm"], message: "Set at least one limit: requests or tokens per minute." });
  }, evenWithFieldErrors);

export const listRateLimitsQuerySchema = z.object({
  scope: rateLimitScopeSchema.optional(),
  scopeId: idSchema.optional(),
  ...paginationQuery,
});

/** DELETE /api/admin/rate-limits?scope&scopeId */
export const deleteRateLimitQuerySchema = z.object({ scope: rateLimitScopeSchema, scopeId: idSchema });

export const rateLimitSchema = z.object({
  id: idSchema,
  scope: rateLimitScopeSchema,
  scopeId: z.string(),
  /** the key's name, the user's e-mail or the team's name; null if gone */
  scopeName: z.string().nullable(),
  rpm: z.number().int().nullable(),
  tpm: z.number().int().nullable(),
  /** "config-file" when the configuration file owns it (changes here are refused with 409); null = managed here */
  managedBy: managedBySchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export const rateLimitListSchema = listResponseSchema(rateLimitSchema);

export type RateLimit = z.infer<typeof rateLimitSchema>;
export type UpsertRateLimitInput = z.output<typeof upsertRateLimitSchema>;
export type ListRateLimitsQuery = z.output<typeof listRateLimitsQuerySchema>;
