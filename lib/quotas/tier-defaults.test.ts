import { describe, expect, it } from "vitest";
import { db } from "../db";
import { uniqueSuffix } from "../../test/support/test-ids";
import { seedTierQuotas, TIER_DEFAULTS } from "./tier-defaults";

async function freshOrg() {
  return (await db().organization.create({ data: { name: `tiers-${uniqueSuffix()}` } })).id;
}

describe("seedTierQuotas", () => {
  it("seeds the documented defaults once, and never over an admin's own tier quotas", async () => {
    const orgId = await freshOrg();
    expect(await seedTierQuotas({ orgId, enabled: true })).toBe(TIER_DEFAULTS.length);
    expect(await seedTierQuotas({ orgId, enabled: true })).toBe(0);
    const rows = await db().quota.findMany({ where: { orgId }, orderBy: [{ scopeId: "asc" }, { period: "asc" }] });
    expect(rows.map((r) => [r.scopeId, r.period, r.maxCalls, r.maxCostMicros])).toEqual([
      ["free", "daily", 1000, null],
      ["free", "monthly", null, 10_000_000n],
      ["pro", "monthly", null, 200_000_000n],
    ]);

    // An admin who edited the defaults (here: removed one) keeps their edit across restarts.
    await db().quota.deleteMany({ where: { orgId, scopeId: "free", period: "daily" } });
    expect(await seedTierQuotas({ orgId, enabled: true })).toBe(0);
    expect(await db().quota.count({ where: { orgId } })).toBe(2);
  });

  it("does nothing when turned off", async () => {
    const orgId = await freshOrg();
    expect(await seedTierQuotas({ orgId, enabled: false })).toBe(0);
    expect(await db().quota.count({ where: { orgId } })).toBe(0);
  });
});
