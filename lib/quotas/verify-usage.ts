// Proves that the three views of usage agree for a period: the usage records (the ledger), the
// hourly rollups the charts read, and the live quota counters the gateway enforces with. Each
// disagreement is reported with what the records say (`expected`) and what the other view holds.
// Run it when traffic is quiet: calls still in flight or in another replica's usage buffer show up
// as differences until they are settled and flushed (this process's buffer is flushed first).
import { db } from "../db";
import { env } from "../env";
import { sharedStore, type Amounts } from "../store";
import { microsToDollars } from "../usage/money";
import { flushUsage } from "../usage/usage-recorder";
import { BILLABLE_RECORD, SERVED_FROM_CACHE } from "./billable-call";
import { governanceNow } from "./clock";
import { quotaCounterKey, type CounterScope } from "./counter-keys";
import { alignsWithHours, periodWindow, type PeriodWindow, type QuotaPeriod } from "./periods";
import type { UsageDifference, VerifyUsageQuery, VerifyUsageResponse } from "./schemas";
import { windowFilter } from "./usage-ledger";

type Sums = Map<string, Amounts>;
const SCOPE_COLUMNS = { key: "keyId", user: "userId", team: "teamId" } as const;
const ORG = "org";

function amountsOf(row: { _count?: { _all: number } | number; _sum?: Record<string, bigint | number | null> }, calls: number): Amounts {
  const sum = row._sum ?? {};
  return { calls, tokens: Number(sum.inputTokens ?? 0) + Number(sum.outputTokens ?? 0), cost: Number(sum.costMicros ?? 0) };
}

/** Records per scope id: every call (rollups count those) and the calls quotas count. */
async function recordSums(orgId: string, window: Pick<PeriodWindow, "start" | "end">) {
  const where = { orgId, ...windowFilter(window) };
  const all = new Map<CounterScope, Sums>();
  const billable = new Map<CounterScope, Sums>();
  for (const [scope, column] of Object.entries(SCOPE_COLUMNS) as [CounterScope, (typeof SCOPE_COLUMNS)[keyof typeof SCOPE_COLUMNS]][]) {
    const [rows, billableRows] = await Promise.all([
      db().usageRecord.groupBy({ by: [column], where, _count: { _all: true }, _sum: { inputTokens: true, outputTokens: true, costMicros: true } }),
      db().usageRecord.groupBy({ by: [column], where: { ...where, ...BILLABLE_RECORD }, _count: { _all: true }, _sum: { inputTokens: true, outputTokens: true, costMicros: true } }),
    ]);
    // Cache hits are calls whose tokens were not used (the rollups and counters leave them out).
    const servedRows = await db().usageRecord.groupBy({ by: [column], where: { ...where, ...SERVED_FROM_CACHE }, _sum: { inputTokens: true, outputTokens: true } });
    const servedTokens = new Map(servedRows.map((r) => [r[column] as string, Number(r._sum.inputTokens ?? 0) + Number(r._sum.outputTokens ?? 0)]));
    const collect = (list: typeof rows) =>
      new Map(list.filter((r) => r[column]).map((r) => {
        const amounts = amountsOf(r, r._count._all);
        return [r[column] as string, { ...amounts, tokens: amounts.tokens - (servedTokens.get(r[column] as string) ?? 0) }];
      }));
    all.set(scope, collect(rows));
    billable.set(scope, collect(billableRows));
  }
  const [total, totalBillable] = await Promise.all([
    db().usageRecord.aggregate({ where, _count: { _all: true }, _sum: { inputTokens: true, outputTokens: true, costMicros: true } }),
    db().usageRecord.aggregate({ where: { ...where, ...BILLABLE_RECORD }, _count: { _all: true }, _sum: { inputTokens: true, outputTokens: true, costMicros: true } }),
  ]);
  const served = await db().usageRecord.aggregate({ where: { ...where, ...SERVED_FROM_CACHE }, _sum: { inputTokens: true, outputTokens: true } });
  const servedTokens = Number(served._sum.inputTokens ?? 0) + Number(served._sum.outputTokens ?? 0);
  const orgAmounts = (row: typeof total) => {
    const amounts = amountsOf(row, row._count._all);
    return { ...amounts, tokens: amounts.tokens - servedTokens };
  };
  all.set(ORG, new Map([[orgId, orgAmounts(total)]]));
  billable.set(ORG, new Map([[orgId, orgAmounts(totalBillable)]]));
  return { all, billable, records: total._count._all };
}

async function rollupSums(orgId: string, window: Pick<PeriodWindow, "start" | "end">): Promise<Map<CounterScope, Sums>> {
  const where = { orgId, ...(window.start && window.end ? { hour: { gte: window.start, lt: window.end } } : {}) };
  const sums = new Map<CounterScope, Sums>();
  const sum = { calls: true, inputTokens: true, outputTokens: true, costMicros: true } as const;
  for (const [scope, column] of Object.entries(SCOPE_COLUMNS) as [CounterScope, (typeof SCOPE_COLUMNS)[keyof typeof SCOPE_COLUMNS]][]) {
    const rows = await db().usageRollup.groupBy({ by: [column], where, _sum: sum });
    // "" is the rollups' "none".
    sums.set(scope, new Map(rows.filter((r) => r[column] !== "").map((r) => [r[column], amountsOf(r, Number(r._sum.calls ?? 0))])));
  }
  const total = await db().usageRollup.aggregate({ where, _sum: sum });
  sums.set(ORG, new Map([[orgId, amountsOf(total, Number(total._sum.calls ?? 0))]]));
  return sums;
}

function compare(what: string, scope: CounterScope, scopeId: string, expected: Amounts, actual: Amounts, out: UsageDifference[]): void {
  for (const kind of ["calls", "tokens", "cost"] as const) {
    if (expected[kind] === actual[kind]) continue;
    const value = (n: number) => (kind === "cost" ? microsToDollars(n) : n);
    out.push({ what: `${what}.${kind}`, scope, scopeId, expected: value(expected[kind]), actual: value(actual[kind]) });
  }
}

const ZERO: Amounts = { calls: 0, tokens: 0, cost: 0 };

/** The counters a period has: one per explicit quota of that period, one per user a tier quota covers. */
async function countersOf(orgId: string, period: QuotaPeriod, periodKey: string): Promise<{ scope: CounterScope; scopeId: string; key: string }[]> {
  const quotas = await db().quota.findMany({ where: { orgId, period }, select: { scope: true, scopeId: true } });
  const counters = quotas.filter((q) => q.scope !== "tier").map((q) => ({ scope: q.scope as CounterScope, scopeId: q.scopeId }));
  const tiers = quotas.filter((q) => q.scope === "tier").map((q) => q.scopeId);
  if (tiers.length > 0) {
    const explicitUsers = new Set(counters.filter((c) => c.scope === "user").map((c) => c.scopeId));
    const users = await db().user.findMany({ where: { orgId, tier: { in: tiers } }, select: { id: true } });
    for (const user of users) if (!explicitUsers.has(user.id)) counters.push({ scope: "user", scopeId: user.id });
  }
  return counters.map((c) => ({ ...c, key: quotaCounterKey(orgId, c.scope, c.scopeId, periodKey) }));
}

export async function verifyUsage(options: { orgId: string; query: VerifyUsageQuery }): Promise<VerifyUsageResponse> {
  const { orgId, query } = options;
  await flushUsage();
  const now = governanceNow();
  const period: QuotaPeriod | null = query.from ? null : (query.period ?? "daily");
  const window: Pick<PeriodWindow, "start" | "end" | "key"> = period
    ? periodWindow(period, query.at ?? new Date(now), env().TOLLGATE_TIME_ZONE)
    : { start: query.from!, end: query.to!, key: "" };

  const differences: UsageDifference[] = [];
  const records = await recordSums(orgId, window);
  let scopes = 0;

  const rollupsCompared = alignsWithHours({ period: period ?? "daily", ...window });
  if (rollupsCompared) {
    const rollups = await rollupSums(orgId, window);
    for (const [scope, fromRecords] of records.all) {
      const fromRollups = rollups.get(scope)!;
      for (const scopeId of new Set([...fromRecords.keys(), ...fromRollups.keys()])) {
        scopes++;
        compare("rollup", scope, scopeId, fromRecords.get(scopeId) ?? ZERO, fromRollups.get(scopeId) ?? ZERO, differences);
      }
    }
  }

  let counters = 0;
  if (period) {
    const list = await countersOf(orgId, period, window.key);
    const states = await sharedStore().readCounters(list.map((c) => c.key), now);
    list.forEach((counter, i) => {
      const state = states[i];
      // A counter nobody needed yet does not exist; it will be seeded from these very records.
      if (!state) return;
      counters++;
      compare("counter", counter.scope, counter.scopeId, records.billable.get(counter.scope)?.get(counter.scopeId) ?? ZERO, state.used, differences);
    });
  }

  return {
    ok: differences.length === 0,
    checked: {
      from: window.start?.toISOString() ?? null,
      to: window.end?.toISOString() ?? null,
      periodKey: period ? window.key : null,
      records: records.records,
      scopes,
      counters,
      rollupsCompared,
    },
    differences,
  };
}
