// Models: the public names clients send as `model`, their provider and prices. Prices are dollars
// per 1M tokens at the API; the database keeps integer micro-dollars (lib/usage/money.ts).
import { z } from "zod";
import { managedBySchema } from "../config-file/managed-by";
import { idSchema, isoDateTime, listResponseSchema, paginationQuery, searchText } from "../http/list-schemas";
import { PROVIDER_KINDS } from "../providers/schemas";

const modelNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(200)
  .regex(/^\S+$/, "Must not contain spaces");
/** Dollars per 1M tokens; six decimals are kept (micro-dollars). */
const priceSchema = z.number().min(0).max(1_000_000);
const tokenCountSchema = z.number().int().positive().max(100_000_000);
const batchDiscountSchema = z.number().int("must be a whole percent").min(0, "must be between 0 and 100").max(100, "must be between 0 and 100");

export const createModelSchema = z.object({
  name: modelNameSchema,
  /** null = a price-list entry that no provider serves yet (not routable). */
  providerId: idSchema.nullable().optional(),
  upstreamModel: z.string().trim().min(1).max(200),
  inputPricePerMTok: priceSchema,
  outputPricePerMTok: priceSchema,
  cachedPricePerMTok: priceSchema.nullable().optional(),
  /** writing the provider's prompt cache (Anthropic); null = the input price */
  cacheWritePricePerMTok: priceSchema.nullable().optional(),
  contextWindow: tokenCountSchema.nullable().optional(),
  maxOutputTokens: tokenCountSchema.nullable().optional(),
  enabled: z.boolean().default(true),
  /** percent off the price for calls made by batches (docs/batches.md); null = none */
  batchDiscountPercent: batchDiscountSchema.nullable().optional(),
});

export const updateModelSchema = z.object({
  name: modelNameSchema.optional(),
  providerId: idSchema.nullable().optional(),
  upstreamModel: z.string().trim().min(1).max(200).optional(),
  inputPricePerMTok: priceSchema.optional(),
  outputPricePerMTok: priceSchema.optional(),
  cachedPricePerMTok: priceSchema.nullable().optional(),
  cacheWritePricePerMTok: priceSchema.nullable().optional(),
  contextWindow: tokenCountSchema.nullable().optional(),
  maxOutputTokens: tokenCountSchema.nullable().optional(),
  enabled: z.boolean().optional(),
  batchDiscountPercent: batchDiscountSchema.nullable().optional(),
});

export const listModelsQuerySchema = z.object({
  q: searchText,
  providerId: idSchema.optional(),
  enabled: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  ...paginationQuery,
});

export const modelSchema = z.object({
  id: idSchema,
  name: z.string(),
  providerId: z.string().nullable(),
  providerName: z.string().nullable(),
  providerKind: z.enum(PROVIDER_KINDS).nullable(),
  upstreamModel: z.string(),
  inputPricePerMTok: z.number(),
  outputPricePerMTok: z.number(),
  cachedPricePerMTok: z.number().nullable(),
  /** writing the provider's prompt cache; null = the input price */
  cacheWritePricePerMTok: z.number().nullable(),
  contextWindow: z.number().int().nullable(),
  maxOutputTokens: z.number().int().nullable(),
  enabled: z.boolean(),
  batchDiscountPercent: z.number().int().nullable(),
  /** "config-file" when the configuration file owns it (changes here are refused with 409); null = managed here */
  managedBy: managedBySchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export const modelListSchema = listResponseSchema(modelSchema);

export type Model = z.infer<typeof modelSchema>;
export type CreateModelInput = z.output<typeof createModelSchema>;
export type UpdateModelInput = z.output<typeof updateModelSchema>;
export type ListModelsQuery = z.output<typeof listModelsQuerySchema>;

/** Models at most in one POST /api/admin/models/attach. */
export const MAX_ATTACH_MODELS = 500;

/**
 * POST /api/admin/models/attach: serve several models that have no provider yet (the seeded price
 * list's rows) by one provider, each under its upstream model name. All of them or none.
 */
export const attachModelsSchema = z.object({
  modelIds: z
    .array(idSchema)
    .min(1, "Choose at least one model")
    .max(MAX_ATTACH_MODELS, `Attach at most ${MAX_ATTACH_MODELS} models at a time`),
  providerId: idSchema,
});
export type AttachModelsInput = z.infer<typeof attachModelsSchema>;

export const attachModelsResultSchema = z.object({ data: z.array(modelSchema) });
export type AttachModelsResult = z.infer<typeof attachModelsResultSchema>;
