// The daily rollups (UsageRollupDay, UsageRollupTeamDay, UsageRollupUserDay, UsageRollupModelDay, LatencyRollupDay) must hold exactly UsageRollup's sums per
// UTC day, which are exactly the raw ledger's, however the batches interleave; and the dashboard and
// billing and the cache statistics, which read whole days from them, must answer what summing the
// ledger answers.
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { loadBillingLedger } from "../billing/billing-ledger";
import { cacheStats } from "../cache/cache-stats";
import { cacheStatsQuerySchema } from "../cache/schemas";
import { resolveBillingRange } from "../billing/billing-range";
import { createUserWithKey } from "../../test/support/gateway-fixtures";
import { uniqueSuffix } from "../../test/support/test-ids";
import { latencyBucketOf, quantileFromBuckets } from "./latency-buckets";
import { microsToDollars } from "./money";
import { timeseriesQuerySchema } from "./schemas";
import { getUsageTimeseries } from "./usage-timeseries";
import { groupRollups } from "./rollup-reads";
import { timeseriesCells } from "./timeseries-cells";
import { bucketKey } from "./timeseries-latency";
import type { UsageEvent } from "./usage-event";
import { writeUsageBatch } from "./write-usage-batch";

const HOUR_MS = 3_600_000;
const START = Date.parse("2026-02-10T00:00:00.000Z");

type Caller = { keyId: string; userId: string; teamId: string };

/** Calls over four days and a half: ok, failed upstream, refused, cache hits and misses, two models. */
function ledger(orgId: string, callers: Caller[], models: string[]): UsageEvent[] {
  return Array.from({ length: 600 }, (_, i) => {
    const caller = callers[i % callers.length];
    const kind = i % 10;
    const refused = kind === 7;
    const hit = kind === 3;
    return {
      requestId: `req_${uniqueSuffix()}${uniqueSuffix()}`, orgId, ...caller, model: models[i % models.length],
      providerId: null, providerKind: "openai", upstreamModel: "up",
      inputTokens: refused ? 0 : 100 + i, outputTokens: refused ? 0 : 10 + (i % 17), cachedTokens: i % 5, costMicros: refused || hit ? 0n : BigInt(1_000 + i * 37),
      latencyMs: 50 + i, ttftMs: null, streamed: false, status: refused ? 429 : kind === 5 ? 502 : 200,
      errorType: refused ? "rate_limit" : kind === 5 ? "upstream_error" : null, estimated: false, endpoint: "chat.completions",
      refusal: refused ? "rate_limit" : undefined, cache: hit ? "hit" : kind === 4 ? "miss" : undefined, costSavedMicros: hit ? 5_000n : 0n,
      // 108 hours: the range's first and last days are partial for any bound inside them
      createdAt: new Date(START + ((i * 7919) % (108 * 60)) * 60_000 + (i % 60) * 1000),
    };
  });
}

type Sums = { calls: number; errors: number; refused: number; inputTokens: bigint; outputTokens: bigint; costMicros: bigint; cacheHits: number };
const zero = (): Sums => ({ calls: 0, errors: 0, refused: 0, inputTokens: 0n, outputTokens: 0n, costMicros: 0n, cacheHits: 0 });
function rawSums(events: UsageEvent[]): Sums {
  const s = zero();
  for (const e of events) {
    const served = e.cache === "hit";
    s.calls += 1;
    s.errors += e.status >= 400 ? 1 : 0;
    s.refused += e.refusal ? 1 : 0;
    s.inputTokens += served ? 0n : BigInt(e.inputTokens);
    s.outputTokens += served ? 0n : BigInt(e.outputTokens);
    s.costMicros += e.costMicros;
    s.cacheHits += served ? 1 : 0;
  }
  return s;
}
function pick(row: { calls: number; errors: number; refused: number; inputTokens: bigint; outputTokens: bigint; costMicros: bigint; cacheHits: number }): Sums {
  return { calls: row.calls, errors: row.errors, refused: row.refused, inputTokens: row.inputTokens, outputTokens: row.outputTokens, costMicros: row.costMicros, cacheHits: row.cacheHits };
}
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

async function setup() {
  const org = await db().organization.create({ data: { name: `daily-rollups-${uniqueSuffix()}` } });
  const callers = [await createUserWithKey({ orgId: org.id }), await createUserWithKey({ orgId: org.id }), await createUserWithKey({ orgId: org.id })];
  const models = [`m-a-${uniqueSuffix()}`, `m-b-${uniqueSuffix()}`];
  const events = ledger(org.id, callers, models);
  // Concurrent flushes of interleaved batches, one of them retried whole (its records count once).
  const batches = Array.from({ length: 6 }, (_, b) => events.filter((_, i) => i % 6 === b));
  await Promise.all(batches.map((batch) => writeUsageBatch(batch)));
  expect(await writeUsageBatch(batches[2])).toBe(0);
  return { org, callers, models, events };
}

describe("daily usage rollups", () => {
  it("equal the hourly rollup and the raw ledger per day, model, user and team, under concurrent writes", async () => {
    const { org, events } = await setup();
    const expected = new Map<string, UsageEvent[]>();
    const expectedTeam = new Map<string, UsageEvent[]>();
    for (const e of events) {
      const id = [dayOf(e.createdAt), e.model, e.userId, e.teamId].join("|");
      expected.set(id, [...(expected.get(id) ?? []), e]);
      const teamId = [dayOf(e.createdAt), e.model, e.teamId].join("|");
      expectedTeam.set(teamId, [...(expectedTeam.get(teamId) ?? []), e]);
    }

    const days = await db().usageRollupDay.findMany({ where: { orgId: org.id } });
    expect(days).toHaveLength(expected.size);
    for (const row of days) {
      const raw = expected.get([dayOf(row.day), row.model, row.userId, row.teamId].join("|"));
      expect(raw, `${dayOf(row.day)} ${row.model}`).toBeDefined();
      expect(row.day.toISOString().slice(10)).toBe("T00:00:00.000Z");
      expect(pick(row)).toEqual(rawSums(raw!));
      const dayStart = new Date(`${dayOf(row.day)}T00:00:00.000Z`);
      const hourly = await db().usageRollup.aggregate({
        where: { orgId: org.id, model: row.model, userId: row.userId, teamId: row.teamId, hour: { gte: dayStart, lt: new Date(dayStart.getTime() + 24 * HOUR_MS) } },
        _sum: { calls: true, errors: true, refused: true, inputTokens: true, outputTokens: true, costMicros: true, cacheHits: true, latencySumMs: true, costSavedMicros: true },
      });
      expect(hourly._sum).toMatchObject({ calls: row.calls, errors: row.errors, refused: row.refused, costMicros: row.costMicros, latencySumMs: row.latencySumMs, costSavedMicros: row.costSavedMicros });
    }

    const latencyDays = await db().latencyRollupDay.findMany({ where: { orgId: org.id } });
    const expectedLatency = new Map<string, number>();
    for (const e of events) {
      const id = [dayOf(e.createdAt), e.model, latencyBucketOf(e.latencyMs)].join("|");
      expectedLatency.set(id, (expectedLatency.get(id) ?? 0) + 1);
    }
    expect(latencyDays).toHaveLength(expectedLatency.size);
    for (const row of latencyDays) expect(row.count).toBe(expectedLatency.get([dayOf(row.day), row.model, row.bucket].join("|")));

    const teamDays = await db().usageRollupTeamDay.findMany({ where: { orgId: org.id } });
    expect(teamDays).toHaveLength(expectedTeam.size);
    for (const row of teamDays) expect(pick(row)).toEqual(rawSums(expectedTeam.get([dayOf(row.day), row.model, row.teamId].join("|"))!));

    // per day and user (no model), per day and model (no user or team)
    const byDayAnd = (key: (e: UsageEvent) => string) => {
      const groups = new Map<string, UsageEvent[]>();
      for (const e of events) groups.set(`${dayOf(e.createdAt)}|${key(e)}`, [...(groups.get(`${dayOf(e.createdAt)}|${key(e)}`) ?? []), e]);
      return groups;
    };
    const expectedUser = byDayAnd((e) => `${e.userId}|${e.teamId}`);
    const userDays = await db().usageRollupUserDay.findMany({ where: { orgId: org.id } });
    expect(userDays).toHaveLength(expectedUser.size);
    for (const row of userDays) expect(pick(row)).toEqual(rawSums(expectedUser.get(`${dayOf(row.day)}|${row.userId}|${row.teamId}`)!));
    const expectedModel = byDayAnd((e) => e.model);
    const modelDays = await db().usageRollupModelDay.findMany({ where: { orgId: org.id } });
    expect(modelDays).toHaveLength(expectedModel.size);
    for (const row of modelDays) expect(pick(row)).toEqual(rawSums(expectedModel.get(`${dayOf(row.day)}|${row.model}`)!));
  });

  it("give the dashboard and billing the ledger's sums for ranges with partial days at both ends", async () => {
    const { org, callers, models, events } = await setup();
    // mid-day bounds: whole days in the middle, hours at both ends
    const from = new Date(START + 13 * HOUR_MS + 20 * 60_000);
    const to = new Date(START + 90 * HOUR_MS + 5 * 60_000);
    const hourFrom = new Date(Math.floor(from.getTime() / HOUR_MS) * HOUR_MS);
    const inRange = events.filter((e) => e.createdAt >= hourFrom && e.createdAt.getTime() < Math.ceil(to.getTime() / HOUR_MS) * HOUR_MS);
    expect(inRange.length).toBeLessThan(events.length);

    for (const groupBy of ["model", "user"] as const) {
      for (const filter of [{}, { teamId: callers[0].teamId }, { userId: callers[1].userId }, { model: models[0] }, { keyId: callers[2].keyId }]) {
        const query = timeseriesQuerySchema.parse({ from: from.toISOString(), to: to.toISOString(), groupBy, ...filter });
        const result = await getUsageTimeseries({ orgId: org.id, query });
        const matching = inRange.filter(
          (e) => (!("teamId" in filter) || e.teamId === filter.teamId) && (!("userId" in filter) || e.userId === filter.userId) &&
            (!("model" in filter) || e.model === filter.model) && (!("keyId" in filter) || e.keyId === filter.keyId),
        );
        const raw = rawSums(matching);
        expect(result.totals, `${groupBy} ${JSON.stringify(filter)}`).toMatchObject({ calls: raw.calls, errors: raw.errors, refused: raw.refused, cost: microsToDollars(raw.costMicros) });
        // latency percentiles per day: the histogram of the calls in range (every model: the filter's model only)
        for (const point of result.latency) {
          const histogram = new Map<number, number>();
          for (const e of inRange) {
            if (dayOf(e.createdAt) !== point.day || ("model" in filter && e.model !== filter.model)) continue;
            histogram.set(latencyBucketOf(e.latencyMs), (histogram.get(latencyBucketOf(e.latencyMs)) ?? 0) + 1);
          }
          expect(point.p50, point.day).toBe(Math.round(quantileFromBuckets(histogram, 0.5)!));
          expect(point.p95, point.day).toBe(Math.round(quantileFromBuckets(histogram, 0.95)!));
        }
        expect(result.latency.map((p) => p.day)).toEqual([...new Set(inRange.filter((e) => !("model" in filter) || e.model === filter.model).map((e) => dayOf(e.createdAt)))].sort());
        // per day and group, too (a user's group is labelled with their email)
        const emails = new Map(await Promise.all(callers.map(async (c) => [(await db().user.findUniqueOrThrow({ where: { id: c.userId } })).email, c.userId] as const)));
        for (const point of result.series) {
          const cell = matching.filter((e) => dayOf(e.createdAt) === point.day && (groupBy === "model" ? e.model === point.group : e.userId === emails.get(point.group)));
          expect(pick({ ...point, inputTokens: BigInt(point.inputTokens), outputTokens: BigInt(point.outputTokens), costMicros: 0n }), `${point.day} ${point.group}`)
            .toEqual({ ...rawSums(cell), costMicros: 0n });
        }
        expect(result.series.reduce((sum, p) => sum + p.calls, 0)).toBe(raw.calls);
      }
    }

    // A range across one midnight with no whole day inside: both partial days from the hourly rollup.
    const shortFrom = new Date(START + 20 * HOUR_MS + 10 * 60_000);
    const shortTo = new Date(START + 30 * HOUR_MS + 30 * 60_000);
    const shortRange = events.filter((e) => e.createdAt.getTime() >= START + 20 * HOUR_MS && e.createdAt.getTime() < START + 31 * HOUR_MS);
    for (const groupBy of ["model", "user"] as const) {
      const query = timeseriesQuerySchema.parse({ from: shortFrom.toISOString(), to: shortTo.toISOString(), groupBy });
      const result = await getUsageTimeseries({ orgId: org.id, query });
      expect(new Set(result.series.map((p) => p.day))).toEqual(new Set(["2026-02-10", "2026-02-11"]));
      for (const day of ["2026-02-10", "2026-02-11"]) {
        const calls = result.series.filter((p) => p.day === day).reduce((sum, p) => sum + p.calls, 0);
        expect(calls, `${groupBy} ${day}`).toBe(shortRange.filter((e) => dayOf(e.createdAt) === day).length);
      }
      const groups = result.series.map((p) => `${p.day} ${p.group}`);
      expect(new Set(groups).size, "one point per day and group").toBe(groups.length);
    }

    // Cache statistics: rollup hours h with from <= h < to, per model and team too.
    const cacheHours = events.filter((e) => Math.floor(e.createdAt.getTime() / HOUR_MS) * HOUR_MS >= from.getTime() && e.createdAt.getTime() < Math.ceil(to.getTime() / HOUR_MS) * HOUR_MS);
    const stats = await cacheStats({ orgId: org.id, query: cacheStatsQuerySchema.parse({ from: from.toISOString(), to: to.toISOString() }) });
    expect(stats.hits).toBe(rawSums(cacheHours).cacheHits);
    expect(stats.misses).toBe(cacheHours.filter((e) => e.cache === "miss").length);
    expect(stats.byDay.reduce((sum, d) => sum + d.hits, 0)).toBe(stats.hits);
    for (const model of stats.byModel) expect(model.hits).toBe(rawSums(cacheHours.filter((e) => e.model === model.model)).cacheHits);
    for (const team of stats.byTeam) expect(team.misses).toBe(cacheHours.filter((e) => e.teamId === team.teamId && e.cache === "miss").length);

    // Billing: whole UTC days from the daily rollups; another zone's days from the hourly one. Both equal the ledger.
    for (const timeZone of ["UTC", "Europe/Paris"]) {
      const range = resolveBillingRange({ from: from.toISOString(), to: to.toISOString() }, timeZone);
      const billed = events.filter((e) => e.createdAt >= range.hourFrom && e.createdAt < range.hourTo && !e.refusal);
      const scope = { scope: "org" as const, scopeId: org.id, scopeName: org.name, organization: { id: org.id, name: org.name }, filter: {} };
      const report = await loadBillingLedger({ client: db(), scope, range });
      const raw = rawSums(billed);
      expect(report.totals, timeZone).toMatchObject({ calls: raw.calls, errors: raw.errors - raw.refused, inputTokens: raw.inputTokens, outputTokens: raw.outputTokens, costMicros: raw.costMicros });
      for (const team of report.teams) {
        const teamRaw = rawSums(billed.filter((e) => e.teamId === team.teamId));
        expect(team.sums).toMatchObject({ calls: teamRaw.calls, costMicros: teamRaw.costMicros });
      }
      expect(report.teams.reduce((sum, t) => sum + t.sums.calls, 0)).toBe(raw.calls);
      const teamScope = { ...scope, scope: "team" as const, scopeId: callers[1].teamId, filter: { teamId: callers[1].teamId } };
      const teamReport = await loadBillingLedger({ client: db(), scope: teamScope, range });
      expect(teamReport.totals.costMicros).toBe(rawSums(billed.filter((e) => e.teamId === callers[1].teamId)).costMicros);
    }
  });

  it("sum the dashboard's cells in SQL exactly as the Prisma rollup reads do, in bucket and group order", async () => {
    const { org, callers } = await setup();
    const from = new Date(START + 13 * HOUR_MS + 20 * 60_000);
    const ranges = [
      { interval: "day" as const, to: new Date(START + 90 * HOUR_MS + 5 * 60_000) },
      { interval: "hour" as const, to: new Date(START + 40 * HOUR_MS + 5 * 60_000) },
    ];
    for (const { interval, to } of ranges) {
      for (const groupBy of ["model", "userId"] as const) {
        for (const filter of [{}, { keyId: callers[2].keyId }, { teamId: callers[0].teamId }]) {
          const hourFrom = new Date(Math.floor(from.getTime() / HOUR_MS) * HOUR_MS);
          const label = `${interval} ${groupBy} ${JSON.stringify(filter)}`;
          const cells = await timeseriesCells(db(), { orgId: org.id, hourFrom, to, filter, groupBy, interval });
          // The reference: every rollup hour through Prisma's groupBy (BigInt sums), bucketed in JavaScript.
          const hourly = await groupRollups(db(), { orgId: org.id, hourFrom, to, filter, by: [groupBy], byTime: true, daily: false });
          const expected = new Map<string, Record<string, number>>();
          for (const row of hourly) {
            const id = `${bucketKey(row.start, interval)}|${row[groupBy]}`;
            const cell = expected.get(id) ?? { calls: 0, errors: 0, refused: 0, inputTokens: 0, outputTokens: 0, costMicros: 0, cacheHits: 0, cacheMisses: 0, costSavedMicros: 0 };
            cell.calls += row.sum.calls;
            cell.errors += row.sum.errors;
            cell.refused += row.sum.refused;
            cell.inputTokens += Number(row.sum.inputTokens);
            cell.outputTokens += Number(row.sum.outputTokens);
            cell.costMicros += Number(row.sum.costMicros);
            cell.cacheHits += row.sum.cacheHits + row.sum.semanticHits;
            cell.cacheMisses += row.sum.cacheMisses;
            cell.costSavedMicros += Number(row.sum.costSavedMicros);
            expected.set(id, cell);
          }
          expect(cells.length, label).toBe(expected.size);
          expect(cells.length, label).toBeGreaterThan(0);
          for (const { day, group, ...sums } of cells) {
            for (const value of Object.values(sums)) expect(typeof value, label).toBe("number");
            expect(sums, `${label} ${day} ${group}`).toEqual(expected.get(`${day}|${group}`));
          }
          if (interval === "hour") expect(cells.every((c) => /^\d{4}-\d\d-\d\dT\d\d:00:00\.000Z$/.test(c.day)), label).toBe(true);
        }
      }
      // The API's points: by bucket, then by group id in localeCompare order (labels are emails).
      const result = await getUsageTimeseries({ orgId: org.id, query: timeseriesQuerySchema.parse({ from: from.toISOString(), to: to.toISOString(), groupBy: "user", interval }) });
      const idOf = new Map(await Promise.all(callers.map(async (c) => [(await db().user.findUniqueOrThrow({ where: { id: c.userId } })).email, c.userId] as const)));
      const order = result.series.map((p) => [p.day, idOf.get(p.group)!] as const);
      expect(order).toEqual([...order].sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1])));
      expect(new Set(order.map(([day]) => day)).size).toBeGreaterThan(1);
    }
  });
});
