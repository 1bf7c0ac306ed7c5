import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { uniqueSuffix } from "../../test/support/test-ids";
import { getSpend, spendRange } from "./spend";
import { spendQuerySchema } from "./spend-schemas";

let orgId: string;
let alice: { id: string; email: string };
let bob: { id: string; email: string };
let aliceKey: string;
let bobKey: string;
let teamId: string;

beforeAll(async () => {
  // A private organization, so the totals are exact while other tests write usage.
  orgId = (await db().organization.create({ data: { name: `Spend ${uniqueSuffix()}` } })).id;
  teamId = (await db().team.create({ data: { orgId, name: `Research ${uniqueSuffix()}` } })).id;
  alice = await db().user.create({ data: { orgId, email: `alice-${uniqueSuffix()}@s.local`, name: "Alice" } });
  bob = await db().user.create({ data: { orgId, email: `bob-${uniqueSuffix()}@s.local`, name: "" } });
  aliceKey = (await db().apiKey.create({ data: { orgId, userId: alice.id, name: "alice-app", keyHash: `h-${uniqueSuffix()}`, prefix: "tg-alice1" } })).id;
  bobKey = (await db().apiKey.create({ data: { orgId, userId: bob.id, name: "bob-app", keyHash: `h-${uniqueSuffix()}`, prefix: "tg-bob123" } })).id;
  const rollup = (hour: string, userId: string, keyId: string, team: string, calls: number, costMicros: bigint, model = "gpt-4o") => ({
    hour: new Date(hour), orgId, model, userId, teamId: team, keyId, calls, inputTokens: BigInt(calls * 10), outputTokens: BigInt(calls * 5), costMicros,
  });
  await db().usageRollup.createMany({
    data: [
      rollup("2025-03-01T10:00:00Z", alice.id, aliceKey, teamId, 4, 400_000n),
      rollup("2025-03-02T10:00:00Z", alice.id, aliceKey, teamId, 6, 600_000n, "claude-haiku-4-5"),
      rollup("2025-03-02T11:00:00Z", bob.id, bobKey, "", 100, 2_500_000n),
      // a playground call: no key
      rollup("2025-03-03T11:00:00Z", bob.id, "", "", 1, 10_000n),
      // outside the range
      rollup("2025-04-01T00:00:00Z", alice.id, aliceKey, teamId, 50, 5_000_000n),
    ],
  });
});

const march = { from: "2025-03-01", to: "2025-03-31" };

describe("getSpend", () => {
  it("sums calls and cost per key with names, most expensive first, leaving out calls without a key", async () => {
    const result = await getSpend({ orgId, query: spendQuerySchema.parse({ by: "key", ...march }) });
    expect(result.data).toEqual([
      { id: bobKey, name: "bob-app", detail: "tg-bob123", calls: 100, cost: 2.5, inputTokens: 1000, outputTokens: 500 },
      { id: aliceKey, name: "alice-app", detail: "tg-alice1", calls: 10, cost: 1, inputTokens: 100, outputTokens: 50 },
    ]);
  });

  it("per user and per team; `ids` answers just those (the rows on screen)", async () => {
    const users = await getSpend({ orgId, query: spendQuerySchema.parse({ by: "user", ...march }) });
    expect(users.data.map((row) => [row.name, row.detail, row.calls, row.cost])).toEqual([
      [bob.email, null, 101, 2.51],
      [alice.email, "Alice", 10, 1],
    ]);
    const teams = await getSpend({ orgId, query: spendQuerySchema.parse({ by: "team", ...march }) });
    expect(teams.data).toHaveLength(1);
    expect(teams.data[0]).toMatchObject({ id: teamId, calls: 10, cost: 1 });
    const picked = await getSpend({ orgId, query: spendQuerySchema.parse({ by: "user", ids: `${alice.id}, unknown-id`, ...march }) });
    expect(picked.data.map((row) => row.id)).toEqual([alice.id]);
  });

  it("limits the top list and pins developers to their own calls", async () => {
    const top = await getSpend({ orgId, query: spendQuerySchema.parse({ by: "key", limit: "1", ...march }) });
    expect(top.data.map((row) => row.id)).toEqual([bobKey]);
    const own = await getSpend({ orgId, query: spendQuerySchema.parse({ by: "key", ...march }), ownerId: alice.id });
    expect(own.data.map((row) => row.id)).toEqual([aliceKey]);
  });
});

describe("spendRange", () => {
  it("defaults to this month so far and refuses an empty range", () => {
    const now = new Date("2025-03-15T12:00:00Z");
    const range = spendRange({}, now);
    expect(range.to).toEqual(now);
    // The month's start in TOLLGATE_TIME_ZONE (UTC in tests).
    expect(range.from.toISOString()).toBe("2025-03-01T00:00:00.000Z");
    expect(() => spendRange({ from: now, to: now })).toThrow(/before/);
  });
});
