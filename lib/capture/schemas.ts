// Body capture settings: contracts for the admin API, the console and the OpenAPI document.
import { z } from "zod";
import { idSchema, isoDateTime, listResponseSchema } from "../http/list-schemas";

export const CAPTURE_SCOPES = ["key", "team"] as const;
export type CaptureScope = (typeof CAPTURE_SCOPES)[number];
export const captureScopeSchema = z.enum(CAPTURE_SCOPES, { error: "scope: must be key or team." });

/** Up to 30 days: captures are for debugging, not an archive. */
export const MAX_CAPTURE_RETENTION_HOURS = 720;

export const upsertCaptureSettingSchema = z.object({
  scope: captureScopeSchema,
  scopeId: idSchema,
  /** How long captured bodies are kept, in hours (1 to 720). */
  retentionHours: z
    .number({ error: "Retention must be a number of hours." })
    .int("Retention must be a whole number of hours.")
    .min(1, "Retention must be at least 1 hour.")
    .max(MAX_CAPTURE_RETENTION_HOURS, "Retention can be at most 720 hours (30 days)."),
});

/** DELETE /api/admin/capture-settings?scope&scopeId */
export const captureScopeQuerySchema = z.object({ scope: captureScopeSchema, scopeId: idSchema });
export const listCaptureSettingsQuerySchema = z.object({ scope: captureScopeSchema.optional(), scopeId: idSchema.optional() });

export const captureSettingSchema = z.object({
  id: z.string(),
  scope: captureScopeSchema,
  scopeId: z.string(),
  /** the key's or team's name; null if gone */
  scopeName: z.string().nullable(),
  retentionHours: z.number().int(),
  createdAt: isoDateTime,
});
export const captureSettingListSchema = listResponseSchema(captureSettingSchema);

export type CaptureSetting = z.infer<typeof captureSettingSchema>;
export type UpsertCaptureSettingInput = z.output<typeof upsertCaptureSettingSchema>;
