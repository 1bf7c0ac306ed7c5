// The SQLite half of the scale scenario (issue 19: "same check on SQLite with 1,000,000"): a SQLite
// database with a tenth of the generated PostgreSQL year (every record whose number ends in 0, so
// the same shape: growth over the year, skew of keys and models, outcomes), its entities, and
// rollups computed in PostgreSQL from that subset with the same rules as scale-data.mjs. Rows are
// copied through a server-side cursor in chunks, then `ANALYZE`.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import Database from "better-sqlite3";
import pgModule from "pg";

/** The records of the subset: every tenth one. */
export const SQLITE_SUBSET = `right("requestId", 1) = '0'`;

const SUMS = ["calls", "errors", "inputTokens", "outputTokens", "cachedTokens", "costMicros", "latencySumMs", "cacheHits", "semanticHits", "cacheMisses", "tokensSaved", "costSavedMicros", "refused"];
const LATENCY_BOUNDS = [5, 10, 25, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10000, 15000, 20000, 30000, 60000, 120000];

const HOURLY = `
  SELECT date_trunc('hour', "createdAt") AS "hour", "orgId", "model", coalesce("userId", '') AS "userId", coalesce("teamId", '') AS "teamId", coalesce("keyId", '') AS "keyId",
    count(*)::int AS "calls", (count(*) FILTER (WHERE "status" >= 400))::int AS "errors",
    coalesce(sum("inputTokens") FILTER (WHERE "cache" IS NULL OR "cache" NOT IN ('hit', 'semantic-hit')), 0) AS "inputTokens",
    coalesce(sum("outputTokens") FILTER (WHERE "cache" IS NULL OR "cache" NOT IN ('hit', 'semantic-hit')), 0) AS "outputTokens",
    sum("cachedTokens") AS "cachedTokens", sum("costMicros") AS "costMicros", sum("latencyMs") AS "latencySumMs",
    (count(*) FILTER (WHERE "cache" = 'hit'))::int AS "cacheHits", (count(*) FILTER (WHERE "cache" = 'semantic-hit'))::int AS "semanticHits",
    (count(*) FILTER (WHERE "cache" IN ('miss', 'shadow')))::int AS "cacheMisses",
    coalesce(sum("inputTokens" + "outputTokens") FILTER (WHERE "cache" IN ('hit', 'semantic-hit')), 0) AS "tokensSaved",
    sum("costSavedMicros") AS "costSavedMicros", (count(*) FILTER (WHERE "refusal" IS NOT NULL))::int AS "refused"
  FROM "UsageRecord" WHERE ${SQLITE_SUBSET} GROUP BY 1, 2, 3, 4, 5, 6`;

/** [table, SELECT giving its rows] in copy order. */
function sources() {
  return [
    ["Organization", `SELECT * FROM "Organization"`],
    ["Team", `SELECT * FROM "Team"`],
    ["User", `SELECT * FROM "User"`],
    ["ApiKey", `SELECT * FROM "ApiKey"`],
    ["Model", `SELECT * FROM "Model"`],
    ["Quota", `SELECT * FROM "Quota"`],
    ["RateLimit", `SELECT * FROM "RateLimit"`],
    ["UsageRecord", `SELECT * FROM "UsageRecord" WHERE ${SQLITE_SUBSET} ORDER BY "createdAt"`],
    ["UsageRollup", `SELECT * FROM (${HOURLY}) h ORDER BY "hour"`],
    ["UsageRollupDay", `SELECT date_trunc('day', "hour") AS "day", "orgId", "model", "userId", "teamId", ${SUMS.map((c) => `sum("${c}") AS "${c}"`).join(", ")} FROM (${HOURLY}) h GROUP BY 1, 2, 3, 4, 5 ORDER BY 1`],
    ["UsageRollupTeamDay", `SELECT date_trunc('day', "hour") AS "day", "orgId", "model", "teamId", ${SUMS.map((c) => `sum("${c}") AS "${c}"`).join(", ")} FROM (${HOURLY}) h GROUP BY 1, 2, 3, 4 ORDER BY 1`],
    ["UsageRollupUserDay", `SELECT date_trunc('day', "hour") AS "day", "orgId", "userId", "teamId", ${SUMS.map((c) => `sum("${c}") AS "${c}"`).join(", ")} FROM (${HOURLY}) h GROUP BY 1, 2, 3, 4 ORDER BY 1`],
    ["UsageRollupModelDay", `SELECT date_trunc('day', "hour") AS "day", "orgId", "model", ${SUMS.map((c) => `sum("${c}") AS "${c}"`).join(", ")} FROM (${HOURLY}) h GROUP BY 1, 2, 3 ORDER BY 1`],
    ["LatencyRollup", `SELECT date_trunc('hour', "createdAt") AS "hour", "orgId", "model", width_bucket("latencyMs" - 1, ARRAY[${LATENCY_BOUNDS.join(", ")}]) AS "bucket", count(*)::int AS "count"
      FROM "UsageRecord" WHERE ${SQLITE_SUBSET} GROUP BY 1, 2, 3, 4 ORDER BY 1`],
    ["LatencyRollupDay", `SELECT date_trunc('day', "createdAt") AS "day", "orgId", "model", width_bucket("latencyMs" - 1, ARRAY[${LATENCY_BOUNDS.join(", ")}]) AS "bucket", count(*)::int AS "count"
      FROM "UsageRecord" WHERE ${SQLITE_SUBSET} GROUP BY 1, 2, 3, 4 ORDER BY 1`],
  ];
}

// PostgreSQL's timestamp (without time zone) holds UTC here: parsed as such whatever the process's zone.
const TIMESTAMP_OID = 1114;
const types = { getTypeParser: (oid, format) => (oid === TIMESTAMP_OID ? (text) => new Date(text.replace(" ", "T") + "Z") : pgModule.types.getTypeParser(oid, format)) };

/** A PostgreSQL value as better-sqlite3 binds it the way Prisma stores it in SQLite (int8 and numeric arrive as text; the columns' integer affinity stores them as integers). */
function sqliteValue(value) {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/**
 * Creates `file` (replacing it), migrates it with the project's command and fills it from the
 * PostgreSQL scale database at `databaseUrl`. Returns the records copied and the seconds it took.
 */
export async function buildSqliteScaleDatabase({ root, databaseUrl, file, log }) {
  const started = Date.now();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  const migrate = spawnSync(process.execPath, ["scripts/prisma.mjs", "migrate-deploy"], { cwd: root, env: { ...process.env, DATABASE_URL: `file:${file}` }, encoding: "utf8", timeout: 300_000 });
  if (migrate.status !== 0) throw new Error(`SQLite migrations failed: ${migrate.stderr || migrate.stdout}`);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  let records = 0;
  const pg = new pgModule.Client({ connectionString: databaseUrl, types });
  await pg.connect();
  try {
    await pg.query("BEGIN");
    for (const [table, sql] of sources()) {
      const t0 = Date.now();
      await pg.query(`DECLARE scale_copy NO SCROLL CURSOR FOR ${sql}`);
      let insert = null;
      let rows = 0;
      for (;;) {
        const { rows: chunk, fields } = await pg.query("FETCH 20000 FROM scale_copy");
        if (chunk.length === 0) break;
        const columns = fields.map((f) => f.name);
        insert ??= sqlite.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
        sqlite.transaction(() => {
          for (const row of chunk) insert.run(columns.map((c) => sqliteValue(row[c])));
        })();
        rows += chunk.length;
      }
      await pg.query("CLOSE scale_copy");
      if (table === "UsageRecord") records = rows;
      log(`    sqlite: ${table} ${rows.toLocaleString("en-US")} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    await pg.query("COMMIT");
    sqlite.exec("ANALYZE");
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    sqlite.close();
    await pg.end();
  }
  return { records, seconds: Math.round((Date.now() - started) / 1000) };
}
