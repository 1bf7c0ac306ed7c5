// The cache warm-up API's paths and named schemas, from the same zod contracts the route handlers parse with.
import type { z } from "zod";
import {
  createdWarmupSchema,
  createWarmupSchema,
  listWarmupItemsQuerySchema,
  listWarmupsQuerySchema,
  warmupEstimateSchema,
  warmupItemListSchema,
  warmupJobListSchema,
  warmupJobSchema,
} from "../cache-warmup/schemas";
import type { ComponentName } from "./components";
import { adminOperation as op } from "./operation";

export function cacheWarmupComponents(): Record<string, z.ZodType> {
  return {
    CreateWarmup: createWarmupSchema,
    CreatedWarmup: createdWarmupSchema,
    WarmupEstimate: warmupEstimateSchema,
    WarmupJob: warmupJobSchema,
    WarmupJobList: warmupJobListSchema,
    WarmupItemList: warmupItemListSchema,
  };
}

type WarmupComponent = keyof ReturnType<typeof cacheWarmupComponents>;
/** Names registered by cacheWarmupComponents(), which the document merges into components.schemas. */
const schema = (name: WarmupComponent) => name as ComponentName;

const tag = "Cache";
const READERS = "admin, viewer";
const ADMIN = "admin";
// Warm-up bodies are checked by the route itself: a bad field is a 400 naming it, an upload over
// CACHE_WARMUP_MAX_BYTES or over 10,000 items a 413.
const BODY_ERRORS = [400, 413];

export function cacheWarmupPaths(): Record<string, unknown> {
  return {
    "/api/admin/cache/warmups": {
      get: op({ summary: "List warm-up jobs, newest first, with their progress and cost", tag, roles: READERS, query: listWarmupsQuerySchema, ok: { status: 200, schema: schema("WarmupJobList") } }),
      post: op({
        summary:
          "Queue a warm-up job: `prompts`, `requests` (chat bodies) or `input` (a file's text: lines, jsonl or csv). Charged to `keyId`, else to `teamId` with the calling admin, else to the calling admin. Lines left out are listed by number.",
        tag,
        roles: ADMIN,
        body: schema("CreateWarmup"),
        errors: BODY_ERRORS,
        ok: { status: 201, schema: schema("CreatedWarmup") },
      }),
    },
    "/api/admin/cache/warmups/estimate": {
      post: op({
        summary: "What a warm-up would cost (prompt tokens, worst case) and which lines it would leave out; starts nothing",
        tag,
        roles: ADMIN,
        body: schema("CreateWarmup"),
        errors: BODY_ERRORS,
        ok: { status: 200, schema: schema("WarmupEstimate") },
      }),
    },
    "/api/admin/cache/warmups/{id}": {
      get: op({ summary: "One warm-up job: status, progress and cost so far", tag, roles: READERS, withId: true, ok: { status: 200, schema: schema("WarmupJob") } }),
    },
    "/api/admin/cache/warmups/{id}/items": {
      get: op({ summary: "A warm-up job's items with their results, in input order", tag, roles: READERS, withId: true, query: listWarmupItemsQuerySchema, ok: { status: 200, schema: schema("WarmupItemList") } }),
    },
    "/api/admin/cache/warmups/{id}/cancel": {
      post: op({
        summary: "Cancel a warm-up job: nothing more is sent, items in flight finish (409 once the job has ended)",
        tag,
        roles: ADMIN,
        withId: true,
        errors: [409],
        ok: { status: 200, schema: schema("WarmupJob") },
      }),
    },
  };
}
