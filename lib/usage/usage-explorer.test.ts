// The call log's filters (outcome, cache verdict, request id, team, fallback) and keyset pagination
// (every record exactly once across pages, ties on createdAt broken by request id, a bad cursor
// refused naming the field), on a private organization.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { uniqueSuffix } from "../../test/support/test-ids";
import { adminRequest, callRoute, enableTestAdminApiKey } from "../http/admin-test-support";
import { getUsageDetail } from "./usage-detail";
import { RECORDS_FALLBACK } from "./usage-filters";
import { listUsageRecords } from "./usage-records";
import * as usageRoute from "./usage-route";
import { usageQuerySchema } from "./schemas";

let orgId: string;
let teamA: string;
const AT = new Date("2025-05-05T12:00:00.000Z");

beforeAll(async () => {
  enableTestAdminApiKey();
  orgId = (await db().organization.create({ data: { name: `Explorer ${uniqueSuffix()}` } })).id;
  teamA = (await db().team.create({ data: { orgId, name: `explorer-a-${uniqueSuffix()}` } })).id;
  const record = (i: number, extra: Record<string, unknown> = {}) => ({
    requestId: `req-x-${String(i).padStart(4, "0")}`, orgId, model: "m", status: 200, createdAt: AT, ...extra,
  });
  await db().usageRecord.createMany({
    data: [
      // 130 calls in the same millisecond: pages must still not repeat or skip one.
      ...Array.from({ length: 130 }, (_, i) => record(i)),
      record(900, { status: 502, errorType: "upstream_error", createdAt: new Date(AT.getTime() - 1000) }),
      record(901, { status: 429, refusal: "quota", errorType: "quota_exceeded", createdAt: new Date(AT.getTime() - 2000) }),
      record(902, { status: 404, refusal: "model_not_found", errorType: "model_not_found", createdAt: new Date(AT.getTime() - 3000) }),
      record(903, { cache: "hit", teamId: teamA, createdAt: new Date(AT.getTime() - 4000) }),
      record(904, { cache: "miss", teamId: teamA, createdAt: new Date(AT.getTime() - 5000), ...(RECORDS_FALLBACK ? { fallbackModel: "m-small" } : {}) }),
    ],
  });
});

const query = (params: Record<string, string>) => usageQuerySchema.parse({ from: "2025-05-01", to: "2025-05-31", ...params });
const ids = async (params: Record<string, string>) => (await listUsageRecords({ orgId, query: query(params) })).records.map((r) => r.requestId);
/** Calls matching the filter (the first page's total). */
const count = async (params: Record<string, string>) => (await listUsageRecords({ orgId, query: query(params) })).total;

describe("call log filters", () => {
  it("splits answered, failed and refused calls", async () => {
    expect(await ids({ status: "refused" })).toEqual(["req-x-0901", "req-x-0902"]);
    expect(await ids({ status: "error" })).toEqual(["req-x-0900"]);
    const refused = await listUsageRecords({ orgId, query: query({ status: "refused" }) });
    expect(refused.records.map((r) => [r.outcome, r.refusal])).toEqual([["refused", "quota"], ["refused", "model_not_found"]]);
    expect((await listUsageRecords({ orgId, query: query({}) })).totals).toMatchObject({ calls: 135, errors: 1, refused: 2 });
  });

  it("filters by cache verdict, request id and team", async () => {
    expect(await ids({ cache: "hit" })).toEqual(["req-x-0903"]);
    expect(await count({ cache: "none" })).toBe(133);
    expect(await ids({ requestId: "req-x-0042" })).toEqual(["req-x-0042"]);
    expect(await ids({ teamId: teamA })).toEqual(["req-x-0903", "req-x-0904"]);
  });

  it.runIf(RECORDS_FALLBACK)("filters calls a fallback model served", async () => {
    expect(await ids({ fallback: "true" })).toEqual(["req-x-0904"]);
    expect(await count({ fallback: "false" })).toBe(134);
    const [record] = (await listUsageRecords({ orgId, query: query({ fallback: "true" }) })).records;
    expect(record.fallbackModel).toBe("m-small");
  });
});

describe("keyset pagination", () => {
  it("walks every record exactly once, newest first, ties broken by request id", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listUsageRecords({ orgId, query: query({ limit: "50", ...(cursor ? { cursor } : {}) }) });
      seen.push(...page.records.map((r) => r.requestId));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(135);
    expect(new Set(seen).size).toBe(135);
    expect(seen.slice(0, 3)).toEqual(["req-x-0129", "req-x-0128", "req-x-0127"]);
    expect(seen.at(-1)).toBe("req-x-0904");
  });

  it("refuses a cursor it did not give out, naming the field", async () => {
    const bad = await callRoute(usageRoute.GET, adminRequest("/api/admin/usage?cursor=not-a-cursor"));
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("cursor");
    const status = await callRoute(usageRoute.GET, adminRequest("/api/admin/usage?status=weird"));
    expect(status.body.error.field).toBe("status");
  });
});

describe("a call's detail", () => {
  it("lists the attempts of a call that needed more than one, and survives a log it cannot read", async () => {
    const attempts = [
      { deploymentId: "dep-gone-1", model: "m", status: 502, errorType: "upstream_error", upstreamStatus: 503, latencyMs: 120.4, ttftMs: null },
      { deploymentId: "dep-gone-2", model: "m-small", status: 200, errorType: null, upstreamStatus: 200, latencyMs: 80, ttftMs: 20 },
    ];
    await db().usageRecord.createMany({
      data: [
        { requestId: "req-x-attempts", orgId, model: "m", status: 200, createdAt: AT, deploymentId: "dep-gone-2", attempts: 2, attemptLog: JSON.stringify(attempts) },
        { requestId: "req-x-badlog", orgId, model: "m", status: 200, createdAt: AT, attemptLog: "{not json" },
      ],
    });
    const principal = { id: "someone", email: "", name: "", role: "admin" as const, orgId, via: "admin-api-key" as const };
    const detail = await getUsageDetail({ principal, requestId: "req-x-attempts" });
    expect(detail).toMatchObject({ attempts: 2, deploymentId: "dep-gone-2", deploymentName: null, router: null });
    expect(detail.attemptLog).toEqual([
      { deploymentId: "dep-gone-1", deploymentName: null, model: "m", status: 502, errorType: "upstream_error", upstreamStatus: 503, latencyMs: 120 },
      { deploymentId: "dep-gone-2", deploymentName: null, model: "m-small", status: 200, errorType: null, upstreamStatus: 200, latencyMs: 80 },
    ]);
    expect((await getUsageDetail({ principal, requestId: "req-x-badlog" })).attemptLog).toEqual([]);
    await expect(getUsageDetail({ principal: { ...principal, orgId: "another-org" }, requestId: "req-x-attempts" })).rejects.toThrow(/No call/);
  });
});
