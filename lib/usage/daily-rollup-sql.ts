// The upserts of the daily rollups (UsageRollupDay, UsageRollupTeamDay, UsageRollupUserDay,
// UsageRollupModelDay, LatencyRollupDay) for both
// usage writers: the same additive ON CONFLICT as the hourly ones', so concurrent writers never lose
// a delta.
const SUM_COLUMNS = [
  ["calls", "int"], ["errors", "int"], ["inputTokens", "bigint"], ["outputTokens", "bigint"], ["cachedTokens", "bigint"],
  ["costMicros", "bigint"], ["latencySumMs", "bigint"], ["cacheHits", "int"], ["semanticHits", "int"], ["cacheMisses", "int"],
  ["tokensSaved", "bigint"], ["costSavedMicros", "bigint"], ["refused", "int"],
] as const;

export const DAILY_ROLLUP_TABLES = {
  UsageRollupDay: ["day", "orgId", "model", "userId", "teamId"],
  UsageRollupTeamDay: ["day", "orgId", "model", "teamId"],
  UsageRollupUserDay: ["day", "orgId", "userId", "teamId"],
  UsageRollupModelDay: ["day", "orgId", "model"],
  LatencyRollupDay: ["day", "orgId", "model", "bucket"],
} as const;
export type DailyRollupTable = keyof typeof DAILY_ROLLUP_TABLES;

const sumColumns = (table: DailyRollupTable): readonly (readonly [string, string])[] => (table === "LatencyRollupDay" ? [["count", "int"]] : SUM_COLUMNS);
const keyType = (key: string) => (key === "day" ? "timestamp(3)" : key === "bucket" ? "int" : "text");

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(", ");

/** Columns in the order the PostgreSQL statement's array parameters take them. */
export function dailyRollupColumns(table: DailyRollupTable): string[] {
  return [...DAILY_ROLLUP_TABLES[table], ...sumColumns(table).map(([name]) => name)];
}

/** PostgreSQL: one array parameter per column (dailyRollupColumns order). */
export function postgresDailyRollupUpsert(table: DailyRollupTable): string {
  const keys = DAILY_ROLLUP_TABLES[table];
  const types = [...keys.map(keyType), ...sumColumns(table).map(([, type]) => type)];
  const params = types.map((type, i) => `$${i + 1}::${type}[]`).join(", ");
  const updates = sumColumns(table).map(([name]) => `"${name}" = "${table}"."${name}" + EXCLUDED."${name}"`).join(", ");
  return `INSERT INTO "${table}" (${quoted(dailyRollupColumns(table))}) SELECT * FROM unnest(${params})
    ON CONFLICT (${quoted(keys)}) DO UPDATE SET ${updates}`;
}

/** SQLite (better-sqlite3): named parameters (@day, @orgId, …). */
export function sqliteDailyRollupUpsert(table: DailyRollupTable): string {
  const columns = dailyRollupColumns(table);
  const updates = sumColumns(table).map(([name]) => `"${name}" = "${name}" + excluded."${name}"`).join(", ");
  return `INSERT INTO "${table}" (${quoted(columns)}) VALUES (${columns.map((c) => `@${c}`).join(", ")})
    ON CONFLICT (${quoted(DAILY_ROLLUP_TABLES[table])}) DO UPDATE SET ${updates}`;
}
