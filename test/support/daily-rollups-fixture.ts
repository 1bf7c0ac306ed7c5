// Tests that seed UsageRollup rows directly (instead of through the usage writer) call this after,
// so the daily rollups hold their per-day sums as the writer would have left them.
import { db } from "../../lib/db";
import { dailyLatency, dailyRollups, type RollupDelta } from "../../lib/usage/usage-aggregate";

export async function seedDailyRollupsFromHourly(orgId: string): Promise<void> {
  const hourly = await db().usageRollup.findMany({ where: { orgId } });
  // Prisma reads BigInt columns as bigint where the writer's deltas hold numbers; the sums add alike.
  const { days, teamDays } = dailyRollups(hourly as unknown as RollupDelta[]);
  await db().usageRollupDay.deleteMany({ where: { orgId } });
  await db().usageRollupTeamDay.deleteMany({ where: { orgId } });
  await db().usageRollupDay.createMany({ data: days });
  await db().usageRollupTeamDay.createMany({ data: teamDays });
  const latency = await db().latencyRollup.findMany({ where: { orgId } });
  await db().latencyRollupDay.deleteMany({ where: { orgId } });
  await db().latencyRollupDay.createMany({ data: dailyLatency(latency) });
}
