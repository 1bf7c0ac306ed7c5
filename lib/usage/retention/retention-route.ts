import { db } from "../../db";
import { env } from "../../env";
import { withAdminRoute } from "../../http/admin-route";
import { retentionCutoff, toRunView } from "./run-retention";
import type { RetentionStatus } from "./retention-schemas";

// GET /api/admin/usage/retention – whether raw usage records expire, up to when, and what the latest runs removed
export const GET = withAdminRoute({
  roles: ["admin"],
  fn: async (): Promise<RetentionStatus> => {
    const { USAGE_RETENTION_DAYS: days, USAGE_RETENTION_INTERVAL_MS: intervalMs } = env();
    const [oldest, runs] = await Promise.all([
      db().usageRecord.findFirst({ orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
      db().retentionRun.findMany({ orderBy: { startedAt: "desc" }, take: 20 }),
    ]);
    return {
      enabled: days !== undefined,
      days: days ?? null,
      intervalMs,
      cutoff: days === undefined ? null : retentionCutoff(days).toISOString(),
      oldestRecordAt: oldest?.createdAt.toISOString() ?? null,
      runs: runs.map(toRunView),
    };
  },
});
