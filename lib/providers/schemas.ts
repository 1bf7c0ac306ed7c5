// Providers: request and response contracts. The upstream API key goes in, never comes out.
import { z } from "zod";
import { managedBySchema } from "../config-file/managed-by";
import { idSchema, isoDateTime, listResponseSchema, paginationQuery, searchText } from "../http/list-schemas";

export const PROVIDER_KINDS = ["openai", "openai-compatible", "anthropic", "gemini"] as const;
export type ProviderKindName = (typeof PROVIDER_KINDS)[number];

const providerNameSchema = z.string().trim().min(1, "Name is required").max(100);
/** An http(s) base URL, stored without a trailing slash so adapters can append paths. */
const baseUrlSchema = z
  .url({ protocol: /^https?$/, error: "Must be an http:// or https:// URL" })
  .max(500)
  .transform((url) => url.replace(/\/+$/, ""));
const apiKeySchema = z.string().trim().min(1, "API key is required").max(4096);

export const createProviderSchema = z
  .object({
    name: providerNameSchema,
    kind: z.enum(PROVIDER_KINDS),
    /** Required for openai-compatible; optional override for the others (e.g. a regional endpoint). */
    baseUrl: baseUrlSchema.nullable().optional(),
    apiKey: apiKeySchema,
  })
  .refine((p) => p.kind !== "openai-compatible" || Boolean(p.baseUrl), {
    message: "baseUrl is required for openai-compatible providers",
    path: ["baseUrl"],
  });

export const updateProviderSchema = z.object({
  name: providerNameSchema.optional(),
  kind: z.enum(PROVIDER_KINDS).optional(),
  baseUrl: baseUrlSchema.nullable().optional(),
  /** A new upstream key; omit to keep the current one. */
  apiKey: apiKeySchema.optional(),
});

export const listProvidersQuerySchema = z.object({ q: searchText, kind: z.enum(PROVIDER_KINDS).optional(), ...paginationQuery });

/** The result of "test connection": the provider's free models listing, never a completion. */
export const providerTestSchema = z.object({
  testedAt: isoDateTime,
  ok: z.boolean(),
  /** the upstream's HTTP status; null when no answer came (refused address, timeout, connection error) */
  status: z.number().int().nullable(),
  latencyMs: z.number().int(),
  /** how many models the listing named */
  modelCount: z.number().int(),
  /** what went wrong, in words; null when ok */
  error: z.string().nullable(),
});

export const providerTestResultSchema = providerTestSchema.extend({
  /** the model ids the listing named (at most 500) */
  models: z.array(z.string()),
});

export const providerSchema = z.object({
  id: idSchema,
  name: z.string(),
  kind: z.enum(PROVIDER_KINDS),
  baseUrl: z.string().nullable(),
  /** Always true: a provider cannot exist without a key. The key itself is never returned. */
  hasApiKey: z.boolean(),
  modelCount: z.number().int(),
  /** "config-file" when the configuration file owns it (changes here are refused with 409); null = managed here */
  managedBy: managedBySchema,
  /** the last "test connection"; null = never tested */
  lastTest: providerTestSchema.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export const providerListSchema = listResponseSchema(providerSchema);

export type Provider = z.infer<typeof providerSchema>;
export type ProviderList = z.infer<typeof providerListSchema>;
export type CreateProviderInput = z.output<typeof createProviderSchema>;
export type UpdateProviderInput = z.output<typeof updateProviderSchema>;
export type ProviderTestResult = z.infer<typeof providerTestResultSchema>;
export type ListProvidersQuery = z.output<typeof listProvidersQuerySchema>;
