// Virtual keys: request and response contracts for the admin API, the console and the OpenAPI
// document. The plaintext key exists only in the create response.
import { z } from "zod";
import { idSchema, isoDateParam, isoDateTime, listResponseSchema, paginationQuery, searchText } from "../http/list-schemas";

export const KEY_STATUSES = ["active", "revoked", "expired"] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

const keyNameSchema = z.string().trim().min(1, "Name is required").max(100);
/** Public model names the key may call; empty = every model. */
const modelNamesSchema = z.array(z.string().trim().min(1).max(200)).max(500);

export const createKeySchema = z.object({
  /** Owner; defaults to the signed-in user (required with the admin API key). */
  userId: idSchema.optional(),
  name: keyNameSchema,
  models: modelNamesSchema.default([]),
  expiresAt: isoDateParam.nullable().optional(),
});

export const updateKeySchema = z.object({
  name: keyNameSchema.optional(),
  models: modelNamesSchema.optional(),
  /** null = never expires. */
  expiresAt: isoDateParam.nullable().optional(),
  /** true: this key's calls neither read nor fill the response cache (docs/cache.md). */
  cacheOptOut: z.boolean({ error: "cacheOptOut must be true or false" }).optional(),
  /** calls in flight at once per Tollgate process, over it they queue then get a 429 (docs/routing.md); null = no limit. Admins only. */
  maxConcurrency: z.number().int().min(1, "must be at least 1").max(100_000, "must be at most 100000").nullable().optional(),
});

export const listKeysQuerySchema = z.object({
  userId: idSchema.optional(),
  teamId: idSchema.optional(),
  status: z.enum(KEY_STATUSES).optional(),
  q: searchText,
  ...paginationQuery,
});

export const apiKeySchema = z.object({
  id: idSchema,
  /** First characters of the key, for recognising it ("tg-AbC123"). */
  prefix: z.string(),
  name: z.string(),
  userId: z.string(),
  userEmail: z.string(),
  teamId: z.string().nullable(),
  /** The key's own list; empty = every model its owner may use. */
  models: z.array(z.string()),
  /** What the key may call now: its own list narrowed by the limits an admin set on its owner; null = every model. */
  allowedModels: z.array(z.string()).nullable(),
  expiresAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
  lastUsedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  status: z.enum(KEY_STATUSES),
  /** The key's calls neither read nor fill the response cache. */
  cacheOptOut: z.boolean(),
  /** Calls in flight at once per Tollgate process; null = no limit (docs/routing.md). */
  maxConcurrency: z.number().int().nullable(),
});
export const createdApiKeySchema = apiKeySchema.extend({
  /** The plaintext key. Shown once; Tollgate stores only its SHA-256 hash. */
  key: z.string(),
});
export const apiKeyListSchema = listResponseSchema(apiKeySchema);

export type ApiKey = z.infer<typeof apiKeySchema>;
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;
export type ApiKeyList = z.infer<typeof apiKeyListSchema>;
export type CreateKeyInput = z.output<typeof createKeySchema>;
export type UpdateKeyInput = z.output<typeof updateKeySchema>;
export type ListKeysQuery = z.output<typeof listKeysQuerySchema>;
