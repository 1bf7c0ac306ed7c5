// Tests that seed UsageRollup rows directly (instead of through the usage writer) call this after,
// so the daily rollups hold their per-day sums as the writer would have left them.
import { db } from "../../lib/db";
import { dailyLatency, dailyRollups, type RollupDelta } from "../../lib/usage/usage-aggregate";

export async function seedDailyRollupsFromHourly(orgId: string): Promise<void> {
  const hourly = await db().usageRollup.findMany({ where: { orgId } });
  // Prisma reads BigInt columns as bigint where the writer's deltas hold numbers; the sums add alike.
  const { days, teamDays, userDays, modelDays } = dailyRollups(hourly as unknown as RollupDelta[]);
  await db().usageRollupDay.deleteMany({ where: { orgId } });
  await db().usageRollupTeamDay.deleteMany({ where: { orgId } });
  await db().usageRollupUserDay.deleteMany({ where: { orgId } });
  await db().usageRollupModelDay.deleteMany({ where: { orgId } });
  await db().usageRollupDay.createMany({ data: days });
  await db().usageRollupTeamDay.createMany({ data: teamDays });
  await db().usageRollupUserDay.createMany({ data: userDays });
  await db().usageRollupModelDay.createMany({ data: modelDays });
  const latency = await db().latencyRollup.findMany({ where: { orgId } });
  await db().latencyRollupDay.deleteMany({ where: { orgId } });
  await db().latencyRollupDay.createMany({ data: dailyLatency(latency) });
}
