// Response cache: request and response contracts of /api/admin/cache/{settings,stats,entries,shadow},
// shared by the route handlers, the console and the OpenAPI document. Pure zod, no server imports.
// Money is dollars here (micro-dollars inside).
import { z } from "zod";
import { managedBySchema } from "../config-file/managed-by";
import { idSchema, isoDateParam, isoDateTime } from "../http/list-schemas";

export const CACHE_MODES = ["exact", "semantic"] as const;
export const CACHE_NAMESPACES = ["org", "team", "key"] as const;
export type CacheMode = (typeof CACHE_MODES)[number];
export type CacheNamespace = (typeof CACHE_NAMESPACES)[number];
/** When an exact answer is stored: on its request's second miss (the default), or on every miss. */
export const CACHE_ADMISSIONS = ["repeated", "always"] as const;
export type CacheAdmission = (typeof CACHE_ADMISSIONS)[number];
/** The local embedder's name in settings: hashed word and character n-grams (lexical similarity, not meaning). */
export const BUILTIN_EMBEDDER = "builtin";
/** What `x-tollgate-cache` says on an answer. */
export const CACHE_STATUSES = ["hit", "semantic-hit", "miss", "bypass", "shadow"] as const;
export type CacheStatus = (typeof CACHE_STATUSES)[number];

export const MAX_CACHE_TTL_SECONDS = 30 * 24 * 3600;

export const cacheSettingsSchema = z.object({
  enabled: z.boolean(),
  mode: z.enum(CACHE_MODES),
  namespace: z.enum(CACHE_NAMESPACES),
  ttlSeconds: z.number().int(),
  maxEntries: z.number().int(),
  maxBytes: z.number().int(),
  similarityThreshold: z.number(),
  /** a catalog model's public name, "builtin", or null (no semantic lookups) */
  embeddingModel: z.string().nullable(),
  shadow: z.boolean(),
  /** "repeated": an exact answer is stored when its request misses a second time; "always": on its first miss */
  admission: z.enum(CACHE_ADMISSIONS),
  /** "config-file" when the configuration file owns it (changes here are refused with 409); null = managed here */
  managedBy: managedBySchema,
  updatedAt: isoDateTime.nullable(),
});
export type CacheSettingsView = z.infer<typeof cacheSettingsSchema>;

/** PUT /api/admin/cache/settings: any subset of the fields; the rest keep their values. */
export const updateCacheSettingsSchema = z
  .object({
    enabled: z.boolean({ error: "enabled must be true or false" }),
    mode: z.enum(CACHE_MODES, { error: "mode must be exact or semantic" }),
    namespace: z.enum(CACHE_NAMESPACES, { error: "namespace must be org, team or key" }),
    ttlSeconds: z.number().int("ttlSeconds must be a whole number").min(1, "ttlSeconds must be at least 1").max(MAX_CACHE_TTL_SECONDS, "ttlSeconds must be at most 30 days (2592000)"),
    maxEntries: z.number().int("maxEntries must be a whole number").min(1, "maxEntries must be at least 1").max(10_000_000, "maxEntries must be at most 10,000,000"),
    maxBytes: z.number().int("maxBytes must be a whole number").min(1024, "maxBytes must be at least 1024").max(64 * 1024 ** 3, "maxBytes must be at most 64 GiB"),
    similarityThreshold: z.number().min(0, "similarityThreshold must be between 0 and 1").max(1, "similarityThreshold must be between 0 and 1"),
    embeddingModel: z.string().trim().min(1, "embeddingModel must be a model name, \"builtin\" or null").max(200).nullable(),
    shadow: z.boolean({ error: "shadow must be true or false" }),
    admission: z.enum(CACHE_ADMISSIONS, { error: "admission must be repeated or always" }),
  })
  .partial()
  .strict();
export type UpdateCacheSettings = z.infer<typeof updateCacheSettingsSchema>;

export const cacheStatsQuerySchema = z.object({
  from: isoDateParam.optional(),
  to: isoDateParam.optional(),
  model: z.string().trim().min(1).max(200).optional(),
  teamId: idSchema.optional(),
});

const statsTotals = {
  hits: z.number().int(),
  semanticHits: z.number().int(),
  misses: z.number().int(),
  /** (hits + semanticHits) / (hits + semanticHits + misses); 0 with no lookups */
  hitRate: z.number(),
  tokensSaved: z.number().int(),
  /** dollars */
  costSaved: z.number(),
};

export const cacheStatsSchema = z.object({
  ...statsTotals,
  /** live entries and their bytes now (model and teamId filters apply; from/to do not) */
  entries: z.number().int(),
  bytes: z.number().int(),
  from: isoDateTime,
  to: isoDateTime,
  byDay: z.array(z.object({ day: z.string(), ...statsTotals })),
  byModel: z.array(z.object({ model: z.string(), ...statsTotals })),
  byTeam: z.array(z.object({ teamId: z.string().nullable(), teamName: z.string().nullable(), ...statsTotals })),
});
export type CacheStats = z.infer<typeof cacheStatsSchema>;

export const listCacheEntriesQuerySchema = z.object({
  model: z.string().trim().min(1).max(200).optional(),
  teamId: idSchema.optional(),
  /** text in the prompt */
  q: z.string().trim().min(1).max(200).optional(),
  /** the `nextCursor` of the previous page */
  cursor: z.string().trim().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const purgeCacheEntriesQuerySchema = z.object({
  model: z.string().trim().min(1).max(200).optional(),
  teamId: idSchema.optional(),
});

export const cacheEntrySummarySchema = z.object({
  id: z.string(),
  model: z.string(),
  kind: z.enum(["chat", "embedding"]),
  /** "org", "team:<id>" or "key:<id>" */
  namespace: z.string(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  keyId: z.string().nullable(),
  /** the last user message (chat) or the input text (embedding) */
  prompt: z.string(),
  source: z.enum(["call", "import", "warmup"]),
  hits: z.number().int(),
  bytes: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  semantic: z.boolean(),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime,
  expiresAt: isoDateTime,
});
export type CacheEntrySummary = z.infer<typeof cacheEntrySummarySchema>;

export const cacheEntryListSchema = z.object({ data: z.array(cacheEntrySummarySchema), nextCursor: z.string().nullable() });

export const cacheEntryDetailSchema = cacheEntrySummarySchema.extend({
  /** the cached request: messages and parameters (chat) or the embedding options */
  request: z.record(z.string(), z.unknown()),
  /** the stored answer: a chat completion, or `{ embedding }` */
  answer: z.record(z.string(), z.unknown()),
  /** the assistant's text (chat) */
  answerText: z.string().nullable(),
});
export type CacheEntryDetail = z.infer<typeof cacheEntryDetailSchema>;

const messageSchema = z
  .object({
    role: z.string({ error: "each message needs a role" }).min(1),
    content: z.union([z.string(), z.array(z.record(z.string(), z.unknown())), z.null()]).optional(),
  })
  .loose();

/** POST /api/admin/cache/entries: a question–answer pair stored without an upstream call. */
export const importCachePairSchema = z.object({
  model: z.string().trim().min(1, "model is required").max(200),
  /** the namespace's team (namespace "team"); defaults to none (org-wide entries need namespace "org") */
  teamId: idSchema.nullish(),
  /** the key (namespace "key") */
  keyId: idSchema.nullish(),
  messages: z.array(messageSchema).min(1, "messages must hold at least one message").max(1000),
  /** the assistant's answer text */
  answer: z.string().min(1, "answer must not be empty").max(1_000_000),
  /** request parameters that are part of the key (temperature, max_tokens, …); default none */
  parameters: z.record(z.string(), z.unknown()).optional(),
  ttlSeconds: z.number().int().min(1).max(MAX_CACHE_TTL_SECONDS).optional(),
});
export type ImportCachePairBody = z.infer<typeof importCachePairSchema>;

export const purgeResultSchema = z.object({ deleted: z.number().int() });

export const listShadowHitsQuerySchema = z.object({
  model: z.string().trim().min(1).max(200).optional(),
  teamId: idSchema.optional(),
  cursor: z.string().trim().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const shadowHitSchema = z.object({
  id: z.string(),
  requestId: z.string(),
  model: z.string(),
  teamId: z.string().nullable(),
  prompt: z.string(),
  cachedPrompt: z.string(),
  similarity: z.number(),
  entryId: z.string(),
  createdAt: isoDateTime,
});
export const shadowHitListSchema = z.object({ data: z.array(shadowHitSchema), nextCursor: z.string().nullable() });
