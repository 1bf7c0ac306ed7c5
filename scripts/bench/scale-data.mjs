// A year of usage for the scale benchmark (scripts/bench/ten-million.mjs), generated inside
// PostgreSQL with INSERT … SELECT FROM generate_series: no rows cross the wire, so 10 million
// records take minutes, not hours. The secondary indexes of UsageRecord are dropped for the load and
// rebuilt after it (one sorted build each instead of 10 million random inserts), then the rollups the
// console reads (UsageRollup, its daily sums UsageRollupDay, UsageRollupTeamDay, UsageRollupUserDay and UsageRollupModelDay, LatencyRollup, LatencyRollupDay) are computed from the records with the usage writer's
// own rules (lib/usage/usage-aggregate.ts), and VACUUM ANALYZE leaves the tables as a long-running
// database has them (statistics and visibility map current).
//
// The shape: one organization, 25 teams, 400 users (one in twenty without a team), 800 keys and 10
// models. Traffic grows over the year (the last month has about 1.4× the first month's calls) and
// is skewed as real traffic is: a few keys and models carry most calls. About 1.5 % of calls are
// refused (quota, rate limit, model access), 2 % fail upstream, 45 % consult the response cache (of
// those, a third hit).
import { createHash } from "node:crypto";

export const SCALE_ORG = "scale-org";
export const TEAMS = 25;
export const USERS = 400;
export const KEYS = 800;
/** The plaintext of key 0 (the busiest), so /v1/me can be called with it; only its hash is stored. */
export const BUSY_KEY = "tg-" + "ScaleBenchBusiestKey0000000000000000000".padEnd(40, "0");
const DAY_S = 86_400;

// name, input and output price in micro-dollars per 1M tokens; the first ones carry most calls
const MODELS = [
  ["gpt-4o-mini", 150_000, 600_000],
  ["claude-3-5-haiku", 800_000, 4_000_000],
  ["gpt-4o", 2_500_000, 10_000_000],
  ["claude-sonnet-4", 3_000_000, 15_000_000],
  ["gemini-2.0-flash", 100_000, 400_000],
  ["llama-3.3-70b", 590_000, 790_000],
  ["mistral-large", 2_000_000, 6_000_000],
  ["o3-mini", 1_100_000, 4_400_000],
  ["text-embedding-3-small", 20_000, 0],
  ["claude-opus-4", 15_000_000, 75_000_000],
];

const LATENCY_BOUNDS = [5, 10, 25, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10000, 15000, 20000, 30000, 60000, 120000];

const modelValues = MODELS.map(([name, input, output], i) => `(${i}, '${name}', ${input}::bigint, ${output}::bigint)`).join(", ");

/** Organization, teams, users, keys, models and a few quotas and rate limits. */
function entitySql() {
  const busyHash = createHash("sha256").update(BUSY_KEY).digest("hex");
  return [
    `INSERT INTO "Organization" ("id", "name", "createdAt") VALUES ('${SCALE_ORG}', 'Scale bench', now() - interval '400 days')`,
    `INSERT INTO "Team" ("id", "orgId", "name", "createdAt", "updatedAt")
       SELECT 'scale-team-' || t, '${SCALE_ORG}', 'team-' || t, now() - interval '400 days', now() FROM generate_series(0, ${TEAMS - 1}) t`,
    `INSERT INTO "User" ("id", "orgId", "email", "name", "role", "tier", "teamId", "createdAt", "updatedAt")
       SELECT 'scale-user-' || u, '${SCALE_ORG}', 'user-' || u || '@scale.test', 'User ' || u, 'developer', 'pro',
              CASE WHEN u % 20 = 19 THEN NULL ELSE 'scale-team-' || (u % ${TEAMS}) END, now() - interval '400 days', now()
       FROM generate_series(0, ${USERS - 1}) u`,
    `INSERT INTO "ApiKey" ("id", "orgId", "userId", "teamId", "name", "keyHash", "prefix", "createdAt", "updatedAt")
       SELECT 'scale-key-' || k, '${SCALE_ORG}', 'scale-user-' || (k % ${USERS}), u."teamId", 'key-' || k,
              CASE WHEN k = 0 THEN '${busyHash}' ELSE md5('scale-key-' || k) || md5('hash-' || k) END,
              CASE WHEN k = 0 THEN '${BUSY_KEY.slice(0, 9)}' ELSE 'tg-sc' || k END, now() - interval '400 days', now()
       FROM generate_series(0, ${KEYS - 1}) k JOIN "User" u ON u."id" = 'scale-user-' || (k % ${USERS})`,
    `INSERT INTO "Model" ("id", "orgId", "name", "upstreamModel", "inputPricePerMTok", "outputPricePerMTok", "createdAt", "updatedAt")
       SELECT 'scale-model-' || i, '${SCALE_ORG}', name, name, input, output, now() - interval '400 days', now()
       FROM (VALUES ${modelValues}) m(i, name, input, output)`,
    // Quotas of every scope and period, far above the traffic so nothing is refused because of them.
    `INSERT INTO "Quota" ("id", "orgId", "scope", "scopeId", "period", "maxCalls", "maxCostMicros", "createdAt", "updatedAt") VALUES
       ('scale-q-org-m', '${SCALE_ORG}', 'org', '${SCALE_ORG}', 'monthly', NULL, 100000000000000, now(), now()),
       ('scale-q-org-t', '${SCALE_ORG}', 'org', '${SCALE_ORG}', 'total', 1000000000, NULL, now(), now()),
       ('scale-q-key0-d', '${SCALE_ORG}', 'key', 'scale-key-0', 'daily', 100000000, 100000000000, now(), now()),
       ('scale-q-key0-m', '${SCALE_ORG}', 'key', 'scale-key-0', 'monthly', 1000000000, 1000000000000, now(), now()),
       ('scale-q-user0-m', '${SCALE_ORG}', 'user', 'scale-user-0', 'monthly', 1000000000, 1000000000000, now(), now())`,
    `INSERT INTO "Quota" ("id", "orgId", "scope", "scopeId", "period", "maxCostMicros", "createdAt", "updatedAt")
       SELECT 'scale-q-team-' || t, '${SCALE_ORG}', 'team', 'scale-team-' || t, 'monthly', 10000000000000, now(), now() FROM generate_series(0, ${TEAMS - 1}) t`,
    `INSERT INTO "RateLimit" ("id", "orgId", "scope", "scopeId", "rpm", "tpm", "createdAt", "updatedAt") VALUES
       ('scale-rl-key0', '${SCALE_ORG}', 'key', 'scale-key-0', 100000, 100000000, now(), now())`,
  ];
}

/**
 * Records [first, last] of `total`. Record i's time grows with i (the table's physical order is
 * time order, as an append-only log's is): density rises linearly from 0.5× to 1.5× over the year.
 */
function recordsSql(first, last, total, endEpoch) {
  return `
WITH models(i, name, input, output) AS (VALUES ${modelValues}),
draws AS (
  SELECT i,
         sqrt(0.25 + 2 * ((i - random()) / ${total})) - 0.5 AS t,
         floor(${KEYS} * power(random(), 4))::int AS k,
         floor(${MODELS.length} * power(random(), 1.8))::int AS m,
         random() AS outcome, random() AS cache, random() AS r1, random() AS r2, random() AS r3
  FROM generate_series(${first}, ${last}) i
),
calls AS (
  SELECT d.*, mo.name AS model, mo.input, mo.output, u."teamId" AS team,
         CASE WHEN d.outcome < 0.015 THEN (ARRAY['quota', 'rate_limit', 'model_not_allowed'])[1 + floor(d.r3 * 3)::int] END AS refusal,
         CASE WHEN d.outcome < 0.015 THEN 0 WHEN d.outcome < 0.035 THEN 1 ELSE 2 END AS kind,
         CASE WHEN d.outcome >= 0.035 AND d.cache < 0.30 THEN 'miss'
              WHEN d.outcome >= 0.035 AND d.cache < 0.42 THEN 'hit'
              WHEN d.outcome >= 0.035 AND d.cache < 0.45 THEN 'semantic-hit' END AS verdict,
         floor(150 + 4000 * power(d.r1, 3))::int AS input_tokens,
         floor(20 + 900 * power(d.r2, 2))::int AS output_tokens
  FROM draws d
  JOIN models mo ON mo.i = d.m
  JOIN "User" u ON u."id" = 'scale-user-' || (d.k % ${USERS})
)
INSERT INTO "UsageRecord" ("requestId", "orgId", "keyId", "userId", "teamId", "model", "providerKind", "upstreamModel",
  "inputTokens", "outputTokens", "cachedTokens", "cacheWriteTokens", "costMicros", "latencyMs", "ttftMs", "streamed", "status",
  "errorType", "estimated", "endpoint", "cache", "costSavedMicros", "refusal", "attempts", "createdAt")
SELECT 'scale-' || lpad(i::text, 9, '0'), '${SCALE_ORG}', 'scale-key-' || k, 'scale-user-' || (k % ${USERS}), team, model, 'openai', model,
  CASE WHEN kind = 2 THEN input_tokens ELSE 0 END,
  CASE WHEN kind = 2 AND model <> 'text-embedding-3-small' THEN output_tokens ELSE 0 END,
  CASE WHEN kind = 2 AND r3 < 0.2 THEN input_tokens / 2 ELSE 0 END,
  0,
  CASE WHEN kind = 2 AND verdict IS DISTINCT FROM 'hit' AND verdict IS DISTINCT FROM 'semantic-hit'
       THEN (input_tokens::bigint * input + output_tokens::bigint * output) / 1000000 ELSE 0 END,
  CASE WHEN kind = 0 THEN 1 + floor(r2 * 4)::int WHEN verdict IN ('hit', 'semantic-hit') THEN 3 + floor(r2 * 40)::int
       ELSE floor(250 + 6000 * power(r1, 2) + 400 * r2)::int END,
  CASE WHEN kind = 2 AND r3 < 0.6 THEN floor(120 + 500 * r2)::int END,
  kind = 2 AND r3 < 0.6,
  CASE kind WHEN 0 THEN CASE refusal WHEN 'model_not_allowed' THEN 403 ELSE 429 END
            WHEN 1 THEN (ARRAY[429, 500, 502, 503, 504])[1 + floor(r3 * 5)::int] ELSE 200 END,
  CASE kind WHEN 0 THEN refusal WHEN 1 THEN 'upstream_error' END,
  false,
  CASE WHEN model = 'text-embedding-3-small' THEN 'embeddings' ELSE 'chat.completions' END,
  verdict,
  CASE WHEN verdict IN ('hit', 'semantic-hit') THEN (input_tokens::bigint * input + output_tokens::bigint * output) / 1000000 ELSE 0 END,
  refusal,
  CASE WHEN kind = 0 OR verdict IN ('hit', 'semantic-hit') THEN 0 WHEN kind = 1 THEN 3 ELSE 1 END,
  to_timestamp(${endEpoch} - ${365 * DAY_S} + t * ${365 * DAY_S}) AT TIME ZONE 'UTC'
FROM calls`;
}

/**
 * The rollups as the usage writer would have left them (lib/usage/usage-aggregate.ts), in hour
 * order as the writer appends them: a month's rows lie together on disk, as in a live database.
 */
const ROLLUP_SQL = [
  `INSERT INTO "UsageRollup" ("hour", "orgId", "model", "userId", "teamId", "keyId", "calls", "errors", "inputTokens", "outputTokens",
     "cachedTokens", "costMicros", "latencySumMs", "cacheHits", "semanticHits", "cacheMisses", "tokensSaved", "costSavedMicros", "refused")
   SELECT date_trunc('hour', "createdAt"), "orgId", "model", coalesce("userId", ''), coalesce("teamId", ''), coalesce("keyId", ''),
     count(*), count(*) FILTER (WHERE "status" >= 400),
     coalesce(sum("inputTokens") FILTER (WHERE "cache" IS NULL OR "cache" NOT IN ('hit', 'semantic-hit')), 0),
     coalesce(sum("outputTokens") FILTER (WHERE "cache" IS NULL OR "cache" NOT IN ('hit', 'semantic-hit')), 0),
     sum("cachedTokens"), sum("costMicros"), sum("latencyMs"),
     count(*) FILTER (WHERE "cache" = 'hit'), count(*) FILTER (WHERE "cache" = 'semantic-hit'),
     count(*) FILTER (WHERE "cache" IN ('miss', 'shadow')),
     coalesce(sum("inputTokens" + "outputTokens") FILTER (WHERE "cache" IN ('hit', 'semantic-hit')), 0),
     sum("costSavedMicros"), count(*) FILTER (WHERE "refusal" IS NOT NULL)
   FROM "UsageRecord" GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1`,
  // The daily rollups: UsageRollup summed per UTC day, as the writer's dailyRollups and the migration's backfill do.
  `INSERT INTO "UsageRollupDay" ("day", "orgId", "model", "userId", "teamId", "calls", "errors", "inputTokens", "outputTokens", "cachedTokens", "costMicros", "latencySumMs", "cacheHits", "semanticHits", "cacheMisses", "tokensSaved", "costSavedMicros", "refused")
   SELECT date_trunc('day', "hour"), "orgId", "model", "userId", "teamId", sum("calls"), sum("errors"), sum("inputTokens"), sum("outputTokens"), sum("cachedTokens"), sum("costMicros"), sum("latencySumMs"), sum("cacheHits"), sum("semanticHits"), sum("cacheMisses"), sum("tokensSaved"), sum("costSavedMicros"), sum("refused")
   FROM "UsageRollup" GROUP BY 1, 2, 3, 4, 5 ORDER BY 1`,
  `INSERT INTO "UsageRollupTeamDay" ("day", "orgId", "model", "teamId", "calls", "errors", "inputTokens", "outputTokens", "cachedTokens", "costMicros", "latencySumMs", "cacheHits", "semanticHits", "cacheMisses", "tokensSaved", "costSavedMicros", "refused")
   SELECT date_trunc('day', "hour"), "orgId", "model", "teamId", sum("calls"), sum("errors"), sum("inputTokens"), sum("outputTokens"), sum("cachedTokens"), sum("costMicros"), sum("latencySumMs"), sum("cacheHits"), sum("semanticHits"), sum("cacheMisses"), sum("tokensSaved"), sum("costSavedMicros"), sum("refused")
   FROM "UsageRollup" GROUP BY 1, 2, 3, 4 ORDER BY 1`,
  `INSERT INTO "UsageRollupUserDay" ("day", "orgId", "userId", "teamId", "calls", "errors", "inputTokens", "outputTokens", "cachedTokens", "costMicros", "latencySumMs", "cacheHits", "semanticHits", "cacheMisses", "tokensSaved", "costSavedMicros", "refused")
   SELECT "day", "orgId", "userId", "teamId", sum("calls"), sum("errors"), sum("inputTokens"), sum("outputTokens"), sum("cachedTokens"), sum("costMicros"), sum("latencySumMs"), sum("cacheHits"), sum("semanticHits"), sum("cacheMisses"), sum("tokensSaved"), sum("costSavedMicros"), sum("refused")
   FROM "UsageRollupDay" GROUP BY 1, 2, 3, 4 ORDER BY 1`,
  `INSERT INTO "UsageRollupModelDay" ("day", "orgId", "model", "calls", "errors", "inputTokens", "outputTokens", "cachedTokens", "costMicros", "latencySumMs", "cacheHits", "semanticHits", "cacheMisses", "tokensSaved", "costSavedMicros", "refused")
   SELECT "day", "orgId", "model", sum("calls"), sum("errors"), sum("inputTokens"), sum("outputTokens"), sum("cachedTokens"), sum("costMicros"), sum("latencySumMs"), sum("cacheHits"), sum("semanticHits"), sum("cacheMisses"), sum("tokensSaved"), sum("costSavedMicros"), sum("refused")
   FROM "UsageRollupTeamDay" GROUP BY 1, 2, 3 ORDER BY 1`,
  `INSERT INTO "LatencyRollup" ("hour", "orgId", "model", "bucket", "count")
   SELECT date_trunc('hour', "createdAt"), "orgId", "model", width_bucket("latencyMs" - 1, ARRAY[${LATENCY_BOUNDS.join(", ")}]), count(*)
   FROM "UsageRecord" GROUP BY 1, 2, 3, 4 ORDER BY 1`,
  `INSERT INTO "LatencyRollupDay" ("day", "orgId", "model", "bucket", "count")
   SELECT date_trunc('day', "hour"), "orgId", "model", "bucket", sum("count") FROM "LatencyRollup" GROUP BY 1, 2, 3, 4 ORDER BY 1`,
];

/**
 * Fills an empty, migrated database with `total` records and their rollups. `pg` is a connected
 * pg.Client; `log` prints progress. Returns the seconds each phase took.
 */
export async function generateScaleData(pg, { total, log, chunk = 1_000_000 }) {
  const timings = {};
  const timed = async (name, fn) => {
    const started = Date.now();
    await fn();
    timings[name] = Math.round((Date.now() - started) / 100) / 10;
    log(`  ${name}: ${timings[name]} s`);
  };
  await pg.query("SET work_mem = '256MB'");
  await pg.query("SET maintenance_work_mem = '512MB'");
  await pg.query("SET synchronous_commit = off");
  await timed("entities", async () => {
    for (const sql of entitySql()) await pg.query(sql);
  });
  // Secondary indexes off for the load; rebuilt from their own definitions afterwards.
  const { rows: indexes } = await pg.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'UsageRecord' AND indexname <> 'UsageRecord_pkey'`,
  );
  for (const { indexname } of indexes) await pg.query(`DROP INDEX "${indexname}"`);
  const endEpoch = Math.floor(Date.now() / 1000);
  await timed("records", async () => {
    for (let first = 1; first <= total; first += chunk) {
      const last = Math.min(total, first + chunk - 1);
      const started = Date.now();
      await pg.query(recordsSql(first, last, total, endEpoch));
      log(`    records ${first.toLocaleString("en-US")}–${last.toLocaleString("en-US")} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  });
  await timed("indexes", async () => {
    for (const { indexdef } of indexes) await pg.query(indexdef);
  });
  await timed("rollups", async () => {
    for (const sql of ROLLUP_SQL) await pg.query(sql);
  });
  await timed("vacuum analyze", async () => {
    for (const table of ["UsageRecord", "UsageRollup", "UsageRollupDay", "UsageRollupTeamDay", "UsageRollupUserDay", "UsageRollupModelDay", "LatencyRollup", "LatencyRollupDay"]) await pg.query(`VACUUM ANALYZE "${table}"`);
  });
  return timings;
}
