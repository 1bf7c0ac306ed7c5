// Usage: query and response contracts for the usage table and the dashboard charts. Money is in
// dollars here (micro-dollars inside). Dates are ISO 8601; a date-only `to` includes that whole day.
import { z } from "zod";
import { idSchema, isoDateTime } from "../http/list-schemas";

const DAY_MS = 24 * 60 * 60 * 1000;

export const rangeStartParam = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .transform((value) => new Date(value));
export const rangeEndParam = z
  .union([z.iso.date().transform((d) => new Date(Date.parse(d) + DAY_MS)), z.iso.datetime({ offset: true }).transform((v) => new Date(v))]);

const usageFilters = {
  keyId: idSchema.optional(),
  userId: idSchema.optional(),
  teamId: idSchema.optional(),
  model: z.string().trim().min(1).max(200).optional(),
  /** Default: 7 days before `to`. */
  from: rangeStartParam.optional(),
  /** Default: now. */
  to: rangeEndParam.optional(),
};

/** How a call ended: answered (< 400), failed (>= 400, admitted), refused by the gateway (quota, rate limit, model access). */
export const USAGE_OUTCOMES = ["ok", "error", "refused"] as const;
/** The response cache's verdict; "none" = the cache was not consulted. */
export const CACHE_VERDICTS = ["hit", "semantic-hit", "miss", "shadow", "none"] as const;

export const usageQuerySchema = z.object({
  ...usageFilters,
  status: z.enum(USAGE_OUTCOMES, { error: `status: must be one of ${USAGE_OUTCOMES.join(", ")}.` }).optional(),
  requestId: z.string().trim().min(1).max(100).optional(),
  cache: z.enum(CACHE_VERDICTS, { error: `cache: must be one of ${CACHE_VERDICTS.join(", ")}.` }).optional(),
  /** true: only calls a fallback model answered; false: only calls without one (once routing records it). */
  fallback: z.enum(["true", "false"], { error: "fallback: must be true or false." }).transform((v) => v === "true").optional(),
  /** Opaque: the `nextCursor` of the previous page (keyset pagination, newest first). */
  cursor: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Chart buckets: UTC days, or UTC hours (the rollups' own grain) for ranges of up to TIMESERIES_HOURLY_MAX_DAYS days. */
export const TIMESERIES_INTERVALS = ["day", "hour"] as const;
export const TIMESERIES_HOURLY_MAX_DAYS = 7;

export const timeseriesQuerySchema = z.object({
  ...usageFilters,
  groupBy: z.enum(["model", "user"]).default("model"),
  interval: z.enum(TIMESERIES_INTERVALS, { error: `interval: must be one of ${TIMESERIES_INTERVALS.join(", ")}.` }).default("day"),
});

export const usageRecordSchema = z.object({
  requestId: z.string(),
  createdAt: isoDateTime,
  keyId: z.string().nullable(),
  keyName: z.string().nullable(),
  userId: z.string().nullable(),
  userEmail: z.string().nullable(),
  teamId: z.string().nullable(),
  model: z.string(),
  providerKind: z.string().nullable(),
  upstreamModel: z.string().nullable(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cachedTokens: z.number().int(),
  /** Prompt tokens written to the provider's prompt cache (Anthropic), part of inputTokens. */
  cacheWriteTokens: z.number().int(),
  /** Dollars. */
  cost: z.number(),
  latencyMs: z.number().int(),
  ttftMs: z.number().int().nullable(),
  streamed: z.boolean(),
  /** HTTP status returned to the client. */
  status: z.number().int(),
  errorType: z.string().nullable(),
  /** Token counts came from the local tokenizer, not the upstream. */
  estimated: z.boolean(),
  /** The response cache's verdict: hit | semantic-hit (served from it, cost 0) | miss | shadow; null = not consulted. */
  cache: z.string().nullable(),
  /** Dollars a cache hit saved (what the answer would have cost). */
  costSaved: z.number(),
  teamName: z.string().nullable(),
  endpoint: z.string(),
  /** ok | error | refused (see `refusal` for why) */
  outcome: z.enum(USAGE_OUTCOMES),
  /** quota | rate_limit | model_not_allowed | model_not_found; null = admitted */
  refusal: z.string().nullable(),
  /** Routing: the deployment that answered, how many attempts it took, the fallback model that served (absent before routing records them). */
  deploymentId: z.string().nullable().optional(),
  attempts: z.number().int().nullable().optional(),
  fallbackModel: z.string().nullable().optional(),
  /** Request and response bodies were captured for this call (body capture on for its key or team). */
  captured: z.boolean(),
});

export const usageTotalsSchema = z.object({
  calls: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cost: z.number(),
  /** Dollars the response cache saved (docs/cache.md). */
  costSaved: z.number(),
});

export const usageListTotalsSchema = usageTotalsSchema.extend({
  /** Admitted calls that failed (status >= 400). */
  errors: z.number().int(),
  /** Calls the gateway refused. */
  refused: z.number().int(),
});

export const usageResponseSchema = z.object({
  records: z.array(usageRecordSchema),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
  limit: z.number().int(),
  /** Over the whole filter, on the first page only (null when `cursor` was given). */
  totals: usageListTotalsSchema.nullable(),
  /** Calls matching the filter, on the first page only. */
  total: z.number().int().nullable(),
});

export const capturedBodiesSchema = z.object({
  /** Redacted request body (JSON text). */
  request: z.string(),
  /** Redacted response body: JSON, or the stream's events as sent; null when the call had none. */
  response: z.string().nullable(),
  /** A body was cut at CAPTURE_MAX_BODY_BYTES. */
  truncated: z.boolean(),
  expiresAt: isoDateTime,
});

/** One upstream attempt of a call that needed more than one (retries, other deployments, fallbacks). */
export const usageAttemptSchema = z.object({
  deploymentId: z.string(),
  /** "provider name / upstream model" when the deployment still exists */
  deploymentName: z.string().nullable(),
  model: z.string(),
  status: z.number().int(),
  errorType: z.string().nullable(),
  upstreamStatus: z.number().int().nullable(),
  latencyMs: z.number().int(),
});

export const usageDetailSchema = usageRecordSchema.extend({
  keyPrefix: z.string().nullable(),
  providerId: z.string().nullable(),
  /** "provider name / upstream model" of the deployment that served; null when none or gone */
  deploymentName: z.string().nullable(),
  /** the auto router the call came through, if any */
  router: z.string().nullable(),
  /** every attempt when there was more than one; empty otherwise */
  attemptLog: z.array(usageAttemptSchema),
  /** The captured bodies, for admins and the key's owner; null when none were captured (or not visible). */
  capture: capturedBodiesSchema.nullable(),
});

export const timeseriesPointSchema = z.object({
  /** The bucket: a UTC day (YYYY-MM-DD), or with interval=hour the hour's start (ISO 8601, UTC). */
  day: z.string(),
  /** Model name, or the user's email (their id if deleted; "" for calls without a user). */
  group: z.string(),
  calls: z.number().int(),
  errors: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cost: z.number(),
  /** answers served from the response cache (exact and semantic) and the dollars they saved */
  cacheHits: z.number().int(),
  /** lookups the response cache could not answer (the hit rate is cacheHits / (cacheHits + cacheMisses)) */
  cacheMisses: z.number().int(),
  costSaved: z.number(),
  /** calls the gateway refused (also counted in calls and errors) */
  refused: z.number().int(),
});

export const latencyPointSchema = z.object({
  /** the bucket, as in the series */
  day: z.string(),
  /** Milliseconds, estimated from histogram buckets; null on a day without calls. */
  p50: z.number().nullable(),
  p95: z.number().nullable(),
});

export const modelLatencyPointSchema = latencyPointSchema.extend({ model: z.string() });

export const timeseriesResponseSchema = z.object({
  from: isoDateTime,
  to: isoDateTime,
  interval: z.enum(TIMESERIES_INTERVALS),
  series: z.array(timeseriesPointSchema),
  /** every model together */
  latency: z.array(latencyPointSchema),
  /** per model (the same histograms, not summed) */
  modelLatency: z.array(modelLatencyPointSchema),
  /** time to the first streamed token of upstream attempts (streamed calls only), from the deployments' histograms */
  ttft: z.array(latencyPointSchema),
  totals: usageTotalsSchema.extend({
    /** Calls answered with a status >= 400, refusals included. */
    errors: z.number().int(),
    errorRate: z.number(),
    /** Calls the gateway refused (quota, rate limit, model access). */
    refused: z.number().int(),
    /** Proxy requests refused with 401 over the range's UTC days (no key to charge them to); null for developers. */
    unauthenticated: z.number().int().nullable(),
  }),
});

export type UsageQuery = z.output<typeof usageQuerySchema>;
export type TimeseriesQuery = z.output<typeof timeseriesQuerySchema>;
export type UsageRecord = z.infer<typeof usageRecordSchema>;
export type UsageResponse = z.infer<typeof usageResponseSchema>;
export type UsageDetail = z.infer<typeof usageDetailSchema>;
export type UsageOutcome = (typeof USAGE_OUTCOMES)[number];
export type TimeseriesPoint = z.infer<typeof timeseriesPointSchema>;
export type LatencyPoint = z.infer<typeof latencyPointSchema>;
export type ModelLatencyPoint = z.infer<typeof modelLatencyPointSchema>;
export type TimeseriesResponse = z.infer<typeof timeseriesResponseSchema>;
