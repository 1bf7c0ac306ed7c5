import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { ensureDefaultOrg } from "../org/default-org";
import { uniqueSuffix } from "../../test/support/test-ids";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor } from "../http/admin-test-support";
import * as usage from "./usage-route";
import * as spend from "./spend-route";
import * as timeseries from "./usage-timeseries-route";

beforeAll(() => enableTestAdminApiKey());

describe("/api/admin/usage", () => {
  it("forces developers to their own records; admins filter by user", async () => {
    const orgId = await ensureDefaultOrg();
    const dev = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    const other = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    const model = `usage-route-${uniqueSuffix()}`;
    const at = new Date(Date.now() - 60_000);
    await db().usageRecord.createMany({
      data: [dev.id, other.id, other.id].map((userId) => ({
        requestId: `r-${uniqueSuffix()}${uniqueSuffix()}`, orgId, userId, model, status: 200, costMicros: 1_000n, createdAt: at,
      })),
    });

    const asAdmin = await callRoute(usage.GET, adminRequest(`/api/admin/usage?model=${model}&userId=${other.id}`));
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body).toMatchObject({ total: 2, limit: 50, nextCursor: null, totals: { calls: 2, cost: 0.002 } });

    const auth = await sessionCookieFor(dev);
    const asDev = await callRoute(usage.GET, adminRequest(`/api/admin/usage?model=${model}&userId=${other.id}`, { auth }));
    expect(asDev.body.total).toBe(1);
    expect(asDev.body.records[0].userId).toBe(dev.id);
  });

  it("validates dates and groupBy (422 naming the field) and needs auth", async () => {
    const bad = await callRoute(usage.GET, adminRequest("/api/admin/usage?from=yesterday"));
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe("from");
    const reversed = await callRoute(timeseries.GET, adminRequest("/api/admin/usage/timeseries?from=2025-03-05&to=2025-03-01"));
    expect(reversed.body.error.field).toBe("from");
    const group = await callRoute(timeseries.GET, adminRequest("/api/admin/usage/timeseries?groupBy=team"));
    expect(group.body.error.field).toBe("groupBy");
    expect((await callRoute(timeseries.GET, adminRequest("/api/admin/usage/timeseries", { auth: "none" }))).status).toBe(401);
  });

  it("answers the timeseries shape for the default range", async () => {
    const result = await callRoute(timeseries.GET, adminRequest("/api/admin/usage/timeseries"));
    expect(result.status).toBe(200);
    expect(Object.keys(result.body).sort()).toEqual(["from", "interval", "latency", "modelLatency", "series", "to", "totals", "ttft"]);
    expect(new Date(result.body.to).getTime() - new Date(result.body.from).getTime()).toBe(7 * 24 * 3600 * 1000);
  });

  it("spend: this month by default, 422 naming a bad field, 401 without auth", async () => {
    const result = await callRoute(spend.GET, adminRequest("/api/admin/usage/spend?by=user"));
    expect(result.status).toBe(200);
    expect(result.body.by).toBe("user");
    expect(new Date(result.body.from).getUTCDate()).toBe(1);
    expect((await callRoute(spend.GET, adminRequest("/api/admin/usage/spend"))).body.error.field).toBe("by");
    expect((await callRoute(spend.GET, adminRequest("/api/admin/usage/spend?by=model"))).body.error.field).toBe("by");
    expect((await callRoute(spend.GET, adminRequest("/api/admin/usage/spend?by=key&limit=0"))).body.error.field).toBe("limit");
    expect((await callRoute(spend.GET, adminRequest("/api/admin/usage/spend?by=key", { auth: "none" }))).status).toBe(401);
  });
});
