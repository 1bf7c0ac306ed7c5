// Input the databases cannot store, sent to real admin routes: every one must be a 400 naming the
// field (on PostgreSQL a NUL or a lone surrogate used to be a 500; on SQLite the surrogate too, and
// far-away dates were a 500 on both).
import { beforeAll, describe, expect, it } from "vitest";
import { uniqueSuffix } from "../../test/support/test-ids";
import * as alerts from "../alerts/alerts-route";
import * as auditLog from "../audit/audit-log-route";
import * as auditExport from "../audit/audit-export-route";
import * as billing from "../billing/billing-route";
import * as keys from "../keys/keys-route";
import * as models from "../models/models-route";
import * as providers from "../providers/providers-route";
import * as verifyUsage from "../quotas/verify-usage-route";
import * as teams from "../teams/teams-route";
import * as usage from "../usage/usage-route";
import * as timeseries from "../usage/usage-timeseries-route";
import * as users from "../users/users-route";
import type { AdminRouteHandler } from "./admin-route";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey } from "./admin-test-support";

beforeAll(() => enableTestAdminApiKey());

/** A JSON body with `field` set to the raw JSON text `raw` (so "\u0000" reaches the server as sent). */
function bodyWith(base: Record<string, unknown>, field: string, raw: string): string {
  return JSON.stringify({ ...base, [field]: "__RAW__" }).replace('"__RAW__"', raw);
}

describe("text the databases cannot store", () => {
  const NUL = '"a\\u0000b"';
  const LONE_SURROGATE = '"a\\ud800b"';

  it("answers 400 naming the field for a NUL or a lone surrogate in any admin body", async () => {
    const owner = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    const cases: [AdminRouteHandler, string, Record<string, unknown>, string][] = [
      [users.POST, "/api/admin/users", { email: `u-${uniqueSuffix()}@example.test`, name: "n" }, "name"],
      [teams.POST, "/api/admin/teams", { name: `t-${uniqueSuffix()}` }, "name"],
      [keys.POST, "/api/admin/keys", { userId: owner.id, name: "k" }, "name"],
      [providers.POST, "/api/admin/providers", { name: `p-${uniqueSuffix()}`, kind: "openai", apiKey: "sk-1" }, "apiKey"],
      [models.POST, "/api/admin/models", { name: `m-${uniqueSuffix()}`, upstreamModel: "u", inputPricePerMTok: 1, outputPricePerMTok: 1 }, "upstreamModel"],
    ];
    for (const [handler, path, base, field] of cases) {
      for (const raw of [NUL, LONE_SURROGATE]) {
        const response = await callRoute(handler, adminRequest(path, { method: "POST", rawBody: bodyWith(base, field, raw) }));
        expect({ path, raw, status: response.status, error: response.body.error }).toMatchObject({
          status: 400,
          error: { code: "invalid_text", field, message: expect.stringMatching(raw === NUL ? /NUL/ : /surrogate/) },
        });
      }
    }
  });

  it("names the nested path, and refuses a NUL in a query parameter too", async () => {
    const nested = await callRoute(
      keys.POST,
      adminRequest("/api/admin/keys", { method: "POST", rawBody: '{"name":"k","userId":"x","models":["ok","b\\u0000"]}' }),
    );
    expect(nested.status).toBe(400);
    expect(nested.body.error.field).toBe("models.1");
    const query = await callRoute(users.GET, adminRequest("/api/admin/users?q=a%00b"));
    expect(query.status).toBe(400);
    expect(query.body.error).toMatchObject({ code: "invalid_text", field: "q" });
  });

  it("still stores emoji and other text outside the Basic Multilingual Plane", async () => {
    const created = await callRoute(teams.POST, adminRequest("/api/admin/teams", { method: "POST", body: { name: `Équipe 😀 ${uniqueSuffix()}` } }));
    expect(created.status).toBe(201);
    expect(created.body.name).toContain("😀");
  });
});

describe("dates outside the years 1970–2999", () => {
  const routes: [string, AdminRouteHandler, string][] = [
    ["usage", usage.GET, "/api/admin/usage"],
    ["timeseries", timeseries.GET, "/api/admin/usage/timeseries"],
    ["billing", billing.GET, "/api/admin/billing"],
    ["audit log", auditLog.GET, "/api/admin/audit-log"],
    ["audit export", auditExport.GET, "/api/admin/audit-log/export"],
    ["alerts", alerts.GET, "/api/admin/alerts"],
  ];

  it("answers 400 naming from or to on every ranged query", async () => {
    for (const [name, handler, path] of routes) {
      for (const [query, field] of [
        ["from=0001-01-01&to=9999-12-31", "from"],
        ["from=2020-01-01&to=9999-12-31", "to"],
        ["to=9999-12-31T23:59:59-14:00", "to"],
        ["from=1969-12-31", "from"],
      ] as const) {
        const response = await callRoute(handler, adminRequest(`${path}?${query}`));
        expect({ name, query, status: response.status, error: response.body?.error }).toMatchObject({
          status: 400,
          error: { code: "date_out_of_range", field },
        });
      }
    }
  });

  it("answers 400 for a usage verification window and a key expiry out of range", async () => {
    const status = await callRoute(verifyUsage.GET, adminRequest("/api/admin/usage/verify?from=2020-01-01&to=9999-12-31T23:00:00-05:00"));
    expect(status.status).toBe(400);
    expect(status.body.error.field).toBe("to");
    const owner = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    const key = await callRoute(keys.POST, adminRequest("/api/admin/keys", { method: "POST", body: { userId: owner.id, name: "k", expiresAt: "9999-12-31T23:59:59-05:00" } }));
    expect(key.status).toBe(400);
    expect(key.body.error).toMatchObject({ code: "date_out_of_range", field: "expiresAt" });
  });

  it("keeps answering in-range queries, up to the last day of 2999", async () => {
    for (const [name, handler, path] of routes) {
      const query = name === "billing" ? "from=2999-12-01&to=2999-12-31" : "from=1970-01-01&to=2999-12-31";
      const response = await handler(adminRequest(`${path}?${query}`), { params: Promise.resolve({}) });
      await response.text();
      expect({ name, status: response.status }).toEqual({ name, status: 200 });
    }
  });
});
