// Quota status reads the usage ledger once per counter and period: the first request seeds the live
// counter from the ledger (as admission would), later ones read the counter, so a status request on
// a large ledger (a month of an organization's calls) costs one aggregate, not one per request.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { sharedStore } from "../store";
import { writeUsageBatch } from "../usage/write-usage-batch";
import { uniqueSuffix } from "../../test/support/test-ids";
import { governanceNow } from "./clock";
import { applicableQuotas, plannedCounter } from "./governance-plan";
import { governanceRules } from "./governance-rules";
import { getQuotaStatus } from "./quota-status";

let orgId: string;
let teamId: string;

const call = (extra: { costMicros: bigint; status?: number }) => ({
  requestId: `qs-${uniqueSuffix()}${uniqueSuffix()}`, orgId, keyId: null, userId: null, teamId, model: "m",
  providerId: null, providerKind: null, upstreamModel: null, inputTokens: 10, outputTokens: 5, cachedTokens: 0,
  latencyMs: 20, ttftMs: null, streamed: false, status: 200, errorType: null, estimated: false, endpoint: "chat.completions" as const,
  createdAt: new Date(), ...extra,
});

beforeAll(async () => {
  orgId = (await db().organization.create({ data: { name: `Quota status ${uniqueSuffix()}` } })).id;
  teamId = (await db().team.create({ data: { orgId, name: `qs-team-${uniqueSuffix()}` } })).id;
  await db().quota.create({ data: { orgId, scope: "team", scopeId: teamId, period: "monthly", maxCalls: 100, maxCostMicros: 1_000_000n } });
  governanceRules().invalidate();
  // Two billable calls and one that failed before using anything (not counted against quotas).
  await writeUsageBatch([call({ costMicros: 1_500n }), call({ costMicros: 2_500n }), { ...call({ costMicros: 0n, status: 502 }), inputTokens: 0, outputTokens: 0 }]);
});

describe("getQuotaStatus", () => {
  it("seeds a missing counter from the ledger once, then answers from the counter", async () => {
    const first = await getQuotaStatus(orgId, "team", teamId);
    expect(first.map((s) => [s.kind, s.used, s.limit])).toEqual([
      ["calls", 2, 100],
      ["cost", 4_000, 1_000_000],
    ]);
    const table = await governanceRules().current();
    const now = governanceNow();
    const [counter] = applicableQuotas(table, orgId, "team", teamId, null).map((quota) => plannedCounter(quota, orgId, now));
    const [state] = await sharedStore().readCounters([counter.spec.key], now);
    expect(state?.used).toEqual({ calls: 2, tokens: 30, cost: 4_000 });

    // A record that reaches the ledger without passing through settlement is not re-read: the
    // counter, not another aggregate over the ledger, answers the next status request.
    await writeUsageBatch([call({ costMicros: 9_000n })]);
    const second = await getQuotaStatus(orgId, "team", teamId);
    expect(second.find((s) => s.kind === "cost")?.used).toBe(4_000);
  });
});
