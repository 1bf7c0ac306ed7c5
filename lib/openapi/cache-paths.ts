// The response cache's admin paths (settings, stats, entries, shadow hits) and named schemas, from the
// same zod contracts the route handlers parse with (lib/cache/schemas.ts).
import type { z } from "zod";
import {
  cacheEntryDetailSchema,
  cacheEntryListSchema,
  cacheSettingsSchema,
  cacheStatsQuerySchema,
  cacheStatsSchema,
  importCachePairSchema,
  listCacheEntriesQuerySchema,
  listShadowHitsQuerySchema,
  purgeCacheEntriesQuerySchema,
  purgeResultSchema,
  shadowHitListSchema,
  updateCacheSettingsSchema,
} from "../cache/schemas";
import type { ComponentName } from "./components";
import { adminOperation as op } from "./operation";

export function cacheComponents(): Record<string, z.ZodType> {
  return {
    CacheSettings: cacheSettingsSchema,
    UpdateCacheSettings: updateCacheSettingsSchema,
    CacheStats: cacheStatsSchema,
    CacheEntryList: cacheEntryListSchema,
    CacheEntry: cacheEntryDetailSchema,
    // A request body: the document renders Create…/Update…/Upsert…/Import… names as zod "input".
    ImportCachePair: importCachePairSchema,
    CachePurgeResult: purgeResultSchema,
    CacheShadowHitList: shadowHitListSchema,
  };
}

type CacheComponent = keyof ReturnType<typeof cacheComponents>;
/** Names registered by cacheComponents(), which the document merges into components.schemas. */
const schema = (name: CacheComponent) => name as ComponentName;

const tag = "Cache";
const ALL = "admin, developer, viewer";
const READERS = "admin, viewer";
const ADMIN = "admin";

export function cachePaths(): Record<string, unknown> {
  return {
    "/api/admin/cache/settings": {
      get: op({ summary: "The organization's response cache settings", tag, roles: ALL, ok: { status: 200, schema: schema("CacheSettings") } }),
      put: op({
        summary: "Change any of the settings (the others keep their values); 400 names the field that is wrong or unknown",
        tag,
        roles: ADMIN,
        body: schema("UpdateCacheSettings"),
        ok: { status: 200, schema: schema("CacheSettings") },
      }),
    },
    "/api/admin/cache/stats": {
      get: op({
        summary: "Hits, semantic hits, misses, hit rate, tokens and cost saved (dollars) by day, model and team; live entries and bytes",
        tag,
        roles: ALL,
        query: cacheStatsQuerySchema,
        ok: { status: 200, schema: schema("CacheStats") },
      }),
    },
    "/api/admin/cache/entries": {
      get: op({ summary: "Live cache entries, newest first (cursor pagination)", tag, roles: READERS, query: listCacheEntriesQuerySchema, ok: { status: 200, schema: schema("CacheEntryList") } }),
      post: op({
        summary: "Import a question–answer pair as a cache entry, without an upstream call",
        tag,
        roles: ADMIN,
        body: schema("ImportCachePair"),
        ok: { status: 201, schema: schema("CacheEntry") },
      }),
      delete: op({
        summary: "Purge the entries of a model and/or team (every entry without filters)",
        tag,
        roles: ADMIN,
        query: purgeCacheEntriesQuerySchema,
        ok: { status: 200, schema: schema("CachePurgeResult"), description: "How many entries were deleted" },
      }),
    },
    "/api/admin/cache/entries/{id}": {
      get: op({ summary: "One cache entry with its request and stored answer", tag, roles: READERS, withId: true, ok: { status: 200, schema: schema("CacheEntry") } }),
      delete: op({
        summary: "Invalidate one cache entry everywhere",
        tag,
        roles: ADMIN,
        withId: true,
        ok: { status: 200, schema: schema("CacheEntry"), description: "The deleted entry" },
      }),
    },
    "/api/admin/cache/shadow": {
      get: op({
        summary: "Shadow mode's would-be semantic hits: the prompt, the cached prompt it matched and their similarity",
        tag,
        roles: READERS,
        query: listShadowHitsQuerySchema,
        ok: { status: 200, schema: schema("CacheShadowHitList") },
      }),
    },
  };
}
