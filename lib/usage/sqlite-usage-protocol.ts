// The messages between the SQLite usage writer (sqlite-usage-worker.ts, main thread) and its thread
// (sqlite-usage-thread.ts). Both import these types, so tsc checks each side against the other.
import type { DeploymentLatencyDelta, DeploymentStatDelta } from "./deployment-stats";
import type { DayRollupDelta, LatencyDayDelta, LatencyDelta, ModelDayRollupDelta, RollupDelta, TeamDayRollupDelta, UserDayRollupDelta } from "./usage-aggregate";
import type { USAGE_RECORD_COLUMNS } from "./usage-record-columns";
import type { PackedUsageEvents } from "./usage-event-pack";

/**
 * A UsageRecord row as SQLite takes it: its values in the order of USAGE_RECORD_COLUMNS
 * (usage-record-columns.ts: one value per column, or tsc fails); dates as Prisma's text format, booleans as 0/1, the attempt log as JSON.
 */
export type UsageRecordRow = ValuePerColumn<typeof USAGE_RECORD_COLUMNS>;
type ValuePerColumn<Columns extends readonly string[]> = { -readonly [I in keyof Columns]: string | number | bigint | null };
export type RollupRow = Omit<RollupDelta, "hour"> & { hour: string };
export type DayRollupRow = Omit<DayRollupDelta, "day"> & { day: string };
export type TeamDayRollupRow = Omit<TeamDayRollupDelta, "day"> & { day: string };
export type UserDayRollupRow = Omit<UserDayRollupDelta, "day"> & { day: string };
export type ModelDayRollupRow = Omit<ModelDayRollupDelta, "day"> & { day: string };
export type LatencyDayRow = Omit<LatencyDayDelta, "day"> & { day: string };
export type LatencyRow = Omit<LatencyDelta, "hour"> & { hour: string };
export type DeploymentStatRow = Omit<DeploymentStatDelta, "bucket" | "lastErrorAt"> & { bucket: string; lastErrorAt: string | null };
export type DeploymentLatencyRow = Omit<DeploymentLatencyDelta, "bucket"> & { bucket: string };

/** One transaction's worth of usage as the thread builds it (sqlite-usage-rows.ts). */
export interface SqliteUsageChunk {
  records: UsageRecordRow[];
  rollups: RollupRow[];
  /** the same deltas summed per UTC day (usage-aggregate.ts, dailyRollups) */
  days: DayRollupRow[];
  teamDays: TeamDayRollupRow[];
  userDays: UserDayRollupRow[];
  modelDays: ModelDayRollupRow[];
  latency: LatencyRow[];
  /** the histograms summed per UTC day (usage-aggregate.ts, dailyLatency) */
  latencyDays: LatencyDayRow[];
  /** per-deployment attempts and latency histograms (deployment-stats.ts) */
  deploymentStats: DeploymentStatRow[];
  deploymentLatency: DeploymentLatencyRow[];
  /** [keyId, lastUsedAt] */
  touches: [string, string][];
}

/** `stored`: committed, how many records were new (the ones stored already were left out). */
export type SqliteChunkOutcome = { stored: number };

export interface SqliteThreadData {
  /** the SQLite database file */
  file: string;
}

/** After "close" the thread checkpoints (TRUNCATE), closes the database and exits: the exit is the answer. */
export type ToSqliteThread = { type: "write"; id: number; events: PackedUsageEvents } | { type: "close" };
export type FromSqliteThread = { id: number } & (SqliteChunkOutcome | { error: { message: string; code?: string } });
